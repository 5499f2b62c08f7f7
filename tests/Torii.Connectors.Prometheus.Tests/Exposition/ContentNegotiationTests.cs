using Torii.Connectors.Prometheus.Exposition;

namespace Torii.Connectors.Prometheus.Tests.Exposition;

public sealed class ContentNegotiationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("text/plain")]
    [InlineData("text/plain;version=0.0.4")]
    [InlineData("application/json")]
    [InlineData("application/openmetrics-text; version=0.0.1")]
    [InlineData("application/openmetrics-text;q=0")]
    [InlineData("application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4")]
    public void The_text_format_is_the_default(string? accept)
    {
        Assert.Equal(ExpositionFormat.PrometheusText, ContentNegotiation.Choose(accept));
    }

    [Theory]
    [InlineData("application/openmetrics-text")]
    [InlineData("APPLICATION/OPENMETRICS-TEXT")]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("application/openmetrics-text; version=\"1.0.0\"")]
    [InlineData("text/plain;q=0.2, application/openmetrics-text;q=0.9")]
    // What Prometheus 2.42 sends.
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")]
    public void OpenMetrics_when_it_ranks_first(string accept)
    {
        Assert.Equal(ExpositionFormat.OpenMetrics, ContentNegotiation.Choose(accept));
    }
}
