using System.Net.Sockets;
using Torii.Protocol;
using static Torii.Cli.Tests.Output.PrintedResponse;

namespace Torii.Cli.Tests.Running;

public sealed class CommandRunnerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string SocketPath => _directory.File("proxy.sock");

    [Fact]
    public async Task An_ok_answer_exits_0_and_prints_its_message()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("cluster api added")]);

        CliRun run = await CliRun.RunAsync($"cluster add --id api --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Lines("cluster api added"), run.Output);
        Assert.Empty(run.Error);
        Request received = Assert.Single(proxy.Received);
        Assert.Equal("api", received.AddCluster.ClusterId);
    }

    [Fact]
    public async Task A_failure_answer_exits_1_and_prints_the_proxy_message_as_an_error()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Failure("cluster api does not exist")]);

        CliRun run = await CliRun.RunAsync($"cluster remove --id api --socket {SocketPath}");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(Lines("error: cluster api does not exist"), run.Error);
    }

    [Fact]
    public async Task No_socket_file_exits_2_at_once_naming_the_socket()
    {
        CliRun run = await CliRun.RunAsync($"status --socket {SocketPath}");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            Lines($"error: cannot connect to the proxy's command socket {SocketPath}: the socket file does not exist (is the proxy running?)"),
            run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_exits_2_without_waiting_for_the_timeout()
    {
        // Bound but not listening: the file is there and every connection is refused.
        using var notListening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        notListening.Bind(new UnixDomainSocketEndPoint(SocketPath));

        // The timeout is far beyond any test run: only giving up at the first refusal can pass.
        CliRun run = await CliRun.RunAsync($"status --socket {SocketPath} --timeout 600000");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: cannot connect to the proxy's command socket {SocketPath}: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_hangs_up_before_answering_exits_2()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => null);

        CliRun run = await CliRun.RunAsync($"cluster remove --id api --socket {SocketPath}");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: lost the connection to the proxy at ", run.Error, StringComparison.Ordinal);
        Assert.Contains(SocketPath, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_does_not_answer_in_time_exits_2()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => []);

        CliRun run = await CliRun.RunAsync($"status --socket {SocketPath} --timeout 200");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Lines($"error: the proxy at {SocketPath} did not answer within 200 ms"), run.Error);
    }

    [Theory]
    [InlineData("backend add --id api --backend-id b --address 127.0.0.1:80 --weight 5000", "error: --weight 5000 is outside 0..1000")]
    [InlineData("frontend http add --address 0.0.0.0:80 --hostname example.com --id api --deny", "error: --id and --deny cannot be used together")]
    [InlineData("listener http add --address localhost:80", "error: --address \"localhost:80\" is not an address of the form IP:PORT (1.2.3.4:80 or [::1]:80)")]
    public async Task A_refused_command_line_exits_1_and_sends_nothing(string commandLine, string expectedError)
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok()]);

        CliRun run = await CliRun.RunAsync($"{commandLine} --socket {SocketPath}");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(Lines(expectedError), run.Error);
        Assert.Empty(proxy.Received);
    }

    [Fact]
    public async Task A_request_the_proxy_would_find_invalid_is_refused_before_sending()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok()]);

        CliRun run = await CliRun.RunAsync($"cluster add --id \"bad id\" --socket {SocketPath}");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: invalid request: add_cluster.cluster_id", run.Error, StringComparison.Ordinal);
        Assert.Empty(proxy.Received);
    }

    [Fact]
    public async Task A_usage_error_keeps_the_parser_exit_code_and_sends_nothing()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok()]);

        CliRun run = await CliRun.RunAsync($"cluster add --socket {SocketPath}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--id", run.Error, StringComparison.Ordinal);
        Assert.Empty(proxy.Received);
    }

    [Fact]
    public async Task Listener_add_sends_the_listener_then_its_activation_on_one_connection()
    {
        await using var proxy = new FakeProxy(SocketPath, request => [Responses.Ok(RequestNames.Of(request) + " done")]);

        CliRun run = await CliRun.RunAsync($"listener http add --address 127.0.0.1:8080 --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Lines("add_http_listener done", "activate_listener done"), run.Output);
        Assert.Equal(
            [Request.RequestTypeOneofCase.AddHttpListener, Request.RequestTypeOneofCase.ActivateListener],
            proxy.Received.Select(request => request.RequestTypeCase));
    }

    [Fact]
    public async Task A_failed_listener_add_is_not_followed_by_an_activation()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Failure("address already in use")]);

        CliRun run = await CliRun.RunAsync($"listener tcp add --address 127.0.0.1:8080 --socket {SocketPath}");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(Lines("error: address already in use"), run.Error);
        Assert.Equal(Request.RequestTypeOneofCase.AddTcpListener, Assert.Single(proxy.Received).RequestTypeCase);
    }

    [Fact]
    public async Task Processing_answers_are_progress_lines_on_the_error_stream()
    {
        await using var proxy = new FakeProxy(SocketPath, _ =>
            [Responses.Processing("reading the state file"), Responses.Processing("applying 3 requests"), Responses.Ok("loaded")]);

        CliRun run = await CliRun.RunAsync($"state load --file /tmp/state.json --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Lines("loaded"), run.Output);
        Assert.Equal(Lines("processing: reading the state file", "processing: applying 3 requests"), run.Error);
    }

    [Fact]
    public async Task Json_prints_the_final_response_as_json()
    {
        var hashes = new ResponseContent { ClusterHashes = new ClusterHashes { Map = { ["api"] = 1UL } } };
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", hashes)]);

        CliRun run = await CliRun.RunAsync($"--json cluster list --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Responses.Ok("", hashes), ProtocolJson.ParseResponse(run.Output.TrimEnd()));
    }

    [Fact]
    public async Task The_socket_is_read_from_the_config_given_with_c()
    {
        string config = _directory.Write("proxy.toml", "command_socket = \"proxy.sock\"\n");
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("stopping now")]);

        CliRun run = await CliRun.RunAsync($"shutdown --hard -c {config}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Request.RequestTypeOneofCase.HardStop, Assert.Single(proxy.Received).RequestTypeCase);
    }

    public void Dispose() => _directory.Dispose();
}
