using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>
/// Finds the broker that owns a topic with binary LOOKUP requests, starting at the service URL
/// and following redirects (each carrying the authoritative flag the previous answer gave).
/// </summary>
internal sealed class TopicLookup(ConnectionPool pool, ServiceAddresses service, ClientEvents events)
{
    /// <summary>Pulsar's Java client gives up after this many redirects.</summary>
    private const int MaxRedirects = 20;

    /// <exception cref="PulsarServerException">The lookup failed at the broker.</exception>
    public async Task<BrokerTarget> FindOwnerAsync(string topic, CancellationToken cancellationToken)
    {
        BrokerAddress serviceAddress = service.Next();
        var asked = new BrokerTarget(serviceAddress);
        bool authoritative = false;
        for (int redirects = 0; redirects <= MaxRedirects; redirects++)
        {
            PulsarConnection connection = await pool.GetAsync(asked, cancellationToken).ConfigureAwait(false);
            BaseCommand answer = await connection
                .RequestAsync(requestId => ClientCommands.Lookup(topic, requestId, authoritative), cancellationToken)
                .ConfigureAwait(false);
            CommandLookupTopicResponse response = answer.LookupTopicResponse
                ?? throw new PulsarProtocolException($"{asked} answered LOOKUP with {answer.Type}");
            switch (response.Response)
            {
                case CommandLookupTopicResponse.Types.LookupType.Connect:
                    return Target(response, serviceAddress);
                case CommandLookupTopicResponse.Types.LookupType.Redirect:
                    BrokerTarget next = Target(response, serviceAddress);
                    events.Raise(new PulsarClientEvent(
                        PulsarClientEventKind.LookupRedirected,
                        $"lookup of {topic} redirected from {asked} to {next}{(response.Authoritative ? " (authoritative)" : string.Empty)}",
                        Topic: topic,
                        Broker: next.ToString()));
                    asked = next;
                    authoritative = response.Authoritative;
                    break;
                default:
                    throw new PulsarServerException(
                        response.HasError ? response.Error : ServerError.UnknownError,
                        response.HasMessage ? response.Message : $"lookup of {topic} failed");
            }
        }

        throw new PulsarException($"lookup of {topic} was redirected more than {MaxRedirects} times");
    }

    /// <summary>The number of partitions of <paramref name="topic"/>; 0 for a topic without partitions.</summary>
    public async Task<uint> GetPartitionCountAsync(string topic, CancellationToken cancellationToken)
    {
        PulsarConnection connection = await pool.GetAsync(new BrokerTarget(service.Next()), cancellationToken).ConfigureAwait(false);
        BaseCommand answer = await connection
            .RequestAsync(requestId => ClientCommands.PartitionedMetadata(topic, requestId), cancellationToken)
            .ConfigureAwait(false);
        CommandPartitionedTopicMetadataResponse response = answer.PartitionMetadataResponse
            ?? throw new PulsarProtocolException($"{connection.Target} answered PARTITIONED_METADATA with {answer.Type}");
        if (response.Response == CommandPartitionedTopicMetadataResponse.Types.LookupType.Failed)
        {
            throw new PulsarServerException(
                response.HasError ? response.Error : ServerError.UnknownError,
                response.HasMessage ? response.Message : $"partition metadata of {topic} failed");
        }

        return response.Partitions;
    }

    private static BrokerTarget Target(CommandLookupTopicResponse response, BrokerAddress serviceAddress)
    {
        if (!response.HasBrokerServiceUrl || response.BrokerServiceUrl.Length == 0)
        {
            throw new PulsarProtocolException(response.HasBrokerServiceUrlTls
                ? $"the broker offers only a TLS URL ({response.BrokerServiceUrlTls}), which is not supported"
                : "lookup answer without a broker URL");
        }

        BrokerAddress broker;
        try
        {
            broker = BrokerAddress.Parse(response.BrokerServiceUrl);
        }
        catch (FormatException error)
        {
            throw new PulsarProtocolException($"lookup answered with a bad broker URL: {error.Message}", error);
        }

        // Behind a Pulsar proxy every connection goes to the service URL and names the broker it is for.
        return response.ProxyThroughServiceUrl
            ? new BrokerTarget(serviceAddress, broker.Url)
            : new BrokerTarget(broker);
    }
}
