using System.Collections.Frozen;
using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol;

/// <summary>The request cases Torii carries out; every other case is answered "unsupported request".</summary>
public static class SupportedRequests
{
    public static IReadOnlyList<RequestCase> All { get; } =
    [
        RequestCase.SaveState,
        RequestCase.LoadState,
        RequestCase.ReloadConfiguration,
        RequestCase.ListFrontends,
        RequestCase.ListListeners,
        RequestCase.Status,
        RequestCase.AddCluster,
        RequestCase.RemoveCluster,
        RequestCase.AddHttpFrontend,
        RequestCase.RemoveHttpFrontend,
        RequestCase.AddHttpsFrontend,
        RequestCase.RemoveHttpsFrontend,
        RequestCase.AddCertificate,
        RequestCase.ReplaceCertificate,
        RequestCase.RemoveCertificate,
        RequestCase.QueryCertificatesFromTheState,
        RequestCase.AddTcpFrontend,
        RequestCase.RemoveTcpFrontend,
        RequestCase.AddBackend,
        RequestCase.RemoveBackend,
        RequestCase.AddHttpListener,
        RequestCase.AddHttpsListener,
        RequestCase.AddTcpListener,
        RequestCase.RemoveListener,
        RequestCase.ActivateListener,
        RequestCase.DeactivateListener,
        RequestCase.QueryClusterById,
        RequestCase.QueryClustersByDomain,
        RequestCase.QueryClustersHashes,
        RequestCase.QueryMetrics,
        RequestCase.ConfigureMetrics,
        RequestCase.SoftStop,
        RequestCase.HardStop,
        RequestCase.CountRequests,
        RequestCase.Logging,
        RequestCase.UpdateHttpListener,
        RequestCase.UpdateHttpsListener,
        RequestCase.UpdateTcpListener,
        RequestCase.UpgradeMain,
        RequestCase.UpgradeWorker,
        RequestCase.ReturnListenSockets,
        RequestCase.SetHealthCheck,
        RequestCase.RemoveHealthCheck,
        RequestCase.QueryHealthChecks,
        RequestCase.SubscribeEvents,
    ];

    private static readonly FrozenSet<RequestCase> Set = All.ToFrozenSet();

    public static bool IsSupported(RequestCase requestCase) => Set.Contains(requestCase);

    public static bool IsSupported(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsSupported(request.RequestTypeCase);
    }
}
