using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Torii.Connectors.Web.Security;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a random 16-byte salt per secret, stored as one string
/// "pbkdf2-sha256$ITERATIONS$SALT$HASH" (salt and hash in base64) so that the settings file holds one value per user.
/// </summary>
internal static class PasswordHash
{
    public const int DefaultIterations = 210_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string secret, int iterations = DefaultIterations)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool IsWellFormed(string stored) => TryParse(stored, out _, out _, out _);

    /// <summary>Compares in constant time; a malformed stored value never matches.</summary>
    public static bool Verify(string secret, string stored)
    {
        if (!TryParse(stored, out int iterations, out byte[] salt, out byte[] expected))
        {
            return false;
        }

        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
