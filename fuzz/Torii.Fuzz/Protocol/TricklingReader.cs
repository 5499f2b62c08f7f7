namespace Torii.Fuzz.Protocol;

/// <summary>Hands out at most a few characters per read, so line reading meets every buffer boundary.</summary>
internal sealed class TricklingReader(string text, int piece) : TextReader
{
    private int _position;

    public override int Read(Span<char> buffer)
    {
        int count = Math.Min(Math.Min(piece, buffer.Length), text.Length - _position);
        text.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));
}
