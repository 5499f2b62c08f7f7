using System.Diagnostics;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using Torii.Proxy.Health.Postgres;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.FakePostgresServer;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>Servers that are not PostgreSQL, or that break the protocol: the check fails cleanly, with a reason, in time.</summary>
public sealed class PostgresProbeMisbehavingServerTests
{
    private static readonly PostgresCheckSettings Settings = new("torii_health", "postgres", "secret-password", PostgresRoleRequirement.Primary);

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_fails_at_the_timeout()
    {
        using var silent = new FakePostgresServer(conversation: null);
        var clock = Stopwatch.StartNew();

        var result = await ProbeRun.CheckAsync(Settings, silent.EndPoint, timeout: TimeSpan.FromSeconds(1));

        // Usually "during authentication"; on a starved thread pool the timeout can come before the connect's continuation.
        Assert.StartsWith("timeout: no answer during ", ProbeRun.AssertFailed(result), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task An_oversized_message_length_fails_without_reading_it()
    {
        using var server = FakePostgresServer.Answering([(byte)'R', 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

        string failure = ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint));

        Assert.Equal("malformed server message: type 'R' with length 2147483647 (at most 65536 bytes; is this a PostgreSQL server?)", failure);
    }

    [Fact]
    public async Task An_http_server_is_not_taken_for_postgresql()
    {
        using var server = FakePostgresServer.Answering(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));

        string failure = ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint));

        Assert.StartsWith("malformed server message: type 'H' with length", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, "unsupported authentication method GSS")]
    [InlineData(9, "unsupported authentication method SSPI")]
    [InlineData(2, "unsupported authentication method KerberosV5")]
    [InlineData(99, "unsupported authentication method code 99")]
    public async Task An_authentication_method_it_does_not_speak_fails_naming_it(int code, string expected)
    {
        using var server = FakePostgresServer.Answering(Authentication(code, []));

        Assert.Equal(expected, ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task Sasl_without_scram_sha_256_fails_naming_the_offered_mechanisms()
    {
        using var server = FakePostgresServer.Answering(Authentication(10, "SCRAM-SHA-1\0OTHER\0\0"u8));

        Assert.Equal("unsupported SASL mechanisms: SCRAM-SHA-1, OTHER", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task A_truncated_authentication_request_fails_cleanly()
    {
        // An MD5 request whose salt is missing.
        using var server = FakePostgresServer.Answering(Authentication(5, []));

        Assert.Equal("malformed server message: shorter than its fields", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task A_server_that_closes_after_the_startup_message_fails_saying_so()
    {
        using var server = FakePostgresServer.Answering([], closeAfterAnswer: true);

        Assert.Equal("the server closed the connection during authentication", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task Trust_then_a_row_that_is_not_a_boolean_fails_the_query()
    {
        byte[] answer =
        [
            .. Authentication(0, []),
            .. Message('Z', "I"u8),
            .. Message('T', [0, 0]),
            .. Message('D', [0, 1, 0, 0, 0, 3, (byte)'y', (byte)'e', (byte)'s']),
            .. Message('C', "SELECT 1\0"u8),
            .. Message('Z', "I"u8),
        ];
        using var server = FakePostgresServer.Answering(answer);

        Assert.Equal("query failed: SELECT pg_is_in_recovery() answered neither 't' nor 'f'", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task An_error_before_authentication_that_is_not_about_credentials_is_a_startup_failure()
    {
        using var server = FakePostgresServer.Answering(Message('E', "SFATAL\0C57P03\0Mthe database system is starting up\0\0"u8));

        Assert.Equal("startup failed: 57P03 the database system is starting up", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task An_error_answering_the_query_is_a_query_failure()
    {
        byte[] answer =
        [
            .. Authentication(0, []),
            .. Message('S', "server_version\015.0\0"u8),
            .. Message('K', [0, 0, 0, 1, 0, 0, 0, 2]),
            .. Message('Z', "I"u8),
            .. Message('E', "SERROR\0C42883\0Mfunction pg_is_in_recovery() does not exist\0\0"u8),
            .. Message('Z', "I"u8),
        ];
        using var server = FakePostgresServer.Answering(answer);

        Assert.Equal("query failed: 42883 function pg_is_in_recovery() does not exist", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint)));
    }

    [Fact]
    public async Task The_password_never_appears_in_a_failure()
    {
        using var server = FakePostgresServer.Answering(Authentication(99, []));

        string failure = ProbeRun.AssertFailed(await ProbeRun.CheckAsync(Settings, server.EndPoint));

        Assert.DoesNotContain("secret-password", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", Settings.ToString(), StringComparison.Ordinal);
    }
}
