using System.Security.Cryptography;
using System.Text;

namespace Torii.Proxy.Health.Postgres;

/// <summary>PostgreSQL's MD5 password answer: "md5" followed by md5(md5(password + user) as hex + salt) as hex.</summary>
internal static class Md5Password
{
    public static string Compute(string user, string password, ReadOnlySpan<byte> salt)
    {
        // MD5 is the server's choice here (pg_hba "md5"), not a design decision of the check.
#pragma warning disable CA5351
        string inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
        byte[] outerInput = [.. Encoding.ASCII.GetBytes(inner), .. salt];
        return "md5" + Convert.ToHexStringLower(MD5.HashData(outerInput));
#pragma warning restore CA5351
    }
}
