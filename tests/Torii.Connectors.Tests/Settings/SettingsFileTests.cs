using Torii.Connectors.Settings;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Settings;

public sealed class SettingsFileTests
{
    private static readonly string[] Keys = ["name", "count", "enabled", "socket"];

    [Fact]
    public void Reads_typed_values()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("c.toml", "name = \"x\"\ncount = 3\nenabled = true\n");

        SettingsFile file = SettingsFile.Load(path, Keys);

        Assert.Equal("x", file.String("name"));
        Assert.Equal(3, file.Integer("count", 1, 10));
        Assert.True(file.Boolean("enabled"));
        Assert.Null(file.String("socket"));
        Assert.Null(file.Boolean("missing"));
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_its_position_and_the_known_keys()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("c.toml", "name = \"x\"\nnmae = \"y\"\n");

        var error = Assert.Throws<SettingsException>(() => SettingsFile.Load(path, Keys));

        Assert.Equal($"{path}:2:1: unknown key \"nmae\"; the keys are: count, enabled, name, socket", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error_naming_its_position()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("c.toml", "count = \"three\"\n");
        SettingsFile file = SettingsFile.Load(path, Keys);

        var error = Assert.Throws<SettingsException>(() => file.Integer("count", 1, 10));

        Assert.Equal($"{path}:1:9: count must be an integer", error.Message);
    }

    [Fact]
    public void An_integer_out_of_range_is_an_error()
    {
        using var folder = new TemporaryFolder();
        SettingsFile file = SettingsFile.Load(folder.Write("c.toml", "count = 0\n"), Keys);

        var error = Assert.Throws<SettingsException>(() => file.Integer("count", 1, 10));

        Assert.EndsWith("count must be between 1 and 10, not 0", error.Message);
    }

    [Fact]
    public void Invalid_toml_is_an_error_with_its_position()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("c.toml", "name = \n");

        var error = Assert.Throws<SettingsException>(() => SettingsFile.Load(path, Keys));

        Assert.StartsWith($"{path}:1:", error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var error = Assert.Throws<SettingsException>(() => SettingsFile.Load("/nonexistent/c.toml", Keys));

        Assert.StartsWith("cannot read the settings file /nonexistent/c.toml", error.Message);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_file_folder()
    {
        using var folder = new TemporaryFolder();
        SettingsFile file = SettingsFile.Load(folder.Write("c.toml", "socket = \"run/torii.sock\"\n"), Keys);

        Assert.Equal(Path.Combine(folder.Path, "run", "torii.sock"), file.FilePath("socket"));
    }
}
