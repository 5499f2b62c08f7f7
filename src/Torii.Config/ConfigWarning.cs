namespace Torii.Config;

/// <summary>Something in the config file that was accepted but has no effect, e.g. a Sōzu-only setting.</summary>
public sealed record ConfigWarning(string Message, ConfigPosition Position)
{
    public override string ToString() => $"{Position}: {Message}";
}
