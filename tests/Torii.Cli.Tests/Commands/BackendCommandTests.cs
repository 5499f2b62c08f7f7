using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class BackendCommandTests
{
    [Fact]
    public void Add_with_the_required_options_names_cluster_backend_and_address()
    {
        var expected = new Request
        {
            AddBackend = new AddBackend { ClusterId = "api", BackendId = "api-1", Address = Address("10.0.0.5:8080") },
        };

        Assert.Equal(expected, RequestFor("backend add --id api --backend-id api-1 --address 10.0.0.5:8080"));
    }

    [Fact]
    public void Add_with_every_option_sets_weight_sticky_id_and_backup()
    {
        var expected = new Request
        {
            AddBackend = new AddBackend
            {
                ClusterId = "api",
                BackendId = "api-2",
                Address = Address("10.0.0.6:8080"),
                LoadBalancingParameters = new LoadBalancingParams { Weight = 250 },
                StickyId = "two",
                Backup = true,
            },
        };

        Assert.Equal(expected, RequestFor("backend add --id api --backend-id api-2 --address 10.0.0.6:8080 --weight 250 --sticky-id two --backup"));
    }

    [Fact]
    public void Add_accepts_an_IPv6_address()
    {
        Request request = RequestFor("backend add --id api --backend-id v6 --address [::1]:9000");

        Assert.Equal(Address("[::1]:9000"), request.AddBackend.Address);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Add_accepts_the_weights_at_the_ends_of_the_range(int weight)
    {
        Request request = RequestFor($"backend add --id api --backend-id b --address 127.0.0.1:80 --weight {weight}");

        Assert.Equal(weight, request.AddBackend.LoadBalancingParameters.Weight);
    }

    [Fact]
    public void Add_sets_max_connections()
    {
        Request request = RequestFor("backend add --id api --backend-id b --address 127.0.0.1:80 --max-connections 20");

        Assert.Equal(20u, request.AddBackend.MaxConnections);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void Add_refuses_max_connections_outside_the_range(int limit)
    {
        string message = RefusalOf($"backend add --id api --backend-id b --address 127.0.0.1:80 --max-connections {limit}");

        Assert.Equal($"--max-connections {limit} is outside 0..1000000 (0: unlimited)", message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Add_refuses_a_weight_outside_0_to_1000(int weight)
    {
        string message = RefusalOf($"backend add --id api --backend-id b --address 127.0.0.1:80 --weight {weight}");

        Assert.Equal($"--weight {weight} is outside 0..1000", message);
    }

    [Theory]
    [InlineData("localhost:80")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("::1:80")]
    [InlineData("127.1:80")]
    public void Add_refuses_an_address_that_is_not_IP_and_port(string address)
    {
        string message = RefusalOf($"backend add --id api --backend-id b --address {address}");

        Assert.StartsWith($"--address \"{address}\" is not an address of the form IP:PORT", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_names_cluster_backend_and_address()
    {
        var expected = new Request
        {
            RemoveBackend = new RemoveBackend { ClusterId = "api", BackendId = "api-1", Address = Address("10.0.0.5:8080") },
        };

        Assert.Equal(expected, RequestFor("backend remove --id api --backend-id api-1 --address 10.0.0.5:8080"));
    }

    [Fact]
    public void Remove_requires_the_address()
    {
        Assert.Contains(ParseErrorsOf("backend remove --id api --backend-id api-1"), message => message.Contains("--address", StringComparison.Ordinal));
    }
}
