using Torii.Connectors.Publishing;
using Torii.Connectors.Settings;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Publishing;

public sealed class RequestInputTests
{
    [Fact]
    public async Task One_json_request_may_span_lines()
    {
        const string text = """
            {
              "add_cluster": { "cluster_id": "web" }
            }
            """;

        IReadOnlyList<Request> requests = await RequestInput.ReadAsync(new StringReader(text), "stdin", CancellationToken.None);

        Assert.Equal("web", Assert.Single(requests).AddCluster.ClusterId);
    }

    [Fact]
    public async Task Several_requests_go_one_per_line()
    {
        const string text = """
            {"add_cluster": {"cluster_id": "a"}}

            {"remove_cluster": "a"}
            """;

        IReadOnlyList<Request> requests = await RequestInput.ReadAsync(new StringReader(text), "stdin", CancellationToken.None);

        Assert.Equal([Request.RequestTypeOneofCase.AddCluster, Request.RequestTypeOneofCase.RemoveCluster], requests.Select(r => r.RequestTypeCase));
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_number()
    {
        const string text = "{\"add_cluster\": {\"cluster_id\": \"a\"}}\nnot json\n";

        var error = await Assert.ThrowsAsync<SettingsException>(() => RequestInput.ReadAsync(new StringReader(text), "requests.jsonl", CancellationToken.None));

        Assert.StartsWith("requests.jsonl, line 2: invalid JSON Request", error.Message);
    }

    [Fact]
    public async Task Empty_input_is_an_error()
    {
        var error = await Assert.ThrowsAsync<SettingsException>(() => RequestInput.ReadAsync(new StringReader("  \n"), "standard input", CancellationToken.None));

        Assert.Equal("standard input holds no request", error.Message);
    }
}
