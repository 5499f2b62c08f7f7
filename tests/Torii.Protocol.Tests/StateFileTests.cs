namespace Torii.Protocol.Tests;

public sealed class StateFileTests
{
    [Fact]
    public async Task WritesOneJsonRequestPerLineAndReadsThemBackInOrder()
    {
        Request[] requests = SampleRequests.All().ToArray();
        var text = new StringWriter();

        await StateFile.WriteAsync(text, requests);
        string written = text.ToString();
        List<Request> read = await StateFile.ReadAllAsync(new StringReader(written));

        Assert.Equal(requests.Length, written.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("\n", written);
        Assert.Equal(requests, read);
    }

    [Fact]
    public async Task TheSynchronousWriterWritesWhatTheAsynchronousOneDoes()
    {
        Request[] requests = SampleRequests.All().ToArray();
        var asynchronous = new StringWriter();
        var synchronous = new StringWriter();

        await StateFile.WriteAsync(asynchronous, requests);
        StateFile.Write(synchronous, requests);

        Assert.Equal(asynchronous.ToString(), synchronous.ToString());
        Assert.Equal(requests, await StateFile.ReadAllAsync(new StringReader(synchronous.ToString())));
    }

    [Fact]
    public async Task SkipsBlankLinesAndAcceptsCrLf()
    {
        string text = "\r\n{\"remove_cluster\":\"a\"}\r\n   \n{\"removeCluster\":\"b\"}";

        List<Request> read = await StateFile.ReadAllAsync(new StringReader(text));

        Assert.Equal(["a", "b"], read.Select(r => r.RemoveCluster));
    }

    [Fact]
    public async Task BadLineIsReportedWithItsLineNumber()
    {
        string text = "{\"remove_cluster\":\"a\"}\n\n{\"remove_cluster\":\"b\",\"oops\":1}\n{\"remove_cluster\":\"c\"}\n";
        var read = new List<string>();

        var error = await Assert.ThrowsAsync<StateFileException>(async () =>
        {
            await foreach (Request request in StateFile.ReadAsync(new StringReader(text)))
            {
                read.Add(request.RemoveCluster);
            }
        });

        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith("state file line 3: ", error.Message);
        Assert.Contains("oops", error.Message);
        Assert.Equal(["a"], read);
    }

    [Fact]
    public async Task LineLongerThanTheBoundIsRefusedWithoutReadingItWhole()
    {
        string text = "{\"remove_cluster\":\"a\"}\n{\"remove_cluster\":\"" + new string('x', 100_000) + "\"}\n";

        var error = await Assert.ThrowsAsync<StateFileException>(
            () => StateFile.ReadAllAsync(new StringReader(text), maxLineLength: 1000));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("longer than 1000", error.Message);
    }

    [Fact]
    public async Task LineExactlyAtTheBoundIsAccepted()
    {
        string line = "{\"remove_cluster\":\"" + new string('x', 80) + "\"}";

        List<Request> read = await StateFile.ReadAllAsync(new StringReader(line + "\r\n"), maxLineLength: line.Length);

        Assert.Single(read);
    }

    [Fact]
    public async Task LinesSpanningManyReadBuffersAreReassembled()
    {
        string id = new('y', 50_000);
        string text = $"{{\"remove_cluster\":\"{id}\"}}\n{{\"remove_cluster\":\"z\"}}";

        List<Request> read = await StateFile.ReadAllAsync(new StringReader(text));

        Assert.Equal([id, "z"], read.Select(r => r.RemoveCluster));
    }

    [Fact]
    public async Task EmptyFileHasNoRequests()
    {
        Assert.Empty(await StateFile.ReadAllAsync(new StringReader("")));
    }

    [Fact]
    public async Task MultiLineStringsStayOnOneLine()
    {
        Request request = SampleRequests.For(Request.RequestTypeOneofCase.AddCertificate);
        var text = new StringWriter();

        await StateFile.WriteAsync(text, [request]);

        Assert.Single(text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(request, Assert.Single(await StateFile.ReadAllAsync(new StringReader(text.ToString()))));
    }
}
