using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Torii.Cli;

/// <summary>The options every verb accepts, before or after the verb: where the proxy is and how to print.</summary>
internal sealed class CommonOptions
{
    public const int DefaultTimeoutMilliseconds = 10_000;

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The proxy's config.toml; its command_socket is the socket to talk to",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> Socket { get; } = new("--socket")
    {
        Description = "The proxy's command socket (wins over --config)",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print each final response as one line of JSON",
        Recursive = true,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Milliseconds to wait for each answer",
        HelpName = "MS",
        DefaultValueFactory = _ => DefaultTimeoutMilliseconds,
        CustomParser = ParsePositiveMilliseconds,
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Socket);
        command.Options.Add(Json);
        command.Options.Add(Timeout);
    }

    private static int ParsePositiveMilliseconds(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return DefaultTimeoutMilliseconds;
        }

        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int milliseconds) && milliseconds > 0)
        {
            return milliseconds;
        }

        result.AddError($"--timeout must be a positive number of milliseconds, not \"{text}\"");
        return DefaultTimeoutMilliseconds;
    }
}
