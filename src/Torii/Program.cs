using System.CommandLine;
using Torii.Cli;
using Torii.Hosting;

SocketEngineSettings.Apply();

// `torii start` handles SIGINT and SIGTERM itself (a soft stop, then a hard one); the parser's own
// handler would cancel the run and force the process out before connections have drained.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await ToriiCommandLine.Create().Parse(args).InvokeAsync(invocation);
