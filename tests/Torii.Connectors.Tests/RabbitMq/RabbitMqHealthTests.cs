using System.Net;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqHealthTests(SharedRabbitMqNode shared)
{
    [Fact]
    public async Task Healthz_reports_the_counters_and_turns_503_while_the_proxy_is_down()
    {
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node);
        await scenario.Publisher.PublishAsync(Requests.Cluster("app"));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 1, "one request applied");

        (HttpStatusCode status, string body) = await scenario.Connector.HealthzAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"ok","received":1,"applied":1,"failed":0,"dead_lettered":0,"retried":0}""", body);

        await scenario.Torii.KillAsync();
        await Eventually.HoldsAsync(
            async () => (await scenario.Connector.HealthzAsync()).Status == HttpStatusCode.ServiceUnavailable,
            "healthz 503 once the proxy is gone");
        (_, string reason) = await scenario.Connector.HealthzAsync();
        Assert.StartsWith("proxy: ", reason);
        Assert.Single(reason.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        await scenario.KillAndRestartToriiAsync();
        await scenario.Connector.WaitUntilHealthyAsync();
    }

    [Fact]
    public async Task A_sigterm_stops_the_connector_cleanly()
    {
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node);

        int exitCode = await scenario.Connector.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("stopped: received 0", scenario.Connector.Output);
    }
}
