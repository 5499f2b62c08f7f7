namespace Torii.Proxy.Health.Postgres;

/// <summary>The codes of the Authentication message ('R'), the server's requests and its final "ok".</summary>
internal static class AuthenticationRequest
{
    public const int Ok = 0;
    public const int KerberosV5 = 2;
    public const int CleartextPassword = 3;
    public const int Md5Password = 5;
    public const int Gss = 7;
    public const int GssContinue = 8;
    public const int Sspi = 9;
    public const int Sasl = 10;
    public const int SaslContinue = 11;
    public const int SaslFinal = 12;

    public static string Name(int code) => code switch
    {
        KerberosV5 => "KerberosV5",
        Gss or GssContinue => "GSS",
        Sspi => "SSPI",
        _ => $"code {code}",
    };
}
