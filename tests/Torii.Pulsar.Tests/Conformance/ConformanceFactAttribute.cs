namespace Torii.Pulsar.Tests;

/// <summary>
/// A fact over the captured frames in ../shared: skipped, with where they were looked for, in a clone that has
/// no such folder beside it, because that data is third-party and never part of the repository.
/// </summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        Skip = ConformanceFolder.SkipReason;
    }
}
