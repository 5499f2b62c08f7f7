namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Where the search for the end of a head stopped, so that a call with more data resumes
/// there instead of scanning the same bytes again. Offsets are from the buffer's start.
/// </summary>
internal struct HeadScanState
{
    public long Examined;
    public long LineStart;
    public long HeadStart;
    public int HeaderLines;
    public byte LastByte;
    public bool SeenStartLine;
}
