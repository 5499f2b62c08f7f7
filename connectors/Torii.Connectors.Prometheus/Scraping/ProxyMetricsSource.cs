using System.Globalization;
using Torii.Client;
using Torii.Protocol;
using ContentCase = Torii.Protocol.ResponseContent.ContentTypeOneofCase;

namespace Torii.Connectors.Prometheus.Scraping;

/// <summary>
/// Asks the proxy for its metrics over one pooled client, and says in one line why when it cannot: the
/// socket is missing or refuses, the proxy does not answer in time, or it refuses the query.
/// </summary>
internal sealed class ProxyMetricsSource : IAsyncDisposable
{
    private readonly ConnectFailureSignal _connectFailures = new();
    private readonly ToriiClient _client;

    public ProxyMetricsSource(string socketPath, TimeSpan timeout)
    {
        SocketPath = socketPath;
        Timeout = timeout;
        _client = new ToriiClient(new ToriiClientOptions
        {
            SocketPath = socketPath,
            RequestTimeout = timeout,
            OnConnectionEvent = _connectFailures.Observe,
        });
    }

    public string SocketPath { get; }

    public TimeSpan Timeout { get; }

    /// <summary>One query_metrics with no filter: every proxy, cluster and backend metric.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task<ScrapeResult> ScrapeAsync(CancellationToken cancellationToken)
    {
        ResponseContent? content = null;
        string? failure = await AskAsync(
            "query_metrics",
            async token => content = await _client.QueryMetricsAsync(new QueryMetricsOptions(), token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return ScrapeResult.Failed(failure);
        }

        return content!.ContentTypeCase switch
        {
            ContentCase.Metrics => ScrapeResult.Success(content.Metrics),
            ContentCase.None => ScrapeResult.Success(new AggregatedMetrics()),
            _ => ScrapeResult.Failed($"the proxy answered query_metrics with {content.ContentTypeCase} instead of metrics"),
        };
    }

    /// <returns>Null when the proxy answers a status request, else why not.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public Task<string?> CheckAsync(CancellationToken cancellationToken) =>
        AskAsync("status", token => _client.StatusAsync(token), cancellationToken);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <returns>Null when the proxy answered OK, else why not, on one line.</returns>
    private async Task<string?> AskAsync(string requestName, Func<CancellationToken, Task> ask, CancellationToken cancellationToken) =>
        await FailureOfAsync(requestName, ask, cancellationToken).ConfigureAwait(false) is { } failure ? OneLine(failure) : null;

    private async Task<string?> FailureOfAsync(string requestName, Func<CancellationToken, Task> ask, CancellationToken cancellationToken)
    {
        CancellationToken connectFailed = _connectFailures.Token;
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectFailed);
        giveUp.CancelAfter(Timeout);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await ask(giveUp.Token).ConfigureAwait(false);
                return null;
            }
            catch (ProxyUnavailableException) when (attempt == 1 && !giveUp.IsCancellationRequested)
            {
                // A pooled connection the proxy closed (it restarted or stopped) fails the first request sent on it.
                // A query changes nothing, so it is sent again, on a fresh connection, within the same deadline.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return connectFailed.IsCancellationRequested && _connectFailures.LastFailure is { } failure
                    ? $"cannot connect to the proxy's command socket {SocketPath}: {CauseOf(failure)}"
                    : TimedOut(requestName);
            }
            catch (ProxyUnavailableException exception)
            {
                return exception.Message;
            }
            catch (TimeoutException)
            {
                return TimedOut(requestName);
            }
            catch (CommandFailedException exception)
            {
                return $"the proxy refused {requestName}: {exception.ProxyMessage}";
            }
            catch (ProtocolException exception)
            {
                return $"the proxy's answer to {requestName} could not be read: {exception.Message}";
            }
        }
    }

    private string TimedOut(string requestName) =>
        string.Create(CultureInfo.InvariantCulture, $"the proxy at {SocketPath} did not answer {requestName} within {Timeout.TotalMilliseconds:0} ms");

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private string CauseOf(ConnectionEvent failure) =>
        // .NET reports a missing socket file as "Cannot assign requested address".
        File.Exists(SocketPath) ? failure.Error?.Message ?? failure.Message : "the socket file does not exist";
}
