using Torii.Connectors.Applying;

namespace Torii.Connectors.Hosting;

/// <summary>A broker subscription with a lifetime: connect, deliver, recover, close.</summary>
public interface IConnectorSource : IMessageSource, IAsyncDisposable
{
    /// <summary>Connects (retrying until it succeeds) and starts delivering; returns once the first subscription is up.</summary>
    /// <exception cref="Exception">A problem retrying cannot fix, such as a refused login or a queue declared with other arguments.</exception>
    Task StartAsync(CancellationToken cancellationToken);
}
