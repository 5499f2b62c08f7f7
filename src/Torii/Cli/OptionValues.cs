using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>Reads option values that need checking beyond what System.CommandLine parses.</summary>
internal static class OptionValues
{
    public const int MaxWeight = 1000;

    /// <summary>The protocol's bounds for a backend's max_connections and a cluster's queue_timeout.</summary>
    public const int MaxBackendConnections = 1_000_000;
    public const int MaxQueueTimeoutSeconds = 86_400;

    public static SocketAddress RequiredAddress(ParseResult parseResult, Option<string> option) =>
        ParseAddress(option, parseResult.GetRequiredValue(option));

    public static SocketAddress? OptionalAddress(ParseResult parseResult, Option<string?> option)
    {
        string? text = parseResult.GetValue(option);
        return text is null ? null : ParseAddress(option, text);
    }

    public static int? Weight(ParseResult parseResult, Option<int?> option)
    {
        int? weight = parseResult.GetValue(option);
        if (weight is < 0 or > MaxWeight)
        {
            throw new CommandLineException($"{option.Name} {weight} is outside 0..{MaxWeight}");
        }

        return weight;
    }

    /// <summary>A whole number within <paramref name="min"/>..<paramref name="max"/>, or null when the option is absent.</summary>
    public static uint? Bounded(ParseResult parseResult, Option<int?> option, int min, int max, string meaning)
    {
        int? value = parseResult.GetValue(option);
        if (value is { } given && (given < min || given > max))
        {
            throw new CommandLineException($"{option.Name} {given} is outside {min}..{max} ({meaning})");
        }

        return (uint?)value;
    }

    private static SocketAddress ParseAddress(Option option, string text) =>
        SocketAddresses.TryParse(text, out SocketAddress? address)
            ? address
            : throw new CommandLineException(
                $"{option.Name} \"{text}\" is not an address of the form IP:PORT (1.2.3.4:80 or [::1]:80)");
}
