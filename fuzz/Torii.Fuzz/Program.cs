using SharpFuzz;
using Torii.Fuzz;

if (args.Length == 0 || !FuzzTargets.TryGet(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Torii.Fuzz TARGET [--replay FILE|DIR]; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

if (args.Length == 3 && args[1] == "--replay")
{
    return Replay.Run(target, args[2], Console.Out);
}

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Torii.Fuzz TARGET [--replay FILE|DIR]");
    return 2;
}

// Out of process: a stack overflow or a failed fast kills the child, which afl then sees as a crash.
Fuzzer.OutOfProcess.Run(stream => target.Run(Input.ReadAll(stream)));
return 0;
