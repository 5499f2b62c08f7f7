namespace Torii.Pulsar.Tests;

/// <summary>
/// A theory over the captured frames in ../shared: skipped as one test, with where they were looked for, in a
/// clone that has no such folder beside it, because that data is third-party and never part of the repository.
/// </summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        Skip = ConformanceFolder.SkipReason;
    }
}
