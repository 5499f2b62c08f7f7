using Grpc.Core;

namespace Torii.EndToEnd.Tests.Grpc;

/// <summary>The test service: echoes, streams, waits and fails as the http2-cluster tests need.</summary>
public sealed class EchoService(CancellationLog cancellations) : Echo.EchoBase
{
    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = $"unary {request.Text} via {context.RequestHeaders.GetValue("x-forwarded-proto")}", Index = request.Count });

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        for (var index = 0; index < request.Count; index++)
        {
            await responseStream.WriteAsync(new EchoReply { Text = $"{request.Text} {index}", Index = index });
        }

        context.ResponseTrailers.Add("x-streamed", request.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(",", texts), Index = texts.Count };
    }

    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoReply { Text = $"re: {request.Text}", Index = index++ });
        }
    }

    public override async Task<EchoReply> Slow(EchoRequest request, ServerCallContext context)
    {
        await Task.Delay(request.DelayMs, context.CancellationToken);
        return new EchoReply { Text = "slow" };
    }

    public override async Task<EchoReply> WaitForCancel(EchoRequest request, ServerCallContext context)
    {
        cancellations.RecordStarted(request.Tag);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancellations.RecordCancelled(request.Tag);
            throw;
        }

        return new EchoReply();
    }

    public override Task<EchoReply> Fail(EchoRequest request, ServerCallContext context)
    {
        var trailers = new Metadata { { "x-reason", request.Text } };
        throw new RpcException(new Status((StatusCode)request.Count, request.Text), trailers);
    }
}
