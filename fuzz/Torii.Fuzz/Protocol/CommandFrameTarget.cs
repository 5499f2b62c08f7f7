using System.Buffers;
using System.IO.Pipelines;
using Torii.Fuzz.Support;
using Torii.Protocol;

namespace Torii.Fuzz.Protocol;

/// <summary>
/// Command channel input: MessageReader fails only with FrameTooLargeException or
/// MalformedFrameException, FrameDecoder cuts frames the same way however the bytes are split,
/// every decoded request re-encodes to an equal one, the validator never throws, and a request
/// it accepts survives the state file's JSON form.
/// </summary>
internal sealed class CommandFrameTarget : IFuzzTarget
{
    private const long MaxFrameSize = 64 * 1024;

    public string Name => "command-frame";

    public void Run(byte[] input)
    {
        SplitCheck.Run(input, Frames(new ReadOnlySequence<byte>(input)), Frames);

        foreach (Request request in ReadAll(input))
        {
            CheckRequest(request);
        }
    }

    /// <summary>Each frame's payload in hex, then how the decoder stopped.</summary>
    private static string Frames(ReadOnlySequence<byte> buffer)
    {
        var text = new List<string>();
        FrameReadResult result;
        ReadOnlySequence<byte> payload;
        while ((result = FrameDecoder.TryReadFrame(ref buffer, MaxFrameSize, out payload)) == FrameReadResult.Frame)
        {
            text.Add(Convert.ToHexString(payload.ToArray()));
        }

        Check.That(payload.IsEmpty, $"{result} left a payload");
        text.Add($"{result} with {buffer.Length} bytes left");
        return string.Join('\n', text);
    }

    private static List<Request> ReadAll(byte[] input)
    {
        var reader = new MessageReader<Request>(PipeReader.Create(new ReadOnlySequence<byte>(input)), MaxFrameSize);
        var requests = new List<Request>();
        try
        {
            while (reader.ReadAsync().AsTask().GetAwaiter().GetResult() is { } request)
            {
                requests.Add(request);
            }
        }
        catch (ProtocolException exception) when (exception is FrameTooLargeException or MalformedFrameException)
        {
        }

        return requests;
    }

    private static void CheckRequest(Request request)
    {
        byte[] frame = FrameEncoder.ToArray(request);
        var buffer = new ReadOnlySequence<byte>(frame);
        Check.Equal(FrameReadResult.Frame, FrameDecoder.TryReadFrame(ref buffer, long.MaxValue, out var payload), "re-encoded frame");
        Check.That(buffer.IsEmpty, "the re-encoded frame is longer than its header says");
        Check.Equal(request, Request.Parser.ParseFrom(payload), "request after encoding and decoding");

        if (RequestValidator.Validate(request) is null)
        {
            string json = ProtocolJson.Format(request);
            Request loaded = ProtocolJson.ParseRequest(json);
            Check.Equal(json, ProtocolJson.Format(loaded), "valid request after its JSON form");
        }
    }
}
