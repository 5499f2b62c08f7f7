namespace Torii.Connectors.Web.Live;

/// <summary>Requests and errors a second over the last sampling interval, and open connections.</summary>
internal sealed record TrafficRate(double Requests, double Errors, long Connections)
{
    public static readonly TrafficRate None = new(0, 0, 0);
}
