namespace Torii.Pulsar;

public enum SubscriptionType
{
    /// <summary>One consumer at a time; a second one is refused with ConsumerBusy.</summary>
    Exclusive,

    /// <summary>Several consumers; only the active one receives, another takes over when it leaves.</summary>
    Failover,

    /// <summary>Several consumers; messages are spread across them, so order holds only per consumer.</summary>
    Shared,
}
