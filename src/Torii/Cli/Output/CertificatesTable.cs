using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`certificate list`: one row per name a certificate is served for, by listener address.</summary>
internal static class CertificatesTable
{
    public static void Write(ListOfCertificatesByAddress certificates, TextWriter writer)
    {
        var table = new TextTable("ADDRESS", "DOMAIN", "FINGERPRINT");
        var rows = certificates.Certificates.SelectMany(byAddress => byAddress.CertificateSummaries.Select(summary =>
            (Address: Display.Address(byAddress.Address), summary.Domain, summary.Fingerprint)));
        foreach (var row in rows
            .OrderBy(r => r.Address, StringComparer.Ordinal)
            .ThenBy(r => r.Domain, StringComparer.Ordinal)
            .ThenBy(r => r.Fingerprint, StringComparer.Ordinal))
        {
            table.AddRow(row.Address, row.Domain, row.Fingerprint);
        }

        if (table.RowCount == 0)
        {
            writer.WriteLine("no certificates");
            return;
        }

        table.WriteTo(writer);
    }
}
