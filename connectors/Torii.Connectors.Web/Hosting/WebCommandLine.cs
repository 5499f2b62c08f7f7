using System.CommandLine;
using Microsoft.Extensions.Logging;
using Torii.Connectors.Settings;
using Torii.Connectors.Web.Security;
using Torii.Connectors.Web.Settings;

namespace Torii.Connectors.Web.Hosting;

/// <summary>`torii-web [--config FILE] [--listen-address IP:PORT] [--proxy-socket PATH | --proxy-config FILE]` and `torii-web hash-password`.</summary>
internal static partial class WebCommandLine
{
    public const int Stopped = 0;
    public const int CannotRun = 1;

    public static RootCommand Create()
    {
        var options = new WebOptions();
        var root = new RootCommand("torii-web: the Torii proxy's operator console in the browser");
        options.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => RunAsync(options, parseResult, cancellationToken));

        var hash = new Command("hash-password", "Reads a password (or a bearer token) on standard input and prints the password_hash / token_hash to put in the settings file");
        hash.SetAction(async (parseResult, cancellationToken) =>
        {
            string? secret = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(secret))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: give the password on standard input, e.g. `torii-web hash-password < file`").ConfigureAwait(false);
                return CannotRun;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(PasswordHash.Create(secret)).ConfigureAwait(false);
            return Stopped;
        });
        root.Subcommands.Add(hash);
        return root;
    }

    private static async Task<int> RunAsync(WebOptions options, ParseResult parseResult, CancellationToken stopping)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        WebSettings settings;
        try
        {
            settings = options.Read(parseResult, Environment.CurrentDirectory);
        }
        catch (SettingsException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return CannotRun;
        }
        catch (Torii.Config.Toml.TomlException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return CannotRun;
        }

        if (settings.Users.Count == 0 && settings.Tokens.Count == 0)
        {
            await error.WriteLineAsync("error: no [[users]] nor [[tokens]] in the settings file: nobody could sign in (see `torii-web hash-password`)").ConfigureAwait(false);
            return CannotRun;
        }

        WebServer server;
        try
        {
            server = await WebServer.StartAsync(settings, stopping).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await error.WriteLineAsync($"error: cannot listen on {settings.ListenAddress}: {exception.Message}").ConfigureAwait(false);
            return CannotRun;
        }

        await using (server.ConfigureAwait(false))
        {
            string scheme = settings.TlsCertificate is null ? "http" : "https";
            LogServing(server.Logger, $"{scheme}://{server.Address}/", settings.ProxySocket);
            await server.WaitForShutdownAsync(stopping).ConfigureAwait(false);
        }

        return Stopped;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "serving {Url} for the proxy at {Socket}")]
    private static partial void LogServing(ILogger logger, string url, string socket);
}
