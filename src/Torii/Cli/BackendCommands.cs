using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii backend add|remove`.</summary>
internal static class BackendCommands
{
    public static Command Create(CommonOptions common) =>
        new("backend", "Add and remove the backends of a cluster")
        {
            CreateAdd(common),
            CreateRemove(common),
        };

    private static RequestCommand CreateAdd(CommonOptions common)
    {
        var (clusterId, backendId, address) = IdentityOptions();
        var weight = new Option<int?>("--weight")
        {
            Description = $"Share of the traffic, 0..{OptionValues.MaxWeight} (0 takes none)",
            HelpName = "N",
        };
        var stickyId = new Option<string?>("--sticky-id") { Description = "Value of the sticky session cookie naming this backend", HelpName = "S" };
        var backup = new Option<bool>("--backup") { Description = "Only used when no other backend is available" };
        var maxConnections = new Option<int?>("--max-connections")
        {
            Description = $"Most requests (HTTP) or connections (TCP) in flight at once, 0..{OptionValues.MaxBackendConnections} (0: unlimited); beyond it they wait in the cluster's queue",
            HelpName = "N",
        };

        return new RequestCommand("add", "Add a backend to a cluster", common, parseResult =>
        {
            var backend = new AddBackend
            {
                ClusterId = parseResult.GetRequiredValue(clusterId),
                BackendId = parseResult.GetRequiredValue(backendId),
                Address = OptionValues.RequiredAddress(parseResult, address),
            };
            if (OptionValues.Weight(parseResult, weight) is int givenWeight)
            {
                backend.LoadBalancingParameters = new LoadBalancingParams { Weight = givenWeight };
            }

            if (parseResult.GetValue(stickyId) is string givenStickyId)
            {
                backend.StickyId = givenStickyId;
            }

            if (parseResult.GetValue(backup))
            {
                backend.Backup = true;
            }

            if (OptionValues.Bounded(parseResult, maxConnections, 0, OptionValues.MaxBackendConnections, "0: unlimited") is { } limit)
            {
                backend.MaxConnections = limit;
            }

            return [new Request { AddBackend = backend }];
        })
        {
            clusterId, backendId, address, weight, stickyId, backup, maxConnections,
        };
    }

    private static RequestCommand CreateRemove(CommonOptions common)
    {
        var (clusterId, backendId, address) = IdentityOptions();
        return new RequestCommand("remove", "Remove a backend; requests in flight finish", common, parseResult =>
            [new Request
            {
                RemoveBackend = new RemoveBackend
                {
                    ClusterId = parseResult.GetRequiredValue(clusterId),
                    BackendId = parseResult.GetRequiredValue(backendId),
                    Address = OptionValues.RequiredAddress(parseResult, address),
                },
            }])
        {
            clusterId, backendId, address,
        };
    }

    private static (Option<string> ClusterId, Option<string> BackendId, Option<string> Address) IdentityOptions() =>
    (
        new Option<string>("--id") { Description = "The cluster id", HelpName = "CLUSTER", Required = true },
        new Option<string>("--backend-id") { Description = "The backend id", HelpName = "B", Required = true },
        new Option<string>("--address") { Description = "The backend's IP:PORT", HelpName = "IP:PORT", Required = true }
    );
}
