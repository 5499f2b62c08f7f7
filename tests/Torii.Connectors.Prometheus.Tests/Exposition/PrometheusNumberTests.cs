using Torii.Connectors.Prometheus.Exposition;

namespace Torii.Connectors.Prometheus.Tests.Exposition;

public sealed class PrometheusNumberTests
{
    // The renderings OpenMetrics lists under "Canonical Numbers", and the bucket bounds Torii reports.
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.002, "0.002")]
    [InlineData(0.01, "0.01")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.9, "0.9")]
    [InlineData(0.95, "0.95")]
    [InlineData(0.99, "0.99")]
    [InlineData(0.999, "0.999")]
    [InlineData(1.0, "1.0")]
    [InlineData(1.7, "1.7")]
    [InlineData(10.0, "10.0")]
    [InlineData(1e-10, "1e-10")]
    [InlineData(1e-09, "1e-09")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(1e+06, "1e+06")]
    [InlineData(1e+10, "1e+10")]
    [InlineData(5e-05, "5e-05")]
    [InlineData(0.00025, "0.00025")]
    [InlineData(2.5, "2.5")]
    [InlineData(2.5e6, "2.5e+06")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(0.123456, "0.123456")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(1e+100, "1e+100")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(-0.00001, "-1e-05")]
    public void Floats_are_written_as_canonical_numbers(double value, string expected)
    {
        Assert.Equal(expected, PrometheusNumber.Format(value));
    }

    [Fact]
    public void Infinities_and_nan_have_their_exposition_spelling()
    {
        Assert.Equal("+Inf", PrometheusNumber.Format(double.PositiveInfinity));
        Assert.Equal("-Inf", PrometheusNumber.Format(double.NegativeInfinity));
        Assert.Equal("NaN", PrometheusNumber.Format(double.NaN));
    }

    [Fact]
    public void Microseconds_converted_to_seconds_read_back_exactly()
    {
        Assert.Equal("0.168886", PrometheusNumber.Format(168_886 / 1_000_000.0));
        Assert.Equal("3600.000001", PrometheusNumber.Format(3_600_000_001 / 1_000_000.0));
    }
}
