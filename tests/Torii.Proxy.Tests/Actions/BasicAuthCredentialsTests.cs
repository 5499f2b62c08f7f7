using System.Security.Cryptography;
using System.Text;
using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Tests.Http;

namespace Torii.Proxy.Tests.Actions;

public sealed class BasicAuthCredentialsTests
{
    private static readonly BasicAuthCredentials Credentials = BasicAuthCredentials.From(new Cluster
    {
        ClusterId = "app",
        AuthorizedHashes = { Entry("admin", "secret"), Entry("ops", "hunter2") },
        WwwAuthenticate = "Admin area",
    });

    [Theory]
    [InlineData("admin", "secret", true)]
    [InlineData("ops", "hunter2", true)]
    [InlineData("admin", "hunter2", false)]
    [InlineData("ops", "secret", false)]
    [InlineData("admin", "secret ", false)]
    [InlineData("Admin", "secret", false)]
    [InlineData("", "secret", false)]
    public void Only_a_listed_user_with_its_own_password_is_authorized(string user, string password, bool expected)
    {
        Assert.Equal(expected, Credentials.IsAuthorized(Request($"Authorization: Basic {Base64($"{user}:{password}")}")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Authorization: Bearer abc")]
    [InlineData("Authorization: Basic")]
    [InlineData("Authorization: Basic !!!notbase64")]
    [InlineData("Authorization: Basic YWRtaW5zZWNyZXQ=")]
    public void Missing_or_malformed_credentials_are_refused(string header)
    {
        Assert.False(Credentials.IsAuthorized(Request(header)));
    }

    [Fact]
    public void The_scheme_name_is_case_insensitive()
    {
        Assert.True(Credentials.IsAuthorized(Request($"Authorization: basic {Base64("admin:secret")}")));
    }

    [Fact]
    public void A_credential_longer_than_the_cap_is_refused_without_decoding()
    {
        var longPassword = new string('x', BasicAuthCredentials.MaxCredentialBytes);
        var cluster = new Cluster { ClusterId = "app", AuthorizedHashes = { Entry("admin", longPassword) } };
        Assert.False(BasicAuthCredentials.From(cluster).IsAuthorized(Request($"Authorization: Basic {Base64("admin:" + longPassword)}")));
    }

    [Fact]
    public void An_empty_list_refuses_everyone()
    {
        var empty = BasicAuthCredentials.From(new Cluster { ClusterId = "app" });
        Assert.False(empty.IsAuthorized(Request($"Authorization: Basic {Base64("admin:secret")}")));
        Assert.Equal("Basic realm=\"Restricted\"", empty.WwwAuthenticate);
    }

    [Theory]
    [InlineData("Admin area", "Basic realm=\"Admin area\"")]
    [InlineData("say \"hi\"", "Basic realm=\"say \\\"hi\\\"\"")]
    [InlineData("Basic realm=\"MyCluster\"", "Basic realm=\"MyCluster\"")]
    public void The_realm_becomes_a_basic_challenge(string configured, string expected)
    {
        Assert.Equal(expected, BasicAuthCredentials.ChallengeOf(configured));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData(":2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b")]
    [InlineData("admin:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25")]
    [InlineData("admin:zzb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b")]
    public void A_malformed_hash_entry_is_refused_without_echoing_it(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => BasicAuthCredentials.From(new Cluster { ClusterId = "app", AuthorizedHashes = { entry } }));
        Assert.Contains("authorized_hashes[0]", error.Message);
        Assert.DoesNotContain(entry, error.Message);
    }

    [Fact]
    public void Sozu_documented_hash_of_secret_is_accepted()
    {
        var documented = BasicAuthCredentials.From(new Cluster { ClusterId = "app", AuthorizedHashes = { "admin:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b" } });
        Assert.True(documented.IsAuthorized(Request($"Authorization: Basic {Base64("admin:secret")}")));
    }

    private static string Entry(string user, string password) =>
        $"{user}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)))}";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static Torii.Proxy.Http.Parsing.RequestHead Request(string header) =>
        RequestParsing.ParseValid($"GET / HTTP/1.1\r\nHost: app.test\r\n{(header.Length > 0 ? header + "\r\n" : string.Empty)}\r\n");
}
