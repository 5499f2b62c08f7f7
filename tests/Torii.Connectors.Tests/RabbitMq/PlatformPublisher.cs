using System.Text;
using Google.Protobuf;
using RabbitMQ.Client;
using Torii.Protocol;

namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>What the platform does: publishes persistent messages to the topic exchange, with publisher confirms.</summary>
public sealed class PlatformPublisher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;

    private PlatformPublisher(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
    }

    public static async Task<PlatformPublisher> ConnectAsync(string url, string exchange)
    {
        var factory = new ConnectionFactory { Uri = new Uri(url), AutomaticRecoveryEnabled = false };
        IConnection connection = await factory.CreateConnectionAsync();
        IChannel channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true, outstandingPublisherConfirmationsRateLimiter: null));
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        return new PlatformPublisher(connection, channel, exchange);
    }

    /// <summary>Protobuf bytes with no content type, as Sōzu's tools publish them.</summary>
    public Task PublishAsync(Request request, string routingKey = "torii.update") =>
        PublishRawAsync(request.ToByteArray(), contentType: null, routingKey);

    public Task PublishJsonAsync(Request request, string routingKey = "torii.update") =>
        PublishRawAsync(Encoding.UTF8.GetBytes(ProtocolJson.Format(request)), "application/json", routingKey);

    public async Task PublishRawAsync(byte[] body, string? contentType, string routingKey = "torii.update")
    {
        var properties = new BasicProperties { Persistent = true, ContentType = contentType, MessageId = Guid.NewGuid().ToString("N") };
        await _channel.BasicPublishAsync(_exchange, routingKey, mandatory: true, properties, body);
    }

    /// <summary>Publishes in order, a batch of confirms awaited at a time.</summary>
    public async Task PublishManyAsync(IEnumerable<Request> requests, int batch = 100)
    {
        var confirms = new List<Task>(batch);
        foreach (Request request in requests)
        {
            confirms.Add(PublishAsync(request));
            if (confirms.Count == batch)
            {
                await Task.WhenAll(confirms);
                confirms.Clear();
            }
        }

        await Task.WhenAll(confirms);
    }

    /// <summary>Messages ready in a queue.</summary>
    public async Task<uint> MessageCountAsync(string queue) => await _channel.MessageCountAsync(queue);

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
