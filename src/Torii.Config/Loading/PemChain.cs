namespace Torii.Config.Loading;

/// <summary>Splits a PEM certificate chain file into one PEM block per certificate, leaf first.</summary>
internal static class PemChain
{
    private const string End = "-----END CERTIFICATE-----";

    public static List<string> Split(string pem)
    {
        var certificates = new List<string>();
        var start = 0;
        while (pem.IndexOf(End, start, StringComparison.Ordinal) is var end and >= 0)
        {
            certificates.Add(pem[start..(end + End.Length)].Trim());
            start = end + End.Length;
        }

        return certificates;
    }
}
