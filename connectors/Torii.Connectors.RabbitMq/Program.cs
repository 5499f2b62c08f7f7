using System.CommandLine;
using Torii.Connectors.RabbitMq.Cli;

// Closing the broker connection and the health endpoint after SIGTERM may take a few seconds; the default allows two.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
return await RabbitMqCommandLine.Create().Parse(args).InvokeAsync(invocation);
