using System.CommandLine;
using System.Net;
using Torii.Connectors.Settings;
using Torii.Connectors.Web.Security;
using Torii.Connectors.Web.Settings;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Web.Tests.Settings;

public sealed class WebOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("torii-web-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_a_file_it_listens_on_loopback_9400()
    {
        WebSettings settings = Read(["--proxy-socket", "/run/t.sock"]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9400), settings.ListenAddress);
        Assert.Equal("/run/t.sock", settings.ProxySocket);
        Assert.Empty(settings.Users);
    }

    [Fact]
    public void Users_and_tokens_come_from_the_file_with_their_roles_and_flags_override_keys()
    {
        string admin = PasswordHash.Create("a", 1000);
        string reader = PasswordHash.Create("r", 1000);
        string token = PasswordHash.Create("t", 1000);
        string path = Write($"""
            proxy_socket = "torii.sock"
            listen_address = "127.0.0.1:9555"
            [[users]]
            name = "ann"
            password_hash = "{admin}"
            role = "admin"
            [[users]]
            name = "rob"
            password_hash = "{reader}"
            [[tokens]]
            name = "bot"
            token_hash = "{token}"
            role = "read-only"
            """);

        WebSettings settings = Read(["--config", path, "--listen-address", "127.0.0.1:9666"]);

        Assert.Equal(9666, settings.ListenAddress.Port);
        Assert.Equal(Path.Combine(_directory, "torii.sock"), settings.ProxySocket);
        Assert.Equal([new WebAccount("ann", admin, WebRole.Admin), new WebAccount("rob", reader, WebRole.ReadOnly)], settings.Users);
        Assert.Equal([new WebAccount("bot", token, WebRole.ReadOnly)], settings.Tokens);
    }

    [Theory]
    [InlineData("[[users]]\nname = \"x\"\npassword_hash = \"secret\"", "not a hash printed by `torii-web hash-password`")]
    [InlineData("[[users]]\nname = \"x\"\npassword_hash = \"HASH\"\nrole = \"root\"", "must be \"admin\" or \"read-only\"")]
    [InlineData("[[users]]\npassword_hash = \"HASH\"", "needs a non-empty string name")]
    [InlineData("[[users]]\nname = \"x\"\npassword = \"plain\"", "unknown key \"password\"")]
    [InlineData("[[users]]\nname = \"x\"\npassword_hash = \"HASH\"\n[[users]]\nname = \"x\"\npassword_hash = \"HASH\"", "appears twice")]
    [InlineData("users = \"ann\"", "must be an array of tables")]
    [InlineData("listen = \"127.0.0.1:1\"", "unknown key \"listen\"")]
    public void A_wrong_file_is_refused_with_where_and_why(string body, string expected)
    {
        string path = Write("proxy_socket = \"t.sock\"\n" + body.Replace("HASH", PasswordHash.Create("p", 1000), StringComparison.Ordinal));
        SettingsException error = Assert.Throws<SettingsException>(() => Read(["--config", path]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("torii-web.toml");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_settings_file_is_read_as_it_is(string relativePath)
    {
        WebSettings settings = Read(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9400), settings.ListenAddress);
        Assert.Contains(settings.Users, user => user.Role == WebRole.Admin);
        Assert.Contains(settings.Users, user => user.Role == WebRole.ReadOnly);
        Assert.NotEmpty(settings.Tokens);
    }

    private string Write(string text)
    {
        string path = Path.Combine(_directory, "torii-web.toml");
        File.WriteAllText(path, text);
        return path;
    }

    private WebSettings Read(string[] arguments)
    {
        var options = new WebOptions();
        var root = new RootCommand();
        options.AddTo(root);
        return options.Read(root.Parse(arguments), _directory);
    }
}
