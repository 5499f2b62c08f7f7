using System.Text;

namespace Torii.Protocol;

/// <summary>
/// Reads lines ("\n" or "\r\n") from a TextReader, refusing any line longer than a bound
/// so one oversized line cannot exhaust memory.
/// </summary>
internal sealed class BoundedLineReader
{
    private readonly TextReader _reader;
    private readonly int _maxLineLength;
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _endOfInput;

    public BoundedLineReader(TextReader reader, int maxLineLength)
    {
        _reader = reader;
        _maxLineLength = maxLineLength;
    }

    public long LineNumber { get; private set; }

    /// <summary>The next line without its terminator, or null at the end of the input.</summary>
    /// <exception cref="StateFileException">The line is longer than the bound.</exception>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        bool sawAnything = false;
        while (true)
        {
            if (_position == _length)
            {
                if (_endOfInput)
                {
                    return Finish(sawAnything);
                }

                _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                _position = 0;
                if (_length == 0)
                {
                    _endOfInput = true;
                    return Finish(sawAnything);
                }
            }

            sawAnything = true;
            int newline = Array.IndexOf(_buffer, '\n', _position, _length - _position);
            int end = newline < 0 ? _length : newline;
            Append(end - _position);
            _position = newline < 0 ? _length : newline + 1;
            if (newline >= 0)
            {
                return Complete();
            }
        }
    }

    private void Append(int count)
    {
        // The terminator's '\r' may still be in the buffer, hence the one spare character.
        if (_line.Length + count > _maxLineLength + 1)
        {
            throw new StateFileException(LineNumber + 1, $"line is longer than {_maxLineLength} characters");
        }

        _line.Append(_buffer, _position, count);
    }

    private string? Finish(bool sawAnything) => sawAnything ? Complete() : null;

    private string Complete()
    {
        LineNumber++;
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        if (_line.Length > _maxLineLength)
        {
            throw new StateFileException(LineNumber, $"line is longer than {_maxLineLength} characters");
        }

        return _line.ToString();
    }
}
