namespace Torii.Client;

/// <summary>Delivers connection events to the user's callback, which must never break the client.</summary>
internal sealed class ConnectionEvents
{
    private readonly Action<ConnectionEvent>? _handler;

    public ConnectionEvents(Action<ConnectionEvent>? handler)
    {
        _handler = handler;
    }

    public void Raise(ConnectionEvent connectionEvent)
    {
        if (_handler is null)
        {
            return;
        }

        try
        {
            _handler(connectionEvent);
        }
        catch (Exception)
        {
            // A logging callback that throws must not fail requests or tear down connections.
        }
    }
}
