namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// One check on an open connection, in the order of the protocol: StartupMessage, authentication, the start-up
/// messages until ReadyForQuery, the simple query <c>SELECT pg_is_in_recovery()</c> and its answer, Terminate.
/// </summary>
internal sealed class PostgresCheckConversation(PostgresWire wire, PostgresCheckSettings settings)
{
    public const string ApplicationName = "torii-health-check";
    public const string RecoveryQuery = "SELECT pg_is_in_recovery()";

    /// <summary>Where the conversation is, for a failure that cuts it short (a timeout, a closed connection).</summary>
    public string Stage { get; private set; } = "authentication";

    public async ValueTask<HealthProbeResult> RunAsync(bool isBackup, CancellationToken cancellationToken)
    {
        await wire.SendAsync(
            FrontendMessages.Startup(
            [
                new("user", settings.User),
                new("database", settings.Database),
                new("application_name", ApplicationName),
            ]),
            cancellationToken).ConfigureAwait(false);
        await new PostgresAuthenticator(wire, settings).AuthenticateAsync(cancellationToken).ConfigureAwait(false);

        Stage = "startup";
        await ReadUntilReadyAsync(cancellationToken).ConfigureAwait(false);

        Stage = "query";
        await wire.SendAsync(FrontendMessages.SimpleQuery(RecoveryQuery), cancellationToken).ConfigureAwait(false);
        bool inRecovery = await ReadRecoveryAnswerAsync(cancellationToken).ConfigureAwait(false);

        Stage = "terminate";
        await wire.SendAsync(FrontendMessages.TerminateMessage(), cancellationToken).ConfigureAwait(false);
        return Judge(inRecovery, isBackup);
    }

    /// <summary>ParameterStatus, BackendKeyData and notices follow AuthenticationOk until ReadyForQuery.</summary>
    private async ValueTask ReadUntilReadyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            BackendMessage message = await wire.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (message.Type)
            {
                case BackendMessage.ReadyForQuery:
                    return;
                case BackendMessage.ErrorResponse:
                    throw new PostgresCheckException(ServerError.Parse(message.Body.Span).FailureDuring(Stage));
                case BackendMessage.BackendKeyData or BackendMessage.NegotiateProtocolVersion:
                    break;
                default:
                    ThrowUnlessAsynchronous(message);
                    break;
            }
        }
    }

    /// <summary>RowDescription, one DataRow of one boolean in text ('t' or 'f'), CommandComplete, ReadyForQuery.</summary>
    private async ValueTask<bool> ReadRecoveryAnswerAsync(CancellationToken cancellationToken)
    {
        bool? inRecovery = null;
        while (true)
        {
            BackendMessage message = await wire.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (message.Type)
            {
                case BackendMessage.ReadyForQuery:
                    return inRecovery ?? throw new PostgresCheckException($"query failed: no row answered {RecoveryQuery}");
                case BackendMessage.ErrorResponse:
                    throw new PostgresCheckException(ServerError.Parse(message.Body.Span).FailureDuring(Stage));
                case BackendMessage.DataRow:
                    inRecovery = ParseBoolean(message.Body.Span);
                    break;
                case BackendMessage.RowDescription or BackendMessage.CommandComplete or BackendMessage.EmptyQueryResponse:
                    break;
                default:
                    ThrowUnlessAsynchronous(message);
                    break;
            }
        }
    }

    private static bool ParseBoolean(ReadOnlySpan<byte> body)
    {
        var row = new MessageBody(body);
        if (row.ReadInt16() != 1)
        {
            throw new PostgresCheckException($"query failed: {RecoveryQuery} answered a row of other than one column");
        }

        int length = row.ReadInt32();
        ReadOnlySpan<byte> value = length < 0 ? [] : row.Take(length);
        return value switch
        {
            [(byte)'t'] => true,
            [(byte)'f'] => false,
            _ => throw new PostgresCheckException($"query failed: {RecoveryQuery} answered neither 't' nor 'f'"),
        };
    }

    private HealthProbeResult Judge(bool inRecovery, bool isBackup)
    {
        string role = inRecovery ? "a standby" : "a primary";
        return (isBackup ? PostgresRoleRequirement.Any : settings.Role) switch
        {
            PostgresRoleRequirement.Primary when inRecovery => HealthProbeResult.Fail($"role mismatch: server is {role}, check requires primary"),
            PostgresRoleRequirement.Standby when !inRecovery => HealthProbeResult.Fail($"role mismatch: server is {role}, check requires standby"),
            _ => HealthProbeResult.Success,
        };
    }

    private void ThrowUnlessAsynchronous(BackendMessage message)
    {
        if (!message.IsAsynchronous)
        {
            throw new PostgresCheckException($"unexpected message {message.TypeName} during {Stage}");
        }
    }
}
