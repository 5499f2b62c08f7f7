using System.Net.Sockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using Torii.Proxy.Health.Postgres;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.FakePostgresServer;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>
/// A server that runs SCRAM-SHA-256 without knowing the password (it cannot sign the exchange): the check must not
/// take it for the real server. (The real exchange passes against PostgreSQL in PostgresProbeAuthenticationTests.)
/// </summary>
public sealed class PostgresProbeScramServerTests
{
    private static readonly PostgresCheckSettings Settings = new("torii_scram", "postgres", "scram-secret");

    [Fact]
    public async Task A_wrong_server_signature_fails_the_check()
    {
        byte[] forgedFinal = Encoding.ASCII.GetBytes("v=" + Convert.ToBase64String(new byte[32]));
        using var server = new FakePostgresServer(stream => ImpostorAsync(stream, nonceSuffix: "server", Authentication(12, forgedFinal)));

        Assert.Equal(
            "authentication failed: wrong SCRAM server signature (the server does not know the password)",
            ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task AuthenticationOk_without_the_server_signature_fails_the_check()
    {
        using var server = new FakePostgresServer(stream => ImpostorAsync(stream, nonceSuffix: "server", Authentication(0, [])));

        Assert.Equal(
            "authentication failed: the server skipped the SCRAM server signature",
            ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task A_server_nonce_that_does_not_extend_the_clients_fails_the_check()
    {
        using var server = new FakePostgresServer(stream => ImpostorAsync(stream, nonceSuffix: null, Authentication(0, [])));

        Assert.Equal(
            "authentication failed: malformed SCRAM exchange: the server's nonce does not extend the client's",
            ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    /// <summary>Offers SCRAM-SHA-256, answers the client-first message, then sends <paramref name="final"/>.</summary>
    /// <param name="nonceSuffix">Appended to the client's nonce; null to send a nonce of the server's own.</param>
    private static async Task ImpostorAsync(NetworkStream stream, string? nonceSuffix, byte[] final)
    {
        await ReadStartupAsync(stream);
        await stream.WriteAsync(Authentication(10, "SCRAM-SHA-256\0\0"u8));

        // SASLInitialResponse: the mechanism, NUL, an Int32 length, then "n,,n=,r=<client nonce>".
        byte[] initial = await ReadMessageAsync(stream, 'p');
        string clientFirst = Encoding.UTF8.GetString(initial.AsSpan(Array.IndexOf(initial, (byte)0) + 5));
        string clientNonce = clientFirst[(clientFirst.IndexOf(",r=", StringComparison.Ordinal) + 3)..];
        string nonce = nonceSuffix is null ? "someone-else" : clientNonce + nonceSuffix;
        await stream.WriteAsync(Authentication(11, Encoding.ASCII.GetBytes($"r={nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")));

        await ReadMessageAsync(stream, 'p');
        await stream.WriteAsync(final);
    }
}
