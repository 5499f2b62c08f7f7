namespace Torii.Pulsar;

public sealed class ProducerOptions
{
    /// <summary>The topic, written as in <see cref="ConsumerOptions.Topic"/>.</summary>
    public required string Topic { get; init; }

    /// <summary>Unique per topic when set; the broker picks one when null.</summary>
    public string? ProducerName { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Topic, nameof(Topic));
    }
}
