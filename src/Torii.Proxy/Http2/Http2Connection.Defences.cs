using Torii.Proxy.Http2.Defences;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Http2;

/// <summary>
/// The per-connection budgets. A peer over one gets GOAWAY(ENHANCE_YOUR_CALM) and its connection
/// closes; each firing is counted in the metrics. Other connections share nothing with it.
/// </summary>
public sealed partial class Http2Connection
{
    private FloodCounter _rapidReset;
    private FloodCounter _pingFlood;
    private FloodCounter _settingsFlood;
    private FloodCounter _emptyDataFlood;
    private FloodCounter _windowUpdateFlood;
    private FloodCounter _glitches;

    private Http2ConnectionException Flood(Defence defence, string message)
    {
        Record(defence);
        Log.Warn($"h2 {_settings.Address} client {_clientAddress}: {message}; closing with ENHANCE_YOUR_CALM");
        return new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, message);
    }

    /// <summary>
    /// A stream the proxy had to reset because the client broke a rule (MadeYouReset, CVE-2025-8671)
    /// costs the same budget as a reset the client sent itself (Rapid Reset, CVE-2023-44487).
    /// </summary>
    private void CountServerReset()
    {
        if (_rapidReset.Exceeded(Environment.TickCount64))
        {
            throw Flood(Defence.RapidReset, $"more than {_limits.MaxRstStreamPerWindow} stream resets per second");
        }
    }

    /// <summary>Minor drift (frames for streams already gone): tolerated, up to a budget.</summary>
    private void CountGlitch()
    {
        if (_glitches.Exceeded(Environment.TickCount64))
        {
            throw Flood(Defence.GlitchFlood, $"more than {_limits.MaxGlitchCount} frames for closed streams");
        }
    }

    private void Record(Defence defence)
    {
        if (_context.Metrics.Enabled)
        {
            _context.Metrics.Http2.Record(defence);
        }
    }
}
