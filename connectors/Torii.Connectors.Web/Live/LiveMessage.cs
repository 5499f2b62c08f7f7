namespace Torii.Connectors.Web.Live;

/// <summary>One Server-Sent Event: its name (resync, event, metrics, proxy) and its data, one line of JSON.</summary>
internal sealed record LiveMessage(string Name, string Data)
{
    public static readonly LiveMessage Resync = new("resync", "{}");
}
