using Torii.Protocol;
using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Client.Tests;

public sealed class ToriiClientCommandsTests : IAsyncLifetime
{
    private static readonly SocketAddress Http = SocketAddresses.Parse("0.0.0.0:8080");

    private readonly TemporarySocketDirectory _directory = new();
    private FakeCommandServer _server = null!;
    private ToriiClient _client = null!;

    public Task InitializeAsync()
    {
        _server = FakeCommandServer.Start(_directory.SocketPath(), AnswerAsync);
        _client = new ToriiClient(_directory.SocketPath());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.StopAsync();
        _directory.Dispose();
    }

    public static TheoryData<string> ChangeCommands() => new(ChangeCalls.Keys);

    private static readonly Dictionary<string, (Func<ToriiClient, Task<string>> Call, RequestCase Expected)> ChangeCalls = new()
    {
        ["AddClusterAsync"] = (c => c.AddClusterAsync(new Cluster { ClusterId = "app" }), RequestCase.AddCluster),
        ["RemoveClusterAsync"] = (c => c.RemoveClusterAsync("app"), RequestCase.RemoveCluster),
        ["AddBackendAsync"] = (c => c.AddBackendAsync(new AddBackend { ClusterId = "app" }), RequestCase.AddBackend),
        ["RemoveBackendAsync"] = (c => c.RemoveBackendAsync(new RemoveBackend { ClusterId = "app" }), RequestCase.RemoveBackend),
        ["AddHttpFrontendAsync"] = (c => c.AddHttpFrontendAsync(new RequestHttpFrontend { Hostname = "a.com" }), RequestCase.AddHttpFrontend),
        ["RemoveHttpFrontendAsync"] = (c => c.RemoveHttpFrontendAsync(new RequestHttpFrontend { Hostname = "a.com" }), RequestCase.RemoveHttpFrontend),
        ["AddHttpsFrontendAsync"] = (c => c.AddHttpsFrontendAsync(new RequestHttpFrontend { Hostname = "a.com" }), RequestCase.AddHttpsFrontend),
        ["RemoveHttpsFrontendAsync"] = (c => c.RemoveHttpsFrontendAsync(new RequestHttpFrontend { Hostname = "a.com" }), RequestCase.RemoveHttpsFrontend),
        ["AddTcpFrontendAsync"] = (c => c.AddTcpFrontendAsync(new RequestTcpFrontend { ClusterId = "db" }), RequestCase.AddTcpFrontend),
        ["RemoveTcpFrontendAsync"] = (c => c.RemoveTcpFrontendAsync(new RequestTcpFrontend { ClusterId = "db" }), RequestCase.RemoveTcpFrontend),
        ["AddHttpListenerAsync"] = (c => c.AddHttpListenerAsync(new HttpListenerConfig { Address = Http }), RequestCase.AddHttpListener),
        ["AddHttpsListenerAsync"] = (c => c.AddHttpsListenerAsync(new HttpsListenerConfig { Address = Http }), RequestCase.AddHttpsListener),
        ["AddTcpListenerAsync"] = (c => c.AddTcpListenerAsync(new TcpListenerConfig { Address = Http }), RequestCase.AddTcpListener),
        ["RemoveListenerAsync"] = (c => c.RemoveListenerAsync(new RemoveListener { Address = Http, Proxy = ListenerType.Http }), RequestCase.RemoveListener),
        ["ActivateListenerAsync"] = (c => c.ActivateListenerAsync(new ActivateListener { Address = Http, Proxy = ListenerType.Http }), RequestCase.ActivateListener),
        ["DeactivateListenerAsync"] = (c => c.DeactivateListenerAsync(new DeactivateListener { Address = Http, Proxy = ListenerType.Http }), RequestCase.DeactivateListener),
        ["AddCertificateAsync"] = (c => c.AddCertificateAsync(new AddCertificate { Address = Http }), RequestCase.AddCertificate),
        ["ReplaceCertificateAsync"] = (c => c.ReplaceCertificateAsync(new ReplaceCertificate { Address = Http }), RequestCase.ReplaceCertificate),
        ["RemoveCertificateAsync"] = (c => c.RemoveCertificateAsync(new RemoveCertificate { Address = Http }), RequestCase.RemoveCertificate),
        ["SaveStateAsync"] = (c => c.SaveStateAsync("state.json"), RequestCase.SaveState),
        ["LoadStateAsync"] = (c => c.LoadStateAsync("state.json"), RequestCase.LoadState),
        ["SetLoggingLevelAsync"] = (c => c.SetLoggingLevelAsync("debug"), RequestCase.Logging),
        ["SoftStopAsync"] = (c => c.SoftStopAsync(), RequestCase.SoftStop),
        ["HardStopAsync"] = (c => c.HardStopAsync(), RequestCase.HardStop),
        ["SetHealthCheckAsync"] = (c => c.SetHealthCheckAsync("app", new HealthCheckConfig { Uri = "/health" }), RequestCase.SetHealthCheck),
        ["RemoveHealthCheckAsync"] = (c => c.RemoveHealthCheckAsync("app"), RequestCase.RemoveHealthCheck),
    };

    [Theory]
    [MemberData(nameof(ChangeCommands))]
    public async Task ChangeCommandSendsItsRequestAndReturnsTheProxyMessage(string command)
    {
        (Func<ToriiClient, Task<string>> call, RequestCase expected) = ChangeCalls[command];

        string message = await call(_client);

        Request sent = Assert.Single(_server.Received);
        Assert.Equal(expected, sent.RequestTypeCase);
        Assert.Equal($"done: {RequestNames.Of(expected)}", message);
    }

    [Fact]
    public async Task StatusReturnsTheWorkers()
    {
        WorkerInfos workers = await _client.StatusAsync();

        Assert.Equal(RunState.Running, Assert.Single(workers.Vec).RunState);
    }

    [Fact]
    public async Task ListListenersReturnsTheListenerList()
    {
        ListenersList listeners = await _client.ListListenersAsync();

        Assert.Contains("0.0.0.0:8080", listeners.HttpListeners.Keys);
    }

    [Fact]
    public async Task ListFrontendsSendsTheFiltersAndReturnsTheFrontends()
    {
        ListedFrontends frontends = await _client.ListFrontendsAsync(new FrontendFilters { Domain = "a.com" });

        Assert.Equal("a.com", Assert.Single(frontends.HttpFrontends).Hostname);
        Assert.Equal("a.com", Assert.Single(_server.Received).ListFrontends.Domain);
    }

    [Fact]
    public async Task ClusterQueriesReturnClusterInformations()
    {
        ClusterInformations byId = await _client.QueryClusterByIdAsync("app");
        ClusterInformations byDomain = await _client.QueryClustersByDomainAsync("a.com", "/api");

        Assert.Equal("app", Assert.Single(byId.Vec).Configuration.ClusterId);
        Assert.Equal("a.com", Assert.Single(byDomain.Vec).Configuration.ClusterId);
        Request domainQuery = _server.Received.Last();
        Assert.Equal("/api", domainQuery.QueryClustersByDomain.Path);
    }

    [Fact]
    public async Task HashesCountsMetricsAndCertificatesReturnTheirContent()
    {
        ClusterHashes hashes = await _client.QueryClustersHashesAsync();
        RequestCounts counts = await _client.CountRequestsAsync();
        ResponseContent metrics = await _client.QueryMetricsAsync(new QueryMetricsOptions { List = true });
        ResponseContent certificates = await _client.QueryCertificatesAsync();

        Assert.Equal(7UL, hashes.Map["app"]);
        Assert.Equal(3, counts.Map["add_cluster"]);
        Assert.Equal("http.requests", Assert.Single(metrics.AvailableMetrics.ProxyMetrics));
        Assert.Equal(ResponseContent.ContentTypeOneofCase.CertificatesByAddress, certificates.ContentTypeCase);
    }

    [Fact]
    public async Task HealthCheckQuerySendsTheClusterAndReturnsTheList()
    {
        HealthChecksList all = await _client.QueryHealthChecksAsync();
        HealthChecksList one = await _client.QueryHealthChecksAsync("app");

        Assert.Equal(["(all)"], all.Map.Keys);
        Assert.Equal(["app"], one.Map.Keys);
    }

    [Fact]
    public async Task QueryAnsweredWithoutContentReturnsAnEmptyResult()
    {
        ClusterInformations clusters = await _client.QueryClusterByIdAsync("missing");

        Assert.Empty(clusters.Vec);
    }

    [Fact]
    public async Task QueryAnsweredWithTheWrongContentIsAProtocolError()
    {
        var error = await Assert.ThrowsAsync<ProtocolException>(() => _client.QueryClusterByIdAsync("wrong"));

        Assert.Contains("query_cluster_by_id", error.Message);
    }

    [Fact]
    public async Task LoadStateReportsProgress()
    {
        var progress = new RecordingProgress();

        await _client.LoadStateAsync("big.json", progress);

        Assert.Equal("replaying", Assert.Single(progress.Reports).Message);
    }

    [Fact]
    public async Task NullArgumentsAreRefusedBeforeAnythingIsSent()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.AddClusterAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.RemoveClusterAsync(null!));

        Assert.Empty(_server.Received);
    }

    private static async Task AnswerAsync(Request request, FakeConnection connection, CancellationToken cancellationToken)
    {
        if (request.HasLoadState && request.LoadState == "big.json")
        {
            await connection.RespondAsync(Responses.Processing("replaying"), cancellationToken);
        }

        await connection.RespondAsync(Answer(request), cancellationToken);
    }

    private static Response Answer(Request request) => request.RequestTypeCase switch
    {
        RequestCase.Status => Responses.Ok(content: new ResponseContent
        {
            Workers = new WorkerInfos { Vec = { new WorkerInfo { Id = 0, Pid = 1, RunState = RunState.Running } } },
        }),
        RequestCase.ListListeners => Responses.Ok(content: new ResponseContent
        {
            ListenersList = new ListenersList { HttpListeners = { ["0.0.0.0:8080"] = new HttpListenerConfig { Address = Http } } },
        }),
        RequestCase.ListFrontends => Responses.Ok(content: new ResponseContent
        {
            FrontendList = new ListedFrontends { HttpFrontends = { new RequestHttpFrontend { Hostname = request.ListFrontends.Domain } } },
        }),
        RequestCase.QueryClusterById when request.QueryClusterById == "missing" => Responses.Ok(),
        RequestCase.QueryClusterById when request.QueryClusterById == "wrong" => Responses.Ok(content: new ResponseContent
        {
            RequestCounts = new RequestCounts(),
        }),
        RequestCase.QueryClusterById => Clusters(request.QueryClusterById),
        RequestCase.QueryClustersByDomain => Clusters(request.QueryClustersByDomain.Hostname),
        RequestCase.QueryClustersHashes => Responses.Ok(content: new ResponseContent
        {
            ClusterHashes = new ClusterHashes { Map = { ["app"] = 7 } },
        }),
        RequestCase.CountRequests => Responses.Ok(content: new ResponseContent
        {
            RequestCounts = new RequestCounts { Map = { ["add_cluster"] = 3 } },
        }),
        RequestCase.QueryMetrics => Responses.Ok(content: new ResponseContent
        {
            AvailableMetrics = new AvailableMetrics { ProxyMetrics = { "http.requests" } },
        }),
        RequestCase.QueryCertificatesFromTheState => Responses.Ok(content: new ResponseContent
        {
            CertificatesByAddress = new ListOfCertificatesByAddress(),
        }),
        RequestCase.QueryHealthChecks => Responses.Ok(content: new ResponseContent
        {
            HealthChecksList = new HealthChecksList { Map = { [request.QueryHealthChecks.HasClusterId ? request.QueryHealthChecks.ClusterId : "(all)"] = new HealthCheckConfig() } },
        }),
        _ => Responses.Ok($"done: {RequestNames.Of(request)}"),
    };

    private static Response Clusters(string id) => Responses.Ok(content: new ResponseContent
    {
        Clusters = new ClusterInformations { Vec = { new ClusterInformation { Configuration = new Cluster { ClusterId = id } } } },
    });
}
