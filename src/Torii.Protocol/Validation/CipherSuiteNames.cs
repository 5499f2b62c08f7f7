using System.Net.Security;

namespace Torii.Protocol;

/// <summary>
/// Sōzu's cipher suite names (rustls's: IANA names, with TLS 1.3 suites spelled
/// <c>TLS13_AES_128_GCM_SHA256</c>) to the suites the TLS library is given.
/// </summary>
public static class CipherSuiteNames
{
    private const string RustlsTls13Prefix = "TLS13_";

    public static bool TryParse(string name, out TlsCipherSuite suite)
    {
        ArgumentNullException.ThrowIfNull(name);
        string iana = name.StartsWith(RustlsTls13Prefix, StringComparison.Ordinal) ? "TLS_" + name[RustlsTls13Prefix.Length..] : name;
        return Enum.TryParse(iana, ignoreCase: false, out suite) && Enum.IsDefined(suite) && !int.TryParse(iana, out _);
    }

    /// <returns>null when every name is a known suite, otherwise the reason naming the first that is not.</returns>
    internal static string? Check(FieldPath field, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (!TryParse(name, out _))
            {
                return $"{field}: unknown cipher suite {ValidationText.Quote(name)} (IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, or TLS13_AES_128_GCM_SHA256)";
            }
        }

        return null;
    }
}
