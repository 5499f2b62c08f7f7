namespace Torii.Proxy.Http2.Defences;

/// <summary>The HTTP/2 defences, each counted as h2.&lt;name&gt; when it fires.</summary>
public enum Defence
{
    RapidReset,
    PingFlood,
    SettingsFlood,
    EmptyDataFlood,
    WindowUpdateFlood,
    ContinuationFlood,
    HeaderListSize,
    HeaderFields,
    RefusedStream,
    WindowStall,
    GlitchFlood,
    ProtocolError,
}
