namespace Torii.Protocol;

/// <summary>A cluster's Basic credentials: each "username:" then the 64 hex digits of the password's SHA-256.</summary>
internal static class AuthRules
{
    private const int DigestHexLength = 64;
    private const int MaxRealmLength = 256;

    public static string? Check(FieldPath field, Cluster cluster)
    {
        for (var index = 0; index < cluster.AuthorizedHashes.Count; index++)
        {
            var entry = cluster.AuthorizedHashes[index];
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || entry.Length - colon - 1 != DigestHexLength || !entry.AsSpan(colon + 1).ToString().All(char.IsAsciiHexDigit)
                || ValidationText.HasControlCharacter(entry))
            {
                // The entry itself is not echoed: it is a credential.
                return $"{field}.authorized_hashes[{index}] must be \"username:\" followed by the {DigestHexLength} hex digits of the password's SHA-256";
            }
        }

        return TextRules.Plain($"{field}.www_authenticate", cluster.HasWwwAuthenticate, cluster.WwwAuthenticate, MaxRealmLength);
    }
}
