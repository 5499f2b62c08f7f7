using System.Text.Json;
using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

/// <summary>Runs every TOML 1.0.0 case of the official toml-test suite.</summary>
public sealed class TomlConformanceTests
{
    public static TheoryData<string> Cases() => new(ConformanceSuite.CaseNames());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        var folder = ConformanceSuite.TestsFolder;
        if (name == ConformanceSuite.MissingMarker || folder is null)
        {
            Assert.Fail($"The TOML conformance folder is missing: expected it at {ConformanceSuite.ExpectedLocation}");
            return;
        }

        var bytes = File.ReadAllBytes(Path.Combine(folder, name));
        if (name.StartsWith("valid/", StringComparison.Ordinal))
        {
            var table = TomlParser.Parse(bytes, name);
            using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, Path.ChangeExtension(name, ".json"))));
            var difference = TaggedJson.FindDifference(table, expected.RootElement);
            Assert.True(difference is null, difference);
        }
        else
        {
            var error = Record.Exception(() => TomlParser.Parse(bytes, name));
            Assert.True(error is not null, $"{name} is invalid TOML but was accepted");
            Assert.IsType<TomlException>(error);
        }
    }
}
