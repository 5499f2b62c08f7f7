namespace Torii.Bench.Report;

/// <summary>One idle-connections measurement (raw line "idle").</summary>
public sealed record IdleRecord(
    string Proxy, int Round, int Connections, int Opened, int Failed, int Alive, long RssBeforeKib, long RssAfterKib)
{
    public double KibPerConnection => Opened == 0 ? double.NaN : (RssAfterKib - RssBeforeKib) / (double)Opened;
}
