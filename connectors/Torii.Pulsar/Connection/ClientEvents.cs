namespace Torii.Pulsar;

/// <summary>Hands events to <see cref="PulsarClientOptions.OnEvent"/>, never letting the callback break the client.</summary>
internal sealed class ClientEvents(Action<PulsarClientEvent>? sink)
{
    public void Raise(PulsarClientEvent clientEvent)
    {
        if (sink is null)
        {
            return;
        }

        try
        {
            sink(clientEvent);
        }
        catch (Exception)
        {
            // The callback is for logging; a failure there must not take a connection or consumer down.
        }
    }
}
