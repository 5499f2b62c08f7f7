namespace Torii.Config.Tests.Toml;

/// <summary>Runs every TOML 1.0.0 case of the official toml-test suite.</summary>
public sealed class TomlConformanceTests
{
    public static TheoryData<string> Cases() => new(ConformanceSuite.CaseNames());

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        TomlCase.Check(ConformanceSuite.TestsFolder ?? throw new InvalidOperationException(ConformanceSuite.SkipReason), name);
    }
}
