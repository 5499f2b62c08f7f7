using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii frontend http|https|tcp add|remove` and `torii frontend list`.</summary>
internal static class FrontendCommands
{
    public static Command Create(CommonOptions common) =>
        new("frontend", "Add, remove and list the frontends that route traffic to clusters")
        {
            new Command("http", "HTTP frontends: a listener address, a hostname and an optional path and method")
            {
                CreateHttp("add", "Add an HTTP frontend", common, frontend => new Request { AddHttpFrontend = frontend }),
                CreateHttp("remove", "Remove an HTTP frontend", common, frontend => new Request { RemoveHttpFrontend = frontend }),
            },
            new Command("https", "HTTPS frontends: as HTTP ones, on an HTTPS listener")
            {
                CreateHttp("add", "Add an HTTPS frontend", common, frontend => new Request { AddHttpsFrontend = frontend }),
                CreateHttp("remove", "Remove an HTTPS frontend", common, frontend => new Request { RemoveHttpsFrontend = frontend }),
            },
            new Command("tcp", "TCP frontends: a listener address sending all its connections to a cluster")
            {
                CreateTcp("add", "Add a TCP frontend", common, frontend => new Request { AddTcpFrontend = frontend }),
                CreateTcp("remove", "Remove a TCP frontend", common, frontend => new Request { RemoveTcpFrontend = frontend }),
            },
            CreateList(common),
        };

    private static RequestCommand CreateHttp(
        string name,
        string description,
        CommonOptions common,
        Func<RequestHttpFrontend, Request> toRequest)
    {
        var address = AddressOption();
        var hostname = new Option<string>("--hostname") { Description = "Host name, exact or *.wildcard", HelpName = "H", Required = true };
        var pathPrefix = new Option<string?>("--path-prefix") { Description = "Match paths starting with P", HelpName = "P" };
        var pathRegex = new Option<string?>("--path-regex") { Description = "Match paths matching the regular expression R", HelpName = "R" };
        var pathEquals = new Option<string?>("--path-equals") { Description = "Match the path P exactly", HelpName = "P" };
        var method = new Option<string?>("--method") { Description = "Match only this HTTP method", HelpName = "M" };
        var clusterId = new Option<string?>("--id") { Description = "The cluster that serves what matches", HelpName = "CLUSTER" };
        var deny = new Option<bool>("--deny") { Description = "Refuse what matches instead of sending it to a cluster" };
        var actions = name == "add" ? new FrontendActionOptions() : null;

        var command = new RequestCommand(name, description, common, parseResult =>
        {
            var frontend = new RequestHttpFrontend
            {
                Address = OptionValues.RequiredAddress(parseResult, address),
                Hostname = parseResult.GetRequiredValue(hostname),
                Path = PathRule(parseResult, pathPrefix, pathRegex, pathEquals),
            };
            if (parseResult.GetValue(method) is string givenMethod)
            {
                frontend.Method = givenMethod;
            }

            if (Target(parseResult, clusterId, deny) is string givenClusterId)
            {
                frontend.ClusterId = givenClusterId;
            }

            actions?.Apply(parseResult, frontend);
            return [toRequest(frontend)];
        })
        {
            address, hostname, pathPrefix, pathRegex, pathEquals, method, clusterId, deny,
        };
        actions?.AddTo(command);
        return command;
    }

    private static RequestCommand CreateTcp(
        string name,
        string description,
        CommonOptions common,
        Func<RequestTcpFrontend, Request> toRequest)
    {
        var clusterId = new Option<string>("--id") { Description = "The cluster that serves the connections", HelpName = "CLUSTER", Required = true };
        var address = AddressOption();
        return new RequestCommand(name, description, common, parseResult =>
            [toRequest(new RequestTcpFrontend
            {
                ClusterId = parseResult.GetRequiredValue(clusterId),
                Address = OptionValues.RequiredAddress(parseResult, address),
            })])
        {
            clusterId, address,
        };
    }

    private static RequestCommand CreateList(CommonOptions common)
    {
        var http = new Option<bool>("--http") { Description = "Only HTTP frontends" };
        var https = new Option<bool>("--https") { Description = "Only HTTPS frontends" };
        var tcp = new Option<bool>("--tcp") { Description = "Only TCP frontends" };
        var domain = new Option<string?>("--domain") { Description = "Only frontends whose hostname contains D", HelpName = "D" };
        return new RequestCommand("list", "List frontends (all of them unless --http, --https or --tcp)", common, parseResult =>
        {
            var filters = new FrontendFilters
            {
                Http = parseResult.GetValue(http),
                Tcp = parseResult.GetValue(tcp),
            };
            if (parseResult.GetValue(https))
            {
                filters.Https = true;
            }

            if (parseResult.GetValue(domain) is string givenDomain)
            {
                filters.Domain = givenDomain;
            }

            return [new Request { ListFrontends = filters }];
        })
        {
            http, https, tcp, domain,
        };
    }

    /// <summary>No path option matches every path: an empty prefix.</summary>
    private static PathRule PathRule(
        ParseResult parseResult,
        Option<string?> prefix,
        Option<string?> regex,
        Option<string?> equals)
    {
        PathRule[] given =
        [
            .. Given(parseResult, prefix, PathRuleKind.Prefix),
            .. Given(parseResult, regex, PathRuleKind.Regex),
            .. Given(parseResult, equals, PathRuleKind.Equals),
        ];
        return given.Length switch
        {
            0 => new PathRule { Kind = PathRuleKind.Prefix, Value = "" },
            1 => given[0],
            _ => throw new CommandLineException("give at most one of --path-prefix, --path-regex and --path-equals"),
        };
    }

    private static IEnumerable<PathRule> Given(ParseResult parseResult, Option<string?> option, PathRuleKind kind) =>
        parseResult.GetValue(option) is string value ? [new PathRule { Kind = kind, Value = value }] : [];

    /// <summary>The cluster id, or null for a frontend that denies; exactly one of the two must be given.</summary>
    private static string? Target(ParseResult parseResult, Option<string?> clusterId, Option<bool> deny)
    {
        string? givenClusterId = parseResult.GetValue(clusterId);
        bool denies = parseResult.GetValue(deny);
        return (givenClusterId, denies) switch
        {
            (not null, true) => throw new CommandLineException("--id and --deny cannot be used together"),
            (null, false) => throw new CommandLineException("give either --id CLUSTER or --deny"),
            _ => givenClusterId,
        };
    }

    private static Option<string> AddressOption() =>
        new("--address") { Description = "The listener's IP:PORT", HelpName = "IP:PORT", Required = true };
}
