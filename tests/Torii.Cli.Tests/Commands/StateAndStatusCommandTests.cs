using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class StateAndStatusCommandTests
{
    [Fact]
    public void Save_sends_the_file_as_an_absolute_path()
    {
        Request request = RequestFor("state save --file saved/state.json");

        Assert.Equal(Path.GetFullPath("saved/state.json"), request.SaveState);
        Assert.True(Path.IsPathRooted(request.SaveState));
    }

    [Fact]
    public void Load_keeps_an_absolute_path_as_it_is()
    {
        Assert.Equal(new Request { LoadState = "/var/lib/torii/state.json" }, RequestFor("state load --file /var/lib/torii/state.json"));
    }

    [Fact]
    public void Load_accepts_the_short_file_option()
    {
        Assert.Equal(new Request { LoadState = "/tmp/state.json" }, RequestFor("state load -f /tmp/state.json"));
    }

    [Fact]
    public void Save_requires_a_file()
    {
        Assert.NotEmpty(ParseErrorsOf("state save"));
    }

    [Fact]
    public void Stats_counts_requests()
    {
        Assert.Equal(new Request { CountRequests = new CountRequests() }, RequestFor("state stats"));
    }

    [Fact]
    public void Status_asks_for_the_status()
    {
        Assert.Equal(new Request { Status = new Status() }, RequestFor("status"));
    }

    [Fact]
    public void Shutdown_is_soft_unless_hard_is_asked()
    {
        Assert.Equal(new Request { SoftStop = new SoftStop() }, RequestFor("shutdown"));
        Assert.Equal(new Request { HardStop = new HardStop() }, RequestFor("shutdown --hard"));
    }
}
