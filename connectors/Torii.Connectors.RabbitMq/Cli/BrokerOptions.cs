using System.CommandLine;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.Settings;

namespace Torii.Connectors.RabbitMq.Cli;

/// <summary>Where the broker is, for every verb; each flag overrides the key of the same name in the settings file.</summary>
internal sealed class BrokerOptions
{
    public static readonly IReadOnlyList<string> Keys = ["url", "host", "port", "user", "password", "vhost", "exchange", "recovery_interval_ms"];

    public Option<string?> Url { get; } = new("--url")
    {
        Description = "amqp://user:password@host:port/vhost; host, port, user, password and vhost flags override its parts (key url)",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Host { get; } = new("--host") { Description = "Broker host (key host; default 127.0.0.1)", Recursive = true };

    public Option<int?> Port { get; } = new("--port") { Description = "Broker port (key port; default 5672)", Recursive = true };

    public Option<string?> User { get; } = new("--user") { Description = "Login (key user; default guest)", Recursive = true };

    public Option<string?> Password { get; } = new("--password") { Description = "Password (key password; default guest)", Recursive = true };

    public Option<string?> VirtualHost { get; } = new("--vhost") { Description = "Virtual host (key vhost; default /)", Recursive = true };

    public Option<string?> Exchange { get; } = new("--exchange")
    {
        Description = $"The durable topic exchange updates are published to (key exchange; default {BrokerSettings.DefaultExchange})",
        Recursive = true,
    };

    public Option<int?> RecoveryIntervalMilliseconds { get; } = new("--recovery-interval-ms")
    {
        Description = "Pause between reconnection attempts after the broker went away (key recovery_interval_ms; default 1000)",
        HelpName = "MS",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Host);
        command.Options.Add(Port);
        command.Options.Add(User);
        command.Options.Add(Password);
        command.Options.Add(VirtualHost);
        command.Options.Add(Exchange);
        command.Options.Add(RecoveryIntervalMilliseconds);
    }

    /// <exception cref="SettingsException">A value is malformed.</exception>
    public BrokerSettings Read(ParseResult parseResult, SettingsFile file)
    {
        string? url = parseResult.GetValue(Url) ?? file.String("url");
        int? port = parseResult.GetValue(Port) ?? file.Integer("port", 1, 65535);
        if (port is < 1 or > 65535)
        {
            throw new SettingsException($"--port must be between 1 and 65535, not {port}");
        }

        int recovery = parseResult.GetValue(RecoveryIntervalMilliseconds) ?? file.Integer("recovery_interval_ms", 1, int.MaxValue) ?? 1000;
        if (recovery < 1)
        {
            throw new SettingsException($"--recovery-interval-ms must be at least 1, not {recovery}");
        }

        return new BrokerSettings
        {
            Url = url is null ? null : ParseUrl(url),
            Host = parseResult.GetValue(Host) ?? file.String("host"),
            Port = port,
            User = parseResult.GetValue(User) ?? file.String("user"),
            Password = parseResult.GetValue(Password) ?? file.String("password"),
            VirtualHost = parseResult.GetValue(VirtualHost) ?? file.String("vhost"),
            Exchange = NonEmpty(parseResult.GetValue(Exchange) ?? file.String("exchange"), "exchange") ?? BrokerSettings.DefaultExchange,
            RecoveryInterval = TimeSpan.FromMilliseconds(recovery),
        };
    }

    internal static string? NonEmpty(string? value, string key) =>
        value is { Length: 0 } ? throw new SettingsException($"{key} must not be empty") : value;

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && url.Scheme is "amqp" or "amqps"
            ? url
            : throw new SettingsException($"url must be an amqp:// or amqps:// URL, not \"{text}\"");
}
