using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>The command channel runs on a socket loop of its own ("torii-command"), apart from the client connections' loops.</summary>
public sealed class CommandLoopTests
{
    private const int Changes = 2_000;

    [Fact]
    public async Task Commands_are_read_applied_and_answered_on_the_command_loop_thread()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        var before = CommandThreadTicks(proxy.Torii.Pid);

        for (var i = 0; i < Changes / 2; i++)
        {
            await proxy.Torii.MustAsync(Requests.Backend("app", "churn", 9));
            await proxy.Torii.MustAsync(Requests.RemoveBackend("app", "churn", 9));
        }

        // 2,000 commands take tens of milliseconds of CPU on whichever thread runs them; clock ticks are 10 ms.
        var after = CommandThreadTicks(proxy.Torii.Pid);
        Assert.NotNull(after);
        Assert.True(after > (before ?? 0), $"the torii-command thread used {after} clock ticks after {Changes} commands, {before} before");
        Assert.Equal(200, (await proxy.GetAsync("app.test", "/")).StatusCode);
    }

    private static long? CommandThreadTicks(int pid) => ProcessThreads.CpuTicks(pid, "torii-command");
}
