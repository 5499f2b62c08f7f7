namespace Torii.Connectors.Pki.Reconciling;

/// <summary>What one pass found and did.</summary>
internal sealed record ReconcileOutcome(int Pairs, int Unusable, int Added, int Replaced, int Removed, int Refused)
{
    public bool ChangedAnything => Added + Replaced + Removed > 0;
}
