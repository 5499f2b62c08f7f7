namespace Torii.Protocol;

/// <summary>
/// The TLS lists Sōzu's configuration layer fills in when its user set none
/// (command/src/config.rs at 2.1.0). Receiving exactly one of them says "no preference",
/// which the TLS library's own choice honours; any other list is a preference .NET gives
/// no way to apply.
/// </summary>
internal static class SozuTlsDefaults
{
    public static readonly string[] SignatureAlgorithms =
    [
        "ECDSA+SHA256", "ECDSA+SHA384", "ECDSA+SHA512",
        "RSA+SHA256", "RSA+SHA384", "RSA+SHA512",
        "RSA-PSS+SHA256", "RSA-PSS+SHA384", "RSA-PSS+SHA512",
    ];

    public static readonly string[] Groups = ["X25519MLKEM768", "x25519", "P-256", "P-384"];

    /// <summary>What OpenSSL sends (2) and Sōzu's default (4): a count of resumption tickets is not a security policy.</summary>
    public static readonly ulong[] TicketCounts = [2, 4];

    public static bool IsNoPreference(IReadOnlyCollection<string> list, string[] sozuDefault) =>
        list.Count == 0 || list.SequenceEqual(sozuDefault, StringComparer.Ordinal);
}
