namespace Torii.Config.Tests.Toml;

/// <summary>
/// A theory over the toml-test data in ../shared: skipped, with where the data was looked for, in a clone
/// that has no such folder beside it, because that data is third-party and never part of the repository.
/// </summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        Skip = ConformanceSuite.SkipReason;
    }
}
