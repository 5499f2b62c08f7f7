using System.IO.Compression;
using System.Runtime.InteropServices;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>Undoes a producer's compression: none and ZLIB are supported; LZ4, ZSTD and SNAPPY are not.</summary>
internal static class MessageDecompressor
{
    /// <exception cref="InvalidMessageException">Unsupported or corrupt compression, or an uncompressed size over <paramref name="maxSize"/>.</exception>
    public static ReadOnlyMemory<byte> Decompress(MessageMetadata metadata, ReadOnlyMemory<byte> payload, int maxSize)
    {
        switch (metadata.Compression)
        {
            case CompressionType.None:
                return payload;
            case CompressionType.Zlib:
                return Inflate(payload, metadata.UncompressedSize, maxSize);
            default:
                throw new InvalidMessageException(
                    CommandAck.Types.ValidationError.DecompressionError, $"compression {metadata.Compression} is not supported");
        }
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> payload, uint uncompressedSize, int maxSize)
    {
        if (uncompressedSize > (uint)maxSize)
        {
            throw new InvalidMessageException(
                CommandAck.Types.ValidationError.UncompressedSizeCorruption, $"uncompressed size {uncompressedSize} exceeds {maxSize} bytes");
        }

        byte[] compressed = MemoryMarshal.TryGetArray(payload, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
        var output = new byte[uncompressedSize];
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            inflater.ReadExactly(output);
            if (inflater.ReadByte() >= 0)
            {
                throw new InvalidDataException("more data than the declared uncompressed size");
            }
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidMessageException(CommandAck.Types.ValidationError.DecompressionError, $"ZLIB payload does not inflate: {error.Message}", error);
        }

        return output;
    }
}
