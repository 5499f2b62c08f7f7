using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Torii.Protocol;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Actions;

/// <summary>
/// A cluster's HTTP Basic credentials (authorized_hashes, "user:hex(sha256(password))") and
/// realm. A request is checked against every entry with no early exit and fixed-time
/// comparisons of SHA-256 digests, so neither which entry matched nor how much of it did shows
/// in the time taken. The decoded credential is bounded and wiped after use; it is never logged.
/// </summary>
public sealed class BasicAuthCredentials
{
    /// <summary>Sōzu's default cap on a decoded "user:password".</summary>
    public const int MaxCredentialBytes = 4096;

    /// <summary>The realm sent when a cluster names none.</summary>
    public const string DefaultRealm = "Restricted";

    private const int MaxRealmLength = 256;
    private const int DigestLength = 32;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly byte[] AuthorizationName = "Authorization"u8.ToArray();

    private readonly (byte[] User, byte[] Password)[] _entries;

    private BasicAuthCredentials((byte[], byte[])[] entries, string wwwAuthenticate)
    {
        _entries = entries;
        WwwAuthenticate = wwwAuthenticate;
    }

    /// <summary>No credential and the default realm: what most clusters have, one object for all of them.</summary>
    public static BasicAuthCredentials None { get; } = new([], ChallengeOf(null));

    /// <summary>The WWW-Authenticate value of this cluster's 401.</summary>
    public string WwwAuthenticate { get; }

    public int Count => _entries.Length;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad entry (by position, never its content).</summary>
    public static BasicAuthCredentials From(Cluster cluster)
    {
        if (cluster.AuthorizedHashes.Count == 0 && !cluster.HasWwwAuthenticate)
        {
            return None;
        }

        var entries = new List<(byte[], byte[])>();
        for (var index = 0; index < cluster.AuthorizedHashes.Count; index++)
        {
            entries.Add(ParseEntry(cluster.AuthorizedHashes[index], index));
        }

        return new BasicAuthCredentials([.. entries], ChallengeOf(cluster.HasWwwAuthenticate ? cluster.WwwAuthenticate : null));
    }

    /// <summary>
    /// Sōzu's config shows both a bare realm and a whole 'Basic realm="…"' value; a value that
    /// already names the Basic scheme is sent as it is, anything else becomes its realm.
    /// </summary>
    public static string ChallengeOf(string? wwwAuthenticate)
    {
        var value = string.IsNullOrWhiteSpace(wwwAuthenticate) ? DefaultRealm : wwwAuthenticate.Trim();
        if (value.Length > MaxRealmLength || value.Any(char.IsControl))
        {
            throw new ArgumentException($"www_authenticate must be at most {MaxRealmLength} characters without control characters");
        }

        return value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? value
            : $"Basic realm=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>Whether the request carries an Authorization: Basic credential matching an entry.</summary>
    public bool IsAuthorized(RequestHead request)
    {
        if (!request.TryGetHeader(AuthorizationName, out var value))
        {
            return false;
        }

        value = value.Trim(" \t"u8);
        if (value.Length < 6 || !Ascii.EqualsIgnoreCase(value[..6], "Basic "u8))
        {
            return false;
        }

        var token = value[6..].TrimStart(" "u8);
        if (token.IsEmpty || Base64.GetMaxDecodedFromUtf8Length(token.Length) > MaxCredentialBytes)
        {
            return false;
        }

        var decoded = ArrayPool<byte>.Shared.Rent(MaxCredentialBytes);
        try
        {
            if (Base64.DecodeFromUtf8(token, decoded, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            var credential = decoded.AsSpan(0, written);
            var colon = credential.IndexOf((byte)':');
            return colon >= 0 && Matches(credential[..colon], credential[(colon + 1)..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(decoded.AsSpan(0, MaxCredentialBytes));
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private bool Matches(ReadOnlySpan<byte> user, ReadOnlySpan<byte> password)
    {
        Span<byte> userDigest = stackalloc byte[DigestLength];
        Span<byte> passwordDigest = stackalloc byte[DigestLength];
        SHA256.HashData(user, userDigest);
        SHA256.HashData(password, passwordDigest);
        var found = false;
        foreach (var (entryUser, entryPassword) in _entries)
        {
            // Non-short-circuiting '&' and '|': every entry costs the same two comparisons.
            found |= CryptographicOperations.FixedTimeEquals(userDigest, entryUser) & CryptographicOperations.FixedTimeEquals(passwordDigest, entryPassword);
        }

        CryptographicOperations.ZeroMemory(passwordDigest);
        return found;
    }

    private static (byte[], byte[]) ParseEntry(string entry, int index)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        var hex = colon > 0 ? entry.AsSpan(colon + 1) : default;
        if (colon <= 0 || hex.Length != 2 * DigestLength || hex.ContainsAnyExcept(HexDigits))
        {
            throw new ArgumentException($"authorized_hashes[{index}] must be \"username:\" followed by the 64 hex digits of the password's SHA-256");
        }

        var password = Convert.FromHexString(hex);
        return (SHA256.HashData(Encoding.UTF8.GetBytes(entry[..colon])), password);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_entries.Length} credential(s), {WwwAuthenticate}");
}
