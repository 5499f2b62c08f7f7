using Torii.Connectors.Benchmarking;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Benchmarking;

public sealed class BenchmarkRequestsTests
{
    [Fact]
    public void A_cluster_then_each_backend_added_and_removed_in_turn()
    {
        IReadOnlyList<Request> requests = BenchmarkRequests.Create("bench", 5);

        Assert.Equal("bench", requests[0].AddCluster.ClusterId);
        Assert.Equal(requests[1].AddBackend.BackendId, requests[2].RemoveBackend.BackendId);
        Assert.Equal(requests[3].AddBackend.BackendId, requests[4].RemoveBackend.BackendId);
        Assert.NotEqual(requests[1].AddBackend.BackendId, requests[3].AddBackend.BackendId);
        Assert.Equal(5, requests.Count);
    }

    [Fact]
    public void Every_request_is_valid()
    {
        Assert.All(BenchmarkRequests.Create("bench", 101), request => Assert.Null(RequestValidator.Validate(request)));
    }
}
