using System.Collections.Concurrent;
using System.Globalization;

namespace Torii.Proxy.Command;

/// <summary>
/// User names by uid, from the password database file. Read at most once per uid: a command
/// connection costs no file read after the first from that user.
/// </summary>
internal static class UserNames
{
    private const string PasswordFile = "/etc/passwd";
    private static readonly ConcurrentDictionary<uint, string> Known = new();

    public static string Of(uint uid) => Known.GetOrAdd(uid, Lookup);

    private static string Lookup(uint uid)
    {
        var text = uid.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var line in File.ReadLines(PasswordFile))
            {
                // name:password:uid:gid:gecos:home:shell
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == text)
                {
                    return fields[0];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No readable database: the uid stands for the name.
        }

        return text;
    }
}
