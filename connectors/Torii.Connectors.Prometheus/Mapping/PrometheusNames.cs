using System.Text;

namespace Torii.Connectors.Prometheus.Mapping;

/// <summary>
/// Torii's dotted metric names as Prometheus names: "torii_" in front, and every character a Prometheus
/// name cannot hold (dots, dashes, anything not an ASCII letter, digit or underscore) made an underscore.
/// </summary>
internal static class PrometheusNames
{
    public const string Prefix = "torii_";
    public const string ClusterLabel = "cluster_id";
    public const string BackendLabel = "backend_id";

    private const string TotalSuffix = "_total";
    private const string SecondsSuffix = "_seconds";

    /// <summary>"client.connections" → "torii_client_connections".</summary>
    public static string Of(string dottedName)
    {
        var name = new StringBuilder(Prefix, Prefix.Length + dottedName.Length);
        foreach (char c in dottedName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    /// <summary>A counter's family name, without "_total": its samples add it ("http.requests" → torii_http_requests_total).</summary>
    public static string CounterFamily(string dottedName)
    {
        string name = Of(dottedName);
        return name.EndsWith(TotalSuffix, StringComparison.Ordinal) && name.Length > Prefix.Length + TotalSuffix.Length
            ? name[..^TotalSuffix.Length]
            : name;
    }

    /// <summary>Histograms are converted to seconds, so their name says so ("request.time" → torii_request_time_seconds).</summary>
    public static string HistogramFamily(string dottedName)
    {
        string name = Of(dottedName);
        return name.EndsWith(SecondsSuffix, StringComparison.Ordinal) ? name : name + SecondsSuffix;
    }
}
