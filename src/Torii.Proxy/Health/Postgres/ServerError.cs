namespace Torii.Proxy.Health.Postgres;

/// <summary>The fields of an ErrorResponse an operator needs: the SQLSTATE code and the message.</summary>
internal readonly record struct ServerError(string SqlState, string Message)
{
    private const byte CodeField = (byte)'C';
    private const byte MessageField = (byte)'M';

    /// <summary>Whether the error is of class 28, "invalid authorization specification" (wrong password, unknown role, pg_hba).</summary>
    public bool IsAuthorization => SqlState.StartsWith("28", StringComparison.Ordinal);

    /// <summary>Reads the fields (a code byte, then a string, until a NUL code), keeping the two it needs.</summary>
    public static ServerError Parse(ReadOnlySpan<byte> body)
    {
        var reader = new MessageBody(body);
        string sqlState = "?????";
        string message = "(no message)";
        while (!reader.IsEmpty)
        {
            byte code = reader.ReadByte();
            if (code == 0)
            {
                break;
            }

            string value = reader.ReadCString();
            if (code == CodeField)
            {
                sqlState = value;
            }
            else if (code == MessageField)
            {
                message = value;
            }
        }

        return new ServerError(sqlState, message);
    }

    /// <summary>The failure reason: an authorization error says so whenever it comes, others name the stage.</summary>
    public string FailureDuring(string stage) => $"{(IsAuthorization ? "authentication" : stage)} failed: {this}";

    public override string ToString() => $"{SqlState} {Message}";
}
