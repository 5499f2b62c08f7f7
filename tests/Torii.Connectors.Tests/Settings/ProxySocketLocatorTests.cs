using Torii.Connectors.Settings;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Settings;

public sealed class ProxySocketLocatorTests
{
    [Fact]
    public void A_given_socket_wins()
    {
        using var folder = new TemporaryFolder();
        folder.Write("config.toml", "command_socket = \"other.sock\"\n");

        Assert.Equal(Path.Combine(folder.Path, "given.sock"), ProxySocketLocator.Locate("given.sock", null, folder.Path));
    }

    [Fact]
    public void The_command_socket_of_the_given_proxy_config_resolves_against_that_config()
    {
        using var folder = new TemporaryFolder();
        string config = folder.Write("proxy.toml", "command_socket = \"run/proxy.sock\"\n");

        Assert.Equal(Path.Combine(folder.Path, "run", "proxy.sock"), ProxySocketLocator.Locate(null, config, "/"));
    }

    [Fact]
    public void Without_either_the_config_toml_of_the_current_folder_is_read()
    {
        using var folder = new TemporaryFolder();
        folder.Write("config.toml", "command_socket = \"here.sock\"\n");

        Assert.Equal(Path.Combine(folder.Path, "here.sock"), ProxySocketLocator.Locate(null, null, folder.Path));
    }

    [Fact]
    public void Without_any_config_it_is_torii_sock_in_the_current_folder()
    {
        using var folder = new TemporaryFolder();

        Assert.Equal(Path.Combine(folder.Path, "torii.sock"), ProxySocketLocator.Locate(null, null, folder.Path));
    }

    [Fact]
    public void A_broken_proxy_config_is_a_settings_error()
    {
        using var folder = new TemporaryFolder();
        string config = folder.Write("proxy.toml", "command_socket = \n");

        var error = Assert.Throws<SettingsException>(() => ProxySocketLocator.Locate(null, config, folder.Path));

        Assert.StartsWith("cannot find the proxy's command socket:", error.Message);
    }
}
