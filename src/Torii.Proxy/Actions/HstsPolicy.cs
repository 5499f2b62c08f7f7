using System.Text;
using Torii.Protocol;

namespace Torii.Proxy.Actions;

/// <summary>
/// An HSTS policy (RFC 6797) resolved from an <see cref="HstsConfig"/>: the rendered
/// Strict-Transport-Security line, or an explicit "no HSTS here" that shadows a listener default.
/// </summary>
public sealed class HstsPolicy
{
    /// <summary>A year: the HSTS preload list's minimum, and Sōzu's value when max_age is left out.</summary>
    public const uint DefaultMaxAge = 31_536_000;

    public static readonly byte[] HeaderName = "Strict-Transport-Security"u8.ToArray();

    private HstsPolicy(bool enabled, string value, bool forceReplace)
    {
        Enabled = enabled;
        Value = value;
        Line = enabled ? Encoding.ASCII.GetBytes($"Strict-Transport-Security: {value}\r\n") : [];
        ForceReplace = forceReplace;
    }

    /// <summary>False for an explicit disable: the scope sends no header even when its listener has a default.</summary>
    public bool Enabled { get; }

    /// <summary>The header value, e.g. "max-age=31536000; includeSubDomains".</summary>
    public string Value { get; }

    /// <summary>The whole header line with its CRLF; empty when disabled.</summary>
    public byte[] Line { get; }

    /// <summary>Replace a backend's own Strict-Transport-Security header instead of keeping it.</summary>
    public bool ForceReplace { get; }

    /// <summary>Null when no config is given; throws <see cref="ArgumentException"/> for a block without 'enabled'.</summary>
    public static HstsPolicy? From(HstsConfig? config, string field)
    {
        if (config is null)
        {
            return null;
        }

        if (!config.HasEnabled)
        {
            throw new ArgumentException($"{field}.enabled is required whenever {field} is given (true to enable, false to disable)");
        }

        if (!config.Enabled)
        {
            return new HstsPolicy(enabled: false, string.Empty, forceReplace: false);
        }

        var value = new StringBuilder("max-age=").Append(config.HasMaxAge ? config.MaxAge : DefaultMaxAge);
        if (config.IncludeSubdomains)
        {
            value.Append("; includeSubDomains");
        }

        if (config.Preload)
        {
            value.Append("; preload");
        }

        return new HstsPolicy(enabled: true, value.ToString(), config.ForceReplaceBackend);
    }

    public override string ToString() => Enabled ? Value : "disabled";
}
