using Torii.Proxy.Health.Postgres;

namespace Torii.Proxy.Tests.Health.Postgres;

/// <summary>The SCRAM-SHA-256 computation against RFC 7677 section 3's published exchange (user "user", password "pencil").</summary>
public sealed class ScramSha256ClientTests
{
    private const string ClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string ClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    [Fact]
    public void Rfc7677_exchange_gives_the_published_messages_and_accepts_the_server_signature()
    {
        var client = new ScramSha256Client("user", "pencil", ClientNonce);

        Assert.Equal("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", client.ClientFirstMessage);
        Assert.Equal(ClientFinal, client.ClientFinalMessage(ServerFirst));
        client.VerifyServerFinal(ServerFinal);
    }

    [Fact]
    public void Another_password_gives_another_proof()
    {
        var client = new ScramSha256Client("user", "pencil2", ClientNonce);

        Assert.NotEqual(ClientFinal, client.ClientFinalMessage(ServerFirst));
    }

    [Fact]
    public void A_wrong_server_signature_is_a_failure()
    {
        var client = new ScramSha256Client("user", "pencil", ClientNonce);
        client.ClientFinalMessage(ServerFirst);

        var failure = Assert.Throws<PostgresCheckException>(() => client.VerifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        Assert.Contains("wrong SCRAM server signature", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_error_in_the_final_message_is_a_failure()
    {
        var client = new ScramSha256Client("user", "pencil", ClientNonce);
        client.ClientFinalMessage(ServerFirst);

        var failure = Assert.Throws<PostgresCheckException>(() => client.VerifyServerFinal("e=invalid-proof"));
        Assert.Equal("authentication failed: SCRAM error invalid-proof", failure.Message);
    }

    [Theory]
    [InlineData("r=someoneElsesNonce123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "nonce")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "nonce")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0", "iteration")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001", "iteration")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=not*base64,i=4096", "salt")]
    [InlineData("m=extension,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "attribute 'r'")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz", "fewer than three")]
    public void A_malformed_server_first_message_is_a_failure(string serverFirst, string reason)
    {
        var client = new ScramSha256Client("user", "pencil", ClientNonce);

        var failure = Assert.Throws<PostgresCheckException>(() => client.ClientFinalMessage(serverFirst));
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_with_comma_or_equals_are_escaped_as_saslname()
    {
        Assert.Equal("n,,n=a=2Cb=3Dc,r=xyz", new ScramSha256Client("a,b=c", "p", "xyz").ClientFirstMessage);
    }

    [Fact]
    public void New_nonces_are_printable_and_differ()
    {
        string first = ScramSha256Client.NewNonce();

        Assert.NotEqual(first, ScramSha256Client.NewNonce());
        Assert.DoesNotContain(',', first);
        Assert.All(first, c => Assert.InRange(c, '!', '~'));
    }
}
