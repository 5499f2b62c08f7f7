using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol;

/// <summary>
/// The structural checks a request must pass before it touches any state: a known case,
/// required fields present, well-formed ids, addresses, hostnames, paths and ranges.
/// Checks that need the state (does the cluster exist?) belong to the proxy.
/// </summary>
public static class RequestValidator
{
    /// <returns>null when the request is valid, otherwise a one-line reason.</returns>
    public static string? Validate(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestCase requestCase = request.RequestTypeCase;
        if (requestCase == RequestCase.None)
        {
            return "the request has no request type set";
        }

        if (!SupportedRequests.IsSupported(requestCase))
        {
            return Responses.UnsupportedMessage(requestCase);
        }

        string name = RequestNames.Of(requestCase);
        return requestCase switch
        {
            RequestCase.SaveState => TextRules.FilePath(name, request.HasSaveState, request.SaveState),
            RequestCase.LoadState => TextRules.FilePath(name, request.HasLoadState, request.LoadState),
            // Empty: the config file the proxy was started with.
            RequestCase.ReloadConfiguration => request.ReloadConfiguration.Length == 0 ? null : TextRules.FilePath(name, present: true, request.ReloadConfiguration),
            RequestCase.ListFrontends => QueryRules.CheckFrontendFilters(name, request.ListFrontends),
            RequestCase.AddCluster => ClusterRules.Check(name, request.AddCluster),
            RequestCase.RemoveCluster => IdentifierRule.Required(name, request.HasRemoveCluster, request.RemoveCluster),
            RequestCase.AddHttpFrontend => FrontendRules.CheckHttp(name, request.AddHttpFrontend),
            RequestCase.RemoveHttpFrontend => FrontendRules.CheckHttp(name, request.RemoveHttpFrontend),
            RequestCase.AddHttpsFrontend => FrontendRules.CheckHttp(name, request.AddHttpsFrontend),
            RequestCase.RemoveHttpsFrontend => FrontendRules.CheckHttp(name, request.RemoveHttpsFrontend),
            RequestCase.AddCertificate => CertificateRules.CheckAdd(name, request.AddCertificate),
            RequestCase.ReplaceCertificate => CertificateRules.CheckReplace(name, request.ReplaceCertificate),
            RequestCase.RemoveCertificate => CertificateRules.CheckRemove(name, request.RemoveCertificate),
            RequestCase.QueryCertificatesFromTheState => CertificateRules.CheckQuery(name, request.QueryCertificatesFromTheState),
            RequestCase.AddTcpFrontend => FrontendRules.CheckTcp(name, request.AddTcpFrontend),
            RequestCase.RemoveTcpFrontend => FrontendRules.CheckTcp(name, request.RemoveTcpFrontend),
            RequestCase.AddBackend => BackendRules.CheckAdd(name, request.AddBackend),
            RequestCase.RemoveBackend => BackendRules.CheckRemove(name, request.RemoveBackend),
            RequestCase.AddHttpListener => ListenerRules.CheckHttp(name, request.AddHttpListener),
            RequestCase.AddHttpsListener => ListenerRules.CheckHttps(name, request.AddHttpsListener),
            RequestCase.AddTcpListener => ListenerRules.CheckTcp(name, request.AddTcpListener),
            RequestCase.RemoveListener => ListenerRules.CheckRemove(name, request.RemoveListener),
            RequestCase.ActivateListener => ListenerRules.CheckActivate(name, request.ActivateListener),
            RequestCase.DeactivateListener => ListenerRules.CheckDeactivate(name, request.DeactivateListener),
            RequestCase.UpdateHttpListener => ListenerUpdateRules.CheckHttp(name, request.UpdateHttpListener),
            RequestCase.UpdateHttpsListener => ListenerUpdateRules.CheckHttps(name, request.UpdateHttpsListener),
            RequestCase.UpdateTcpListener => ListenerUpdateRules.CheckTcp(name, request.UpdateTcpListener),
            RequestCase.QueryClusterById => IdentifierRule.Required(name, request.HasQueryClusterById, request.QueryClusterById),
            RequestCase.QueryClustersByDomain => QueryRules.CheckClustersByDomain(name, request.QueryClustersByDomain),
            RequestCase.QueryMetrics => QueryRules.CheckMetrics(name, request.QueryMetrics),
            RequestCase.Logging => TextRules.LogLevel(name, request.Logging),
            RequestCase.SetHealthCheck => HealthCheckRules.CheckSet(name, request.SetHealthCheck),
            RequestCase.RemoveHealthCheck => IdentifierRule.Required(name, request.HasRemoveHealthCheck, request.RemoveHealthCheck),
            RequestCase.QueryHealthChecks => HealthCheckRules.CheckQuery(name, request.QueryHealthChecks),
            RequestCase.ConfigureMetrics => Enum.IsDefined(request.ConfigureMetrics) ? null : $"{name}: unknown metrics configuration {(int)request.ConfigureMetrics}",

            // Empty messages: nothing to check beyond the case being set.
            RequestCase.ListListeners or RequestCase.Status or RequestCase.QueryClustersHashes
                or RequestCase.SoftStop or RequestCase.HardStop or RequestCase.CountRequests
                or RequestCase.UpgradeMain or RequestCase.ReturnListenSockets or RequestCase.SubscribeEvents => null,
            RequestCase.UpgradeWorker => null,

            _ => Responses.UnsupportedMessage(requestCase),
        };
    }

    public static bool IsValid(Request request) => Validate(request) is null;
}
