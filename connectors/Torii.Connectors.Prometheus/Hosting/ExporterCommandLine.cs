using System.CommandLine;
using Microsoft.Extensions.Logging;
using Torii.Connectors.Prometheus.Settings;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Prometheus.Hosting;

/// <summary>`torii-prometheus [--config FILE] [--listen-address IP:PORT] [--proxy-socket PATH | --proxy-config FILE] [--timeout-ms MS]`.</summary>
internal static partial class ExporterCommandLine
{
    public const int Stopped = 0;
    public const int CannotRun = 1;

    public static RootCommand Create()
    {
        var options = new ExporterOptions();
        var root = new RootCommand("torii-prometheus: serves the Torii proxy's metrics to Prometheus on GET /metrics");
        options.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => RunAsync(options, parseResult, cancellationToken));
        return root;
    }

    private static async Task<int> RunAsync(ExporterOptions options, ParseResult parseResult, CancellationToken stopping)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        ExporterSettings settings;
        try
        {
            settings = options.Read(parseResult, Environment.CurrentDirectory);
        }
        catch (SettingsException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return CannotRun;
        }

        ExporterServer server;
        try
        {
            server = await ExporterServer.StartAsync(settings, stopping).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await error.WriteLineAsync($"error: cannot listen on {settings.ListenAddress}: {exception.Message}").ConfigureAwait(false);
            return CannotRun;
        }

        await using (server.ConfigureAwait(false))
        {
            LogServing(server.Logger, $"http://{server.Address}/metrics", settings.ProxySocket);
            await server.WaitForShutdownAsync(stopping).ConfigureAwait(false);
        }

        return Stopped;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "serving {Url} for the proxy at {Socket}")]
    private static partial void LogServing(ILogger logger, string url, string socket);
}
