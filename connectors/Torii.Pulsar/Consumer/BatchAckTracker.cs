namespace Torii.Pulsar;

/// <summary>
/// Which messages of one received batch the application acknowledged. The broker only knows the
/// batch as one entry, so the entry is acknowledged once every message of it is.
/// </summary>
internal sealed class BatchAckTracker
{
    private readonly Lock _gate = new();
    private readonly bool[] _acknowledged;
    private int _outstanding;

    public BatchAckTracker(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _acknowledged = new bool[size];
        _outstanding = size;
    }

    /// <summary>Marks one message acknowledged.</summary>
    /// <returns>True exactly once: when this call acknowledged the last outstanding message.</returns>
    public bool Acknowledge(int batchIndex)
    {
        lock (_gate)
        {
            if ((uint)batchIndex >= (uint)_acknowledged.Length || _acknowledged[batchIndex])
            {
                return false;
            }

            _acknowledged[batchIndex] = true;
            return --_outstanding == 0;
        }
    }
}
