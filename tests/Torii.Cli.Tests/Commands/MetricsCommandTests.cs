using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class MetricsCommandTests
{
    [Fact]
    public void Get_asks_for_every_metric()
    {
        Assert.Equal(new Request { QueryMetrics = new QueryMetricsOptions() }, RequestFor("metrics get"));
    }

    [Fact]
    public void Get_filters_by_clusters_backends_and_names_each_repeatable()
    {
        Request request = RequestFor("metrics get --cluster api --cluster shop --backend api-1 --name http.requests --name request.time");

        Assert.Equal(
            new QueryMetricsOptions
            {
                ClusterIds = { "api", "shop" },
                BackendIds = { "api-1" },
                MetricNames = { "http.requests", "request.time" },
            },
            request.QueryMetrics);
    }

    [Fact]
    public void Get_list_asks_for_the_names()
    {
        Assert.Equal(new Request { QueryMetrics = new QueryMetricsOptions { List = true } }, RequestFor("metrics get --list"));
    }

    [Fact]
    public void Get_takes_the_common_options_after_the_verb()
    {
        Assert.Empty(ParseErrorsOf("metrics get --json --socket /run/torii.sock --cluster api"));
    }

    [Theory]
    [InlineData("enable", MetricsConfiguration.Enabled)]
    [InlineData("disable", MetricsConfiguration.Disabled)]
    [InlineData("clear", MetricsConfiguration.Clear)]
    public void Enable_disable_and_clear_configure_the_metrics(string verb, MetricsConfiguration configuration)
    {
        Assert.Equal(new Request { ConfigureMetrics = configuration }, RequestFor($"metrics {verb}"));
    }

    [Fact]
    public void Disable_takes_no_arguments()
    {
        Assert.NotEmpty(ParseErrorsOf("metrics disable --cluster api"));
    }
}
