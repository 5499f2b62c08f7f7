namespace Torii.Proxy.Http.Parsing;

/// <summary>The four request-target forms of RFC 9112 §3.2.</summary>
public enum RequestTargetForm
{
    Origin,
    Absolute,
    Authority,
    Asterisk,
}
