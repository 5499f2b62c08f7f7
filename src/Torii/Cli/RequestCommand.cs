using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// A verb that becomes one or more requests to the proxy. Turning the command line into
/// requests needs no socket, so it can be checked on its own; running sends them in order.
/// </summary>
internal sealed class RequestCommand : Command
{
    private readonly Func<ParseResult, IReadOnlyList<Request>> _buildRequests;

    public RequestCommand(
        string name,
        string description,
        CommonOptions common,
        Func<ParseResult, IReadOnlyList<Request>> buildRequests)
        : base(name, description)
    {
        _buildRequests = buildRequests;
        SetAction((parseResult, cancellationToken) =>
            new CommandRunner(common, parseResult, MinimumTimeoutMilliseconds).RunAsync(BuildRequests, cancellationToken));
    }

    /// <summary>For a verb whose answer takes long by nature (an upgrade): --timeout never cuts it shorter.</summary>
    public int MinimumTimeoutMilliseconds { get; init; }

    /// <exception cref="CommandLineException">The options parse but do not make a request that can be sent.</exception>
    public IReadOnlyList<Request> BuildRequests(ParseResult parseResult) => _buildRequests(parseResult);
}
