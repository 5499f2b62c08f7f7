using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>worker_count sets how many socket loops (event-loop threads) serve the connections; absent, one per CPU.</summary>
public sealed class WorkerCountTests
{
    [Fact]
    public async Task Worker_count_sets_the_number_of_socket_loop_threads()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(extraConfig: "worker_count = 3");
        await proxy.RouteAppToFirstAsync();

        var response = await proxy.GetAsync("app.test", "/");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, LoopThreads(proxy.Torii.Pid));
    }

    [Fact]
    public async Task Without_worker_count_there_is_one_socket_loop_per_CPU()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();

        var response = await proxy.GetAsync("app.test", "/");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Environment.ProcessorCount, LoopThreads(proxy.Torii.Pid));
    }

    private static int LoopThreads(int pid) => ProcessThreads.CountNamed(pid, "torii-loop-");
}
