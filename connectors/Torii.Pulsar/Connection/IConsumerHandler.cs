using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>What a connection tells the consumer registered under a consumer id. Called on the connection's reader; must not block.</summary>
internal interface IConsumerHandler
{
    void OnMessage(PulsarFrame frame);

    /// <summary>The broker sent CLOSE_CONSUMER; the registration is already gone.</summary>
    void OnClosedByBroker();

    void OnConnectionClosed(Exception reason);
}
