using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Pulsar;

[Collection(PulsarCollection.Name)]
public sealed class PulsarRoutingTests
{
    [Fact]
    public async Task Json_requests_on_the_topic_route_http_traffic_through_torii_to_the_backend_and_are_acknowledged()
    {
        await using TestBackend backend = await TestBackend.StartAsync("web-1");
        await using PulsarScenario scenario = await PulsarScenario.StartAsync();

        scenario.PublishJson(Requests.Cluster("web"));
        scenario.PublishJson(Requests.AddFrontend("web", scenario.HttpPort, "web.test"));
        scenario.PublishJson(Requests.Backend("web", "web-1", backend));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 3, "the three requests applied");

        RawHttpResponse response = await RawHttpConnection.GetAsync(scenario.HttpPort, "web.test", "/");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("web-1", response.Body);
        await Infrastructure.Eventually.HoldsAsync(() => scenario.Unacknowledged == 0, "every message acknowledged");
    }

    [Fact]
    public async Task Protobuf_requests_as_sozu_publishes_them_are_applied_in_topic_order()
    {
        await using TestBackend first = await TestBackend.StartAsync("first");
        await using TestBackend second = await TestBackend.StartAsync("second");
        await using PulsarScenario scenario = await PulsarScenario.StartAsync();

        scenario.Publish(Requests.Cluster("app"));
        scenario.Publish(Requests.AddFrontend("app", scenario.HttpPort, "app.test"));
        scenario.Publish(Requests.Backend("app", "first", first));
        scenario.Publish(Requests.RemoveBackend("app", "first", first.Port));
        scenario.Publish(Requests.Backend("app", "second", second));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 5, "the five requests applied");

        RawHttpResponse response = await RawHttpConnection.GetAsync(scenario.HttpPort, "app.test", "/");
        Assert.Equal("second", response.Body);
    }
}
