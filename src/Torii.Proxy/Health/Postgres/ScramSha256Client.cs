using System.Security.Cryptography;
using System.Text;

namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: the client-first message, the
/// client-final message with its proof computed from the server-first message, and the check of the server's
/// signature, which proves the server knows the password too. The password is used as its UTF-8 bytes: PostgreSQL
/// applies SASLprep, which leaves ASCII passwords unchanged (normalisation is not available under invariant globalization).
/// </summary>
internal sealed class ScramSha256Client
{
    public const string Mechanism = "SCRAM-SHA-256";

    /// <summary>An iteration count beyond this is a server making every check burn CPU, not a real configuration.</summary>
    public const int MaxIterations = 1_000_000;

    private const string Gs2Header = "n,,";

    private readonly string _password;
    private readonly string _clientNonce;
    private readonly string _clientFirstBare;
    private byte[]? _expectedServerSignature;

    /// <param name="user">The name in the client-first message (PostgreSQL ignores it and uses the startup user).</param>
    /// <param name="clientNonce">Printable characters other than ','; see <see cref="NewNonce"/>.</param>
    public ScramSha256Client(string user, string password, string clientNonce)
    {
        _password = password;
        _clientNonce = clientNonce;
        _clientFirstBare = $"n={EscapeName(user)},r={clientNonce}";
    }

    public string ClientFirstMessage => Gs2Header + _clientFirstBare;

    /// <summary>18 random bytes in base64, as printable and comma-free as RFC 5802 asks.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    /// <summary>Reads the server-first message ("r=nonce,s=salt,i=iterations") and answers the client-final message.</summary>
    public string ClientFinalMessage(string serverFirst)
    {
        string[] attributes = serverFirst.Split(',');
        if (attributes.Length < 3)
        {
            throw Malformed("server-first message with fewer than three attributes");
        }

        string serverNonce = Attribute(attributes[0], 'r');
        byte[] salt = Base64(Attribute(attributes[1], 's'), "salt");
        if (!int.TryParse(Attribute(attributes[2], 'i'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int iterations)
            || iterations is < 1 or > MaxIterations)
        {
            throw Malformed($"iteration count outside 1..{MaxIterations}");
        }

        if (serverNonce.Length <= _clientNonce.Length || !serverNonce.StartsWith(_clientNonce, StringComparison.Ordinal))
        {
            throw Malformed("the server's nonce does not extend the client's");
        }

        string withoutProof = $"c={Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header))},r={serverNonce}";
        byte[] authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{serverFirst},{withoutProof}");
        byte[] saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(_password), salt, iterations, HashAlgorithmName.SHA256, 32);
        byte[] clientKey = HMACSHA256.HashData(saltedPassword, "Client Key"u8);
        byte[] clientSignature = HMACSHA256.HashData(SHA256.HashData(clientKey), authMessage);
        byte[] proof = new byte[clientKey.Length];
        for (int i = 0; i < proof.Length; i++)
        {
            proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
        }

        _expectedServerSignature = HMACSHA256.HashData(HMACSHA256.HashData(saltedPassword, "Server Key"u8), authMessage);
        return $"{withoutProof},p={Convert.ToBase64String(proof)}";
    }

    /// <summary>Checks the server-final message ("v=signature", or "e=error"); throws when it does not prove the password.</summary>
    public void VerifyServerFinal(string serverFinal)
    {
        if (_expectedServerSignature is null)
        {
            throw new InvalidOperationException("the server-final message comes after the client-final message");
        }

        string first = serverFinal.Split(',')[0];
        if (first.StartsWith("e=", StringComparison.Ordinal))
        {
            throw new PostgresCheckException($"authentication failed: SCRAM error {first[2..]}");
        }

        byte[] signature = Base64(Attribute(first, 'v'), "server signature");
        if (!CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
        {
            throw new PostgresCheckException("authentication failed: wrong SCRAM server signature (the server does not know the password)");
        }
    }

    private static string Attribute(string attribute, char name) =>
        attribute.Length >= 2 && attribute[0] == name && attribute[1] == '='
            ? attribute[2..]
            : throw Malformed($"expected attribute '{name}' in the server's SCRAM message");

    private static byte[] Base64(string value, string what)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw Malformed($"{what} is not base64");
        }
    }

    private static string EscapeName(string user) => user.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    private static PostgresCheckException Malformed(string detail) => new($"authentication failed: malformed SCRAM exchange: {detail}");
}
