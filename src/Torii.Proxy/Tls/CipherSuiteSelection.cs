using System.Net.Security;
using System.Security.Authentication;
using Torii.Protocol;
using Torii.Proxy.State;

namespace Torii.Proxy.Tls;

/// <summary>
/// A listener's cipher_list as the TLS library's policy. OpenSSL refuses every handshake of a
/// version the policy has no suite for (with a "protocol version" alert) instead of offering
/// the other version, so a version left without suites is switched off, and a list that leaves
/// none of the listener's versions is refused.
/// </summary>
public static class CipherSuiteSelection
{
    /// <param name="names">Sōzu or IANA names, already checked by the validator.</param>
    /// <param name="policy">Null when no names are given: the library's own suites.</param>
    /// <returns>The versions still usable with those suites.</returns>
    public static SslProtocols Protocols(SslProtocols versions, IEnumerable<string> names, out CipherSuitesPolicy? policy)
    {
        var suites = new List<TlsCipherSuite>();
        foreach (string name in names)
        {
            if (CipherSuiteNames.TryParse(name, out var suite) && !suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        if (suites.Count == 0)
        {
            policy = null;
            return versions;
        }

        var usable = SslProtocols.None;
        if (suites.Exists(IsTls13))
        {
            usable |= SslProtocols.Tls13;
        }

        if (!suites.TrueForAll(IsTls13))
        {
            usable |= SslProtocols.Tls12;
        }

        var protocols = versions & usable;
        if (protocols == SslProtocols.None)
        {
            throw new CommandException($"cipher_list has no suite for the listener's TLS versions ({versions})");
        }

        policy = new CipherSuitesPolicy(suites);
        return protocols;
    }

    /// <summary>RFC 8446's suites, 0x1301-0x1305: they name no key exchange, so TLS 1.2 cannot use them.</summary>
    private static bool IsTls13(TlsCipherSuite suite) => (ushort)suite is >= 0x1301 and <= 0x1305;
}
