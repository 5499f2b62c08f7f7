namespace Torii.Connectors.Pki.Reconciling;

/// <summary>Counts of what a pass did, filled while it runs.</summary>
internal sealed class ActionTally
{
    public int Added { get; set; }

    public int Replaced { get; set; }

    public int Removed { get; set; }

    public int Refused { get; set; }
}
