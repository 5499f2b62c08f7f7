namespace Torii.Connectors.Pki.Reconciling;

/// <summary>What one pass found and did.</summary>
/// <param name="Managed">Certificates the connector owns on the listener once the pass is done.</param>
/// <param name="EarliestExpiry">The earliest end of validity among them, as read from the directory; null when there is none.</param>
internal sealed record ReconcileOutcome(
    int Pairs, int Unusable, int Added, int Replaced, int Removed, int Refused, int Managed, DateTimeOffset? EarliestExpiry)
{
    public bool ChangedAnything => Added + Replaced + Removed > 0;
}
