using RabbitMQ.Client;

namespace Torii.Connectors.RabbitMq.Broker;

internal static class ConnectionFactories
{
    public static ConnectionFactory Create(BrokerSettings settings, string clientName)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = settings.RecoveryInterval,
            RequestedHeartbeat = TimeSpan.FromSeconds(30),
        };
        if (settings.Url is not null)
        {
            factory.Uri = settings.Url;
        }

        if (settings.Host is not null)
        {
            factory.HostName = settings.Host;
        }

        if (settings.Port is not null)
        {
            factory.Port = settings.Port.Value;
        }

        if (settings.User is not null)
        {
            factory.UserName = settings.User;
        }

        if (settings.Password is not null)
        {
            factory.Password = settings.Password;
        }

        if (settings.VirtualHost is not null)
        {
            factory.VirtualHost = settings.VirtualHost;
        }

        return factory;
    }

    /// <summary>Where the factory connects, for logs (never the credentials).</summary>
    public static string Describe(ConnectionFactory factory) => $"{factory.Endpoint} (vhost {factory.VirtualHost})";
}
