namespace Torii.Proxy.Upgrade;

/// <summary>One descriptor of a handover, in the order the descriptors travel.</summary>
public sealed record HandoverEntry(HandoverKind Kind, string Name);
