using Torii.Protocol;
using Torii.Proxy.State;

namespace Torii.Proxy.Health;

/// <summary>
/// Reads a check's password when the probe is built, from the request or from password_file, so it
/// never sits in a log line or an error message: failures name the file and the reason, never content.
/// </summary>
public static class HealthCheckSecrets
{
    private const int MaxPasswordFileBytes = 4096;

    /// <returns>The password, or null when the check has none (trust authentication).</returns>
    /// <exception cref="CommandException">The password file cannot be read, or is not a one-line password.</exception>
    public static string? ReadPassword(HealthCheckConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.HasPassword)
        {
            return config.Password;
        }

        if (!config.HasPasswordFile)
        {
            return null;
        }

        var path = config.PasswordFile;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxPasswordFileBytes)
            {
                throw new CommandException($"health check password_file {path} is larger than {MaxPasswordFileBytes} bytes: it should hold one password");
            }

            // One trailing line break is what editors add; the password is the line before it.
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => e.GetType().Name,
            };
            throw new CommandException($"health check password_file {path}: cannot read it ({why})");
        }
    }
}
