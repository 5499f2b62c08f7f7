using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>What a connection tells the producer registered under a producer id. Called on the connection's reader; must not block.</summary>
internal interface IProducerHandler
{
    void OnSendReceipt(CommandSendReceipt receipt);

    void OnSendError(CommandSendError error);

    /// <summary>The broker sent CLOSE_PRODUCER; the registration is already gone.</summary>
    void OnClosedByBroker();

    void OnConnectionClosed(Exception reason);
}
