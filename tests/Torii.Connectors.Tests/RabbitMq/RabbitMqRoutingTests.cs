using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqRoutingTests(SharedRabbitMqNode shared)
{
    [Fact]
    public async Task Json_requests_published_on_the_exchange_route_http_traffic_through_torii_to_the_backend()
    {
        await using TestBackend backend = await TestBackend.StartAsync("web-1");
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node);

        await scenario.Publisher.PublishJsonAsync(Requests.Cluster("web"));
        await scenario.Publisher.PublishJsonAsync(Requests.AddFrontend("web", scenario.HttpPort, "web.test"));
        await scenario.Publisher.PublishJsonAsync(Requests.Backend("web", "web-1", backend));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 3, "the three requests applied");

        RawHttpResponse response = await RawHttpConnection.GetAsync(scenario.HttpPort, "web.test", "/");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("web-1", response.Body);
    }

    [Fact]
    public async Task Protobuf_requests_as_sozu_tools_publish_them_are_applied_in_order()
    {
        await using TestBackend first = await TestBackend.StartAsync("first");
        await using TestBackend second = await TestBackend.StartAsync("second");
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node);

        await scenario.Publisher.PublishAsync(Requests.Cluster("app"));
        await scenario.Publisher.PublishAsync(Requests.AddFrontend("app", scenario.HttpPort, "app.test"));
        await scenario.Publisher.PublishAsync(Requests.Backend("app", "first", first));
        await scenario.Publisher.PublishAsync(Requests.RemoveBackend("app", "first", first.Port));
        await scenario.Publisher.PublishAsync(Requests.Backend("app", "second", second));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 5, "the five requests applied");

        RawHttpResponse response = await RawHttpConnection.GetAsync(scenario.HttpPort, "app.test", "/");
        Assert.Equal("second", response.Body);
        Assert.Equal(0, (await scenario.Connector.CountersAsync()).Failed);
    }
}
