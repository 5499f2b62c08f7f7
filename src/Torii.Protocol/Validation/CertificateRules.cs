namespace Torii.Protocol;

internal static class CertificateRules
{
    public static string? CheckAdd(FieldPath field, AddCertificate request) =>
        AddressRule.Required($"{field}.address", request.Address)
        ?? CheckCertificate($"{field}.certificate", request.Certificate);

    public static string? CheckReplace(FieldPath field, ReplaceCertificate request) =>
        AddressRule.Required($"{field}.address", request.Address)
        ?? CheckCertificate($"{field}.new_certificate", request.NewCertificate)
        ?? TextRules.Fingerprint($"{field}.old_fingerprint", request.HasOldFingerprint, request.OldFingerprint);

    public static string? CheckRemove(FieldPath field, RemoveCertificate request) =>
        AddressRule.Required($"{field}.address", request.Address)
        ?? TextRules.Fingerprint($"{field}.fingerprint", request.HasFingerprint, request.Fingerprint);

    public static string? CheckQuery(FieldPath field, QueryCertificatesFilters filters) =>
        HostnameRule.Optional($"{field}.domain", filters.HasDomain, filters.Domain)
        ?? (filters.HasFingerprint ? TextRules.Fingerprint($"{field}.fingerprint", true, filters.Fingerprint) : null);

    private static string? CheckCertificate(FieldPath field, CertificateAndKey? certificate)
    {
        if (certificate is null)
        {
            return $"{field} is required";
        }

        if (!certificate.HasCertificate || string.IsNullOrWhiteSpace(certificate.Certificate))
        {
            return $"{field}.certificate needs the PEM certificate";
        }

        if (!certificate.HasKey || string.IsNullOrWhiteSpace(certificate.Key))
        {
            return $"{field}.key needs the PEM private key";
        }

        if (certificate.CertificateChain.Any(string.IsNullOrWhiteSpace))
        {
            return $"{field}.certificate_chain has an empty entry";
        }

        foreach (string name in certificate.Names)
        {
            string? problem = HostnameRule.Check($"{field}.names", name);
            if (problem is not null)
            {
                return problem;
            }
        }

        return ListenerRules.CheckVersions($"{field}.versions", certificate.Versions);
    }
}
