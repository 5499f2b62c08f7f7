using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class UpgradeCommandTests
{
    [Fact]
    public void Upgrade_without_a_binary_lets_the_proxy_start_its_own_executable()
    {
        var upgrade = RequestFor("upgrade").UpgradeMain;

        Assert.NotNull(upgrade);
        Assert.False(upgrade.HasBinary);
    }

    [Fact]
    public void Upgrade_sends_the_binary_as_an_absolute_path()
    {
        var upgrade = RequestFor("upgrade --binary releases/next/torii").UpgradeMain;

        Assert.Equal(Path.GetFullPath("releases/next/torii"), upgrade.Binary);
    }

    [Fact]
    public void Upgrade_waits_longer_than_the_proxy_waits_for_the_new_process()
    {
        var command = Assert.IsType<RequestCommand>(Parse("upgrade").CommandResult.Command);

        Assert.True(command.MinimumTimeoutMilliseconds > 60_000);
    }

    [Fact]
    public void The_takeover_option_of_start_is_hidden_from_help()
    {
        var start = Parse("start").CommandResult.Command;

        Assert.Contains(start.Options, option => option.Name == "--upgrade-from" && option.Hidden);
    }
}
