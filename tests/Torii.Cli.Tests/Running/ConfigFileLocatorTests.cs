
namespace Torii.Cli.Tests.Running;

public sealed class ConfigFileLocatorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void A_given_path_is_made_absolute_against_the_current_directory()
    {
        Assert.Equal(_directory.File("etc/torii.toml"), ConfigFileLocator.Find("etc/torii.toml", _directory.Path));
    }

    [Fact]
    public void Config_toml_here_is_the_default()
    {
        string config = _directory.Write("config.toml", "");

        Assert.Equal(config, ConfigFileLocator.Require(null, _directory.Path));
    }

    [Fact]
    public void Without_a_config_the_refusal_says_how_to_give_one()
    {
        var refusal = Assert.Throws<CommandLineException>(() => ConfigFileLocator.Require(null, _directory.Path));

        Assert.Equal($"no config file: give one with -c FILE (there is no config.toml in {_directory.Path})", refusal.Message);
    }

    public void Dispose() => _directory.Dispose();
}
