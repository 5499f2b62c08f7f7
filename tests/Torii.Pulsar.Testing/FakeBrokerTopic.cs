namespace Torii.Pulsar.Testing;

/// <summary>A topic of the fake broker: its entries in order and its subscriptions.</summary>
internal sealed class FakeBrokerTopic(string name, ulong ledgerId)
{
    public string Name { get; } = name;

    /// <summary>All entries live in one ledger; the entry id is the index in <see cref="Entries"/>.</summary>
    public ulong LedgerId { get; } = ledgerId;

    public List<FakeBrokerEntry> Entries { get; } = [];

    public Dictionary<string, FakeBrokerSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    public MessageId IdOf(FakeBrokerEntry entry) => new(LedgerId, (ulong)entry.EntryId);
}
