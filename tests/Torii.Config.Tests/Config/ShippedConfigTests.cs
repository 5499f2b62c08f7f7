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

    [Fact]
    public void The_commented_example_cluster_and_its_health_check_load_once_uncommented()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "config.toml"));
        var example = text.IndexOf("# [clusters.example]", StringComparison.Ordinal);
        // Only the lines that are TOML (tables, keys, array items) lose their '# '; the prose stays a comment.
        var toml = new System.Text.RegularExpressions.Regex(@"^# (\[|[a-z_]+ = |  \{|\])");
        var uncommented = text[..example] + string.Join('\n', text[example..].Split('\n').Select(line => toml.IsMatch(line) ? line[2..] : line));

        var config = ConfigLoader.LoadFromText(uncommented, Path.Combine(RepositoryRoot.Find(), "config.toml"));

        var check = Assert.Single(config.Requests, request => request.Request.SetHealthCheck is not null).Request.SetHealthCheck;
        Assert.Equal(("example", "/health", 5u, 2u), (check.ClusterId, check.Config.Uri, check.Config.Interval, check.Config.Timeout));
    }
}
