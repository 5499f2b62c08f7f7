using Torii.Bench;
using Torii.Bench.Report;

// torii-bench VERB --key value ...: the parts of bench/run.sh that are easier in C# than in bash.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: torii-bench VERB [--key value ...]
          idle   --port P --connections N --pids PID[,PID] [--host H] [--path /small] [--concurrency 100] [--settle-ms 2000]
                 opens N keep-alive connections (one request each), keeps them open and prints the proxy's RSS before and after
          churn  --socket PATH --cluster ID --address IP:PORT --rate R --seconds S [--workers 4] [--warmup-pairs 0] [--client pooled]  (SIGTERM stops it early)
                 adds and removes backends through the command socket at R commands per second; --client pooled sends
                 them through Torii.Client (what connectors use), --client blocking from one thread with blocking socket calls
          state-file --clusters N --listener IP:PORT --backend IP:PORT --out FILE
                 writes a state file of N clusters x (1 HTTP frontend on the listener + 1 backend) for `torii state load`
          report --raw FILE --meta FILE --out FILE
                 turns the raw results of bench/run.sh into the Markdown report
        """);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = Arguments.Parse(args.AsSpan(1));
    return args[0] switch
    {
        "idle" => await IdleConnections.RunAsync(options),
        "churn" => options.Text("client", "pooled") switch
        {
            "pooled" => await BackendChurn.RunAsync(options),
            "blocking" => BlockingChurn.Run(options),
            var other => throw new ArgumentException($"--client must be pooled or blocking, not '{other}'"),
        },
        "state-file" => await StateFileGenerator.RunAsync(options),
        "report" => ReportCommand.Run(options),
        _ => throw new ArgumentException($"unknown verb '{args[0]}' (idle, churn, state-file, report)"),
    };
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync($"torii-bench: {error.Message}");
    return 2;
}
