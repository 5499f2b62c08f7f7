using System.Threading.Channels;

namespace Torii.Connectors.Web.Live;

/// <summary>One browser's queue in the <see cref="LiveHub"/>; disposing it leaves the hub.</summary>
internal sealed class LiveSubscription(ChannelReader<LiveMessage> reader, Action leave) : IDisposable
{
    public ChannelReader<LiveMessage> Reader => reader;

    public void Dispose() => leave();
}
