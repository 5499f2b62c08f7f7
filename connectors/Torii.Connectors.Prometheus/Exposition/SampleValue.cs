using System.Globalization;

namespace Torii.Connectors.Prometheus.Exposition;

/// <summary>
/// A sample's value. Counts stay integers so that large counters are written exactly, not rounded
/// through a double; durations are floats.
/// </summary>
internal readonly record struct SampleValue
{
    private readonly Int128 _integer;
    private readonly double _float;
    private readonly bool _isInteger;

    private SampleValue(Int128 integer, double floating, bool isInteger)
    {
        _integer = integer;
        _float = floating;
        _isInteger = isInteger;
    }

    public static SampleValue Of(long value) => new(value, 0, true);

    public static SampleValue Of(ulong value) => new(value, 0, true);

    public static SampleValue Of(double value) => new(0, value, false);

    public override string ToString() =>
        _isInteger ? _integer.ToString(CultureInfo.InvariantCulture) : PrometheusNumber.Format(_float);
}
