namespace Torii.EndToEnd.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The CLI process's id: the peer the proxy saw on its command socket.</summary>
    public int Pid { get; init; }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
