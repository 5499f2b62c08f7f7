using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>A listener's sozu_id_header renames the request id header both ways; an update renames it for new requests.</summary>
public sealed class RequestIdHeaderTests
{
    [Fact]
    public async Task The_listener_s_sozu_id_header_carries_the_request_id_to_the_backend_and_back()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "sozu_id_header = \"X-Edge-Id\"");
        await proxy.RouteAppToFirstAsync();

        var response = await proxy.GetAsync("app.test", "/headers");

        Assert.Equal(200, response.StatusCode);
        var id = response.Header("X-Edge-Id");
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Null(response.Header("Torii-Id"));
        Assert.Contains($"X-Edge-Id: {id}", response.Body);
        Assert.DoesNotContain("Torii-Id:", response.Body);

        await proxy.Torii.MustAsync(new Request
        {
            UpdateHttpListener = new UpdateHttpListenerConfig { Address = Requests.Loopback(proxy.HttpPort), SozuIdHeader = "X-Trace-Id" },
        });
        var renamed = await proxy.GetAsync("app.test", "/headers");

        Assert.False(string.IsNullOrEmpty(renamed.Header("X-Trace-Id")));
        Assert.Null(renamed.Header("X-Edge-Id"));
        Assert.Contains($"X-Trace-Id: {renamed.Header("X-Trace-Id")}", renamed.Body);
    }
}
