using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii state save|load|stats`.</summary>
internal static class StateCommands
{
    public static Command Create(CommonOptions common) =>
        new("state", "Save and load the proxy's state, and count the requests it received")
        {
            CreateFileCommand("save", "Write the state to a file, one JSON request a line", common, path => new Request { SaveState = path }),
            CreateFileCommand("load", "Apply the requests of a state file", common, path => new Request { LoadState = path }),
            new RequestCommand("stats", "Count the requests the proxy received, by type", common, _ =>
                [new Request { CountRequests = new CountRequests() }]),
        };

    // The proxy resolves paths against its own working directory, so the file is named absolutely.
    private static RequestCommand CreateFileCommand(string name, string description, CommonOptions common, Func<string, Request> toRequest)
    {
        var file = new Option<string>("--file", "-f") { Description = "The state file", HelpName = "FILE", Required = true };
        return new RequestCommand(name, description, common, parseResult =>
            [toRequest(Path.GetFullPath(parseResult.GetRequiredValue(file)))])
        {
            file,
        };
    }
}
