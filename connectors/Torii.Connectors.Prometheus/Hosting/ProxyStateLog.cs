using Microsoft.Extensions.Logging;

namespace Torii.Connectors.Prometheus.Hosting;

/// <summary>
/// Logs when scrapes start failing and when they work again, not every failed scrape: Prometheus scrapes
/// often, and a line a scrape would drown the one that matters.
/// </summary>
internal sealed partial class ProxyStateLog(ILogger logger)
{
    private const int Unknown = 0;
    private const int Answering = 1;
    private const int Failing = 2;

    private int _state = Unknown;

    public void Report(string? failure)
    {
        if (failure is null)
        {
            if (Interlocked.Exchange(ref _state, Answering) == Failing)
            {
                LogAnswering(logger);
            }
        }
        else if (Interlocked.Exchange(ref _state, Failing) != Failing)
        {
            LogFailing(logger, failure);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "cannot get the proxy's metrics, /metrics answers 503 until it can: {Reason}")]
    private static partial void LogFailing(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "the proxy answers again")]
    private static partial void LogAnswering(ILogger logger);
}
