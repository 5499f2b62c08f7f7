using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli.Tests;

/// <summary>Turns a command line into the requests it would send, without any socket.</summary>
internal static class CommandLines
{
    public static ParseResult Parse(string commandLine) => ToriiCommandLine.Create().Parse(commandLine);

    public static IReadOnlyList<Request> RequestsFor(string commandLine)
    {
        ParseResult result = Parse(commandLine);
        Assert.Empty(result.Errors);
        var command = Assert.IsType<RequestCommand>(result.CommandResult.Command);
        return command.BuildRequests(result);
    }

    public static Request RequestFor(string commandLine) => Assert.Single(RequestsFor(commandLine));

    /// <summary>The message of the error that stops the command line before anything is sent.</summary>
    public static string RefusalOf(string commandLine) =>
        Assert.Throws<CommandLineException>(() => RequestsFor(commandLine)).Message;

    /// <summary>The errors System.CommandLine itself reports (unknown values, missing options).</summary>
    public static IReadOnlyList<string> ParseErrorsOf(string commandLine) =>
        [.. Parse(commandLine).Errors.Select(error => error.Message)];

    public static SocketAddress Address(string text) => SocketAddresses.Parse(text);
}
