using System.Text;

namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// Answers the server's authentication requests after the StartupMessage until AuthenticationOk: trust (nothing asked),
/// cleartext password, MD5 and SASL SCRAM-SHA-256. Anything else is refused with a reason naming the method.
/// </summary>
internal sealed class PostgresAuthenticator(PostgresWire wire, PostgresCheckSettings settings)
{
    private ScramSha256Client? _scram;

    public async ValueTask AuthenticateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            BackendMessage message = await wire.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (message.Type == BackendMessage.ErrorResponse)
            {
                // Errors before AuthenticationOk are not all about credentials: "starting up", "too many clients".
                throw new PostgresCheckException(ServerError.Parse(message.Body.Span).FailureDuring("startup"));
            }

            if (message.IsAsynchronous)
            {
                continue;
            }

            if (message.Type != BackendMessage.Authentication)
            {
                throw new PostgresCheckException($"unexpected message {message.TypeName} during authentication");
            }

            if (await AnswerAsync(message.Body, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Answers one request; true once the server says AuthenticationOk.</summary>
    private async ValueTask<bool> AnswerAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        int code = new MessageBody(body.Span).ReadInt32();
        byte[] answer;
        switch (code)
        {
            case AuthenticationRequest.Ok:
                if (_scram is not null)
                {
                    throw new PostgresCheckException("authentication failed: the server skipped the SCRAM server signature");
                }

                return true;
            case AuthenticationRequest.CleartextPassword:
                answer = FrontendMessages.PasswordMessage(RequirePassword("a cleartext password"));
                break;
            case AuthenticationRequest.Md5Password:
                answer = FrontendMessages.PasswordMessage(Md5Password.Compute(settings.User, RequirePassword("an MD5 password"), new MessageBody(AfterCode(body)).Take(4)));
                break;
            case AuthenticationRequest.Sasl:
                answer = StartScram(body);
                break;
            case AuthenticationRequest.SaslContinue:
                answer = FrontendMessages.SaslResponse(Encoding.UTF8.GetBytes(Scram(code).ClientFinalMessage(Encoding.UTF8.GetString(AfterCode(body)))));
                break;
            case AuthenticationRequest.SaslFinal:
                Scram(code).VerifyServerFinal(Encoding.UTF8.GetString(AfterCode(body)));
                _scram = null;
                return false;
            default:
                throw new PostgresCheckException($"unsupported authentication method {AuthenticationRequest.Name(code)}");
        }

        await wire.SendAsync(answer, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Picks SCRAM-SHA-256 from the server's list of mechanisms and sends the client-first message.</summary>
    private byte[] StartScram(ReadOnlyMemory<byte> body)
    {
        var reader = new MessageBody(AfterCode(body));
        var offered = new List<string>();
        while (!reader.IsEmpty && reader.ReadCString() is { Length: > 0 } mechanism)
        {
            offered.Add(mechanism);
        }

        if (!offered.Contains(ScramSha256Client.Mechanism))
        {
            throw new PostgresCheckException($"unsupported SASL mechanisms: {string.Join(", ", offered)}");
        }

        // PostgreSQL takes the user from the StartupMessage and ignores the SCRAM name, so none is sent.
        _scram = new ScramSha256Client(string.Empty, RequirePassword("a SCRAM-SHA-256 password"), ScramSha256Client.NewNonce());
        return FrontendMessages.SaslInitialResponse(ScramSha256Client.Mechanism, Encoding.UTF8.GetBytes(_scram.ClientFirstMessage));
    }

    private ScramSha256Client Scram(int code) =>
        _scram ?? throw new PostgresCheckException($"unexpected authentication request {code} outside a SASL exchange");

    private string RequirePassword(string what) =>
        settings.Password ?? throw new PostgresCheckException($"authentication failed: the server asks {what} for user {settings.User} and the check has none");

    /// <summary>The request's data after its Int32 code (which <see cref="AnswerAsync"/> has read, so it is there).</summary>
    private static ReadOnlySpan<byte> AfterCode(ReadOnlyMemory<byte> body) => body.Span[4..];
}
