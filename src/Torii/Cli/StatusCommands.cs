using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii status` and `torii shutdown [--hard]`.</summary>
internal static class StatusCommands
{
    public static RequestCommand CreateStatus(CommonOptions common) =>
        new("status", "Show whether the proxy runs, what it holds and its process id", common, _ =>
            [new Request { Status = new Status() }]);

    public static RequestCommand CreateShutdown(CommonOptions common)
    {
        var hard = new Option<bool>("--hard") { Description = "Exit at once instead of waiting for open connections" };
        return new RequestCommand("shutdown", "Stop accepting and exit once open connections have finished", common, parseResult =>
            [parseResult.GetValue(hard)
                ? new Request { HardStop = new HardStop() }
                : new Request { SoftStop = new SoftStop() }])
        {
            hard,
        };
    }
}
