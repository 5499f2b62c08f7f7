using System.Text.Json;
using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

/// <summary>
/// Checks one case laid out as toml-test lays them out: valid/x.toml must parse to what valid/x.json
/// says in tagged JSON, invalid/x.toml must be refused with a <see cref="TomlException"/>.
/// </summary>
internal static class TomlCase
{
    /// <param name="folder">The folder holding valid/ and invalid/.</param>
    /// <param name="name">The case's path relative to <paramref name="folder"/>, with forward slashes.</param>
    public static void Check(string folder, string name)
    {
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
