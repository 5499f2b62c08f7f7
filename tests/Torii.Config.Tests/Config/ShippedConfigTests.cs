using Torii.Protocol;

namespace Torii.Config.Tests.Config;

public sealed class ShippedConfigTests
{
    [Fact]
    public void Default_config_loads_with_one_active_http_listener_and_no_clusters()
    {
        var root = RepositoryRoot.Find();

        var config = ConfigLoader.Load(Path.Combine(root, "config.toml"));

        Assert.Equal(Path.Combine(root, "torii.sock"), config.Settings.CommandSocket);
        Assert.Empty(config.Warnings);
        Assert.Equal(
            [Request.RequestTypeOneofCase.AddHttpListener, Request.RequestTypeOneofCase.ActivateListener],
            config.Requests.Select(request => request.Request.RequestTypeCase));
        Assert.Equal("127.0.0.1:8080", SocketAddressText.Format(config.Requests[0].Request.AddHttpListener.Address));
    }
}
