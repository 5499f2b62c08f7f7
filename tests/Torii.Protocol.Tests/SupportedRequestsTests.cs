using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol.Tests;

public sealed class SupportedRequestsTests
{
    private static readonly string[] ExpectedNames =
    [
        "save_state", "load_state", "reload_configuration", "list_frontends", "list_listeners", "status", "add_cluster", "remove_cluster",
        "add_http_frontend", "remove_http_frontend", "add_https_frontend", "remove_https_frontend",
        "add_certificate", "replace_certificate", "remove_certificate", "query_certificates_from_the_state",
        "add_tcp_frontend", "remove_tcp_frontend", "add_backend", "remove_backend",
        "add_http_listener", "add_https_listener", "add_tcp_listener", "remove_listener",
        "activate_listener", "deactivate_listener", "query_cluster_by_id", "query_clusters_by_domain",
        "query_clusters_hashes", "query_metrics", "configure_metrics", "soft_stop", "hard_stop", "count_requests", "Logging",
        "update_http_listener", "update_https_listener", "update_tcp_listener", "upgrade_main", "upgrade_worker", "return_listen_sockets",
        "set_health_check", "remove_health_check", "query_health_checks", "subscribe_events",
    ];

    [Fact]
    public void SupportsExactlyTheImplementedCases()
    {
        string[] supported = Enum.GetValues<RequestCase>()
            .Where(SupportedRequests.IsSupported)
            .Select(RequestNames.Of)
            .ToArray();

        Assert.Equal(ExpectedNames.Order(), supported.Order());
        Assert.Equal(ExpectedNames.Length, SupportedRequests.All.Count);
    }

    [Theory]
    [InlineData(RequestCase.None)]
    [InlineData(RequestCase.ListWorkers)]
    [InlineData(RequestCase.LaunchWorker)]
    [InlineData(RequestCase.QueryCertificatesFromWorkers)]
    [InlineData(RequestCase.SetMetricDetail)]
    [InlineData(RequestCase.AddUdpListener)]
    public void OtherCasesAreNotSupported(RequestCase requestCase)
    {
        Assert.False(SupportedRequests.IsSupported(requestCase));
    }

    [Fact]
    public void UnsupportedAnswerIsAFailureNamingTheRequest()
    {
        Response response = Responses.Unsupported(new Request { AddUdpListener = new Unsupported() });

        Assert.Equal(ResponseStatus.Failure, response.Status);
        Assert.Equal("unsupported request: add_udp_listener", response.Message);
    }
}
