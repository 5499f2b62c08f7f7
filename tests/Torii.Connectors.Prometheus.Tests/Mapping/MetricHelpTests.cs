using Torii.Connectors.Prometheus.Mapping;

namespace Torii.Connectors.Prometheus.Tests.Mapping;

public sealed class MetricHelpTests
{
    [Theory]
    [InlineData("http.requests", "HTTP requests handled")]
    [InlineData("http.status.4xx", "HTTP responses with a 4xx status")]
    [InlineData("http.404.errors", "Requests the proxy answered itself with 404")]
    [InlineData("backend.response.time", "Time from sending a request to a backend to its response, in seconds")]
    [InlineData("queue.wait.time", "Time requests and connections waited for a backend slot, in seconds")]
    [InlineData("accept_queue.connections", "Client connections waiting in the accept queue now")]
    [InlineData("http.status.9xx", "Torii metric http.status.9xx")]
    [InlineData("something.new", "Torii metric something.new")]
    public void Known_names_are_described_and_others_named(string dotted, string expected)
    {
        Assert.Equal(expected, MetricHelp.For(dotted));
    }
}
