using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>
/// Where a message is stored: ledger and entry, the partition (-1 for a topic without partitions),
/// and for a message unpacked from a batch its index in the batch (-1 otherwise).
/// </summary>
public readonly record struct MessageId(ulong LedgerId, ulong EntryId, int Partition = -1, int BatchIndex = -1)
{
    public bool IsBatched => BatchIndex >= 0;

    /// <summary>The id of the stored entry, without the batch index.</summary>
    public MessageId Entry => this with { BatchIndex = -1 };

    public override string ToString() => $"{LedgerId}:{EntryId}:{Partition}:{BatchIndex}";

    public static MessageId FromProto(MessageIdData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new MessageId(data.LedgerId, data.EntryId, data.Partition, data.BatchIndex);
    }

    /// <summary>The wire form; partition and batch index are written only when set, as Pulsar's clients do.</summary>
    public MessageIdData ToProto()
    {
        var data = new MessageIdData { LedgerId = LedgerId, EntryId = EntryId };
        if (Partition >= 0)
        {
            data.Partition = Partition;
        }

        if (BatchIndex >= 0)
        {
            data.BatchIndex = BatchIndex;
        }

        return data;
    }
}
