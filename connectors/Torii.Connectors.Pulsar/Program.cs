using System.CommandLine;
using Torii.Connectors.Pulsar.Cli;

// Closing the subscription and the health endpoint after SIGTERM may take a few seconds; the default allows two.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
return await PulsarCommandLine.Create().Parse(args).InvokeAsync(invocation);
