namespace Torii.Protocol;

/// <summary>A state file line that cannot be read as a request.</summary>
public sealed class StateFileException : ProtocolException
{
    public StateFileException(long lineNumber, string reason, Exception? innerException = null)
        : base($"state file line {lineNumber}: {reason}", innerException)
    {
        LineNumber = lineNumber;
    }

    public long LineNumber { get; }
}
