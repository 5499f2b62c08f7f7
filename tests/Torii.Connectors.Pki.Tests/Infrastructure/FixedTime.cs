namespace Torii.Connectors.Pki.Tests.Infrastructure;

/// <summary>A clock that always reads the same instant, for expiry checks.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
