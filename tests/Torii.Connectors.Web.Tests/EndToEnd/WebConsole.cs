using System.Diagnostics;
using System.Net;
using System.Text;
using Torii.Connectors.Web.Security;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>
/// A real torii (an HTTP and an HTTPS listener) and the published torii-web in front of it, with an admin, a
/// read-only user and an admin bearer token.
/// </summary>
public sealed class WebConsole : IAsyncDisposable
{
    public const string AdminPassword = "admin-password";
    public const string ReaderPassword = "reader-password";
    public const string AdminToken = "admin-token-0123456789";

    private readonly Process _web;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private WebConsole(ToriiProcess torii, int httpPort, int httpsPort, Process web, int webPort)
    {
        Torii = torii;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        _web = web;
        BaseAddress = new Uri($"http://127.0.0.1:{webPort}/");
        web.OutputDataReceived += (_, line) => Append(line.Data);
        web.ErrorDataReceived += (_, line) => Append(line.Data);
        web.BeginOutputReadLine();
        web.BeginErrorReadLine();
    }

    public ToriiProcess Torii { get; private set; }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<WebConsole> StartAsync()
    {
        int httpPort = FreePort.Next();
        int httpsPort = FreePort.Next();
        ToriiProcess torii = await ToriiProcess.StartAsync($"""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            """);
        await torii.MustAsync(new Request { AddHttpsListener = new HttpsListenerConfig { Address = Requests.Loopback(httpsPort), Active = true } });

        int webPort = FreePort.Next();
        // Few iterations: the format carries them, and the tests sign in many times.
        string settings = $"""
            proxy_socket = "{torii.SocketPath}"
            listen_address = "127.0.0.1:{webPort}"

            [[users]]
            name = "admin"
            password_hash = "{PasswordHash.Create(AdminPassword, 1000)}"
            role = "admin"

            [[users]]
            name = "reader"
            password_hash = "{PasswordHash.Create(ReaderPassword, 1000)}"
            role = "read-only"

            [[tokens]]
            name = "automation"
            token_hash = "{PasswordHash.Create(AdminToken, 1000)}"
            role = "admin"
            """;
        string settingsPath = Path.Combine(torii.Directory, "torii-web.toml");
        await File.WriteAllTextAsync(settingsPath, settings);
        var start = new ProcessStartInfo(PublishedWeb.Path, ["--config", settingsPath])
        {
            WorkingDirectory = torii.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var console = new WebConsole(torii, httpPort, httpsPort, Process.Start(start)!, webPort);
        try
        {
            await console.WaitUntilServingAsync();
            return console;
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with its own cookies that follows no redirect, so each test sees the status the console answered.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>Kills torii (as a crash would) and starts it again on the same config and command socket: its state is the config's again.</summary>
    public async Task RestartProxyAsync()
    {
        await Torii.KillAsync();
        await Torii.DisposeAsync();
        Torii = await ToriiProcess.StartExistingAsync(Torii.Directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_web.HasExited)
        {
            _web.Kill(entireProcessTree: true);
            await _web.WaitForExitAsync();
        }

        _web.Dispose();
        await Torii.DisposeAsync();
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_web.HasExited)
            {
                throw new InvalidOperationException($"torii-web exited with {_web.ExitCode}:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet; Kestrel starts within a second or two.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"torii-web did not serve /healthz within 60 s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_outputLock)
            {
                _output.AppendLine(line);
            }
        }
    }
}
