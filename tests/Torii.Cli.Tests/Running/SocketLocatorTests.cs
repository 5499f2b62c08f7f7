
namespace Torii.Cli.Tests.Running;

public sealed class SocketLocatorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void A_given_socket_wins_over_any_config()
    {
        _directory.Write("config.toml", "command_socket = \"from-config.sock\"\n");

        string socket = SocketLocator.Locate("run/given.sock", "config.toml", _directory.Path);

        Assert.Equal(_directory.File("run/given.sock"), socket);
    }

    [Fact]
    public void A_given_config_names_the_socket_relative_to_the_config_folder()
    {
        Directory.CreateDirectory(_directory.File("etc"));
        _directory.Write("etc/proxy.toml", "command_socket = \"../run/torii.sock\"\n");

        string socket = SocketLocator.Locate(null, "etc/proxy.toml", _directory.Path);

        Assert.Equal(_directory.File("run/torii.sock"), socket);
    }

    [Fact]
    public void Config_toml_in_the_current_directory_is_used_when_nothing_is_given()
    {
        _directory.Write("config.toml", "command_socket = \"/run/torii/command.sock\"\n");

        Assert.Equal("/run/torii/command.sock", SocketLocator.Locate(null, null, _directory.Path));
    }

    [Fact]
    public void Without_socket_or_config_the_socket_is_torii_sock_in_the_current_directory()
    {
        Assert.Equal(_directory.File("torii.sock"), SocketLocator.Locate(null, null, _directory.Path));
    }

    [Fact]
    public void A_config_that_does_not_load_is_reported_with_its_position()
    {
        string config = _directory.Write("broken.toml", "command_socket = \n");

        var refusal = Assert.Throws<CommandLineException>(() => SocketLocator.Locate(null, config, _directory.Path));

        Assert.StartsWith("cannot find the command socket: ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("broken.toml:1:", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_is_reported()
    {
        var refusal = Assert.Throws<CommandLineException>(() => SocketLocator.Locate(null, "missing.toml", _directory.Path));

        Assert.Contains("missing.toml", refusal.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
