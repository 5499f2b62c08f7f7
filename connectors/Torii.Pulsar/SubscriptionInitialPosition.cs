namespace Torii.Pulsar;

/// <summary>Where a subscription that does not exist yet starts; an existing one keeps its position.</summary>
public enum SubscriptionInitialPosition
{
    /// <summary>Only messages published after the subscription is created (Pulsar's default).</summary>
    Latest,

    /// <summary>Every message still stored in the topic.</summary>
    Earliest,
}
