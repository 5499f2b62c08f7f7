namespace Torii.Proxy.Http.Parsing;

/// <summary>Where the chunked-body grammar of RFC 9112 §7.1 the scanner stands.</summary>
internal enum ChunkedScanPhase
{
    Size,
    WhitespaceAfterSize,
    Extension,
    SizeLineFeed,
    Data,
    DataCarriageReturn,
    DataLineFeed,
    TrailerLineStart,
    TrailerName,
    TrailerValue,
    TrailerLineFeed,
    FinalLineFeed,
    Done,
    Failed,
}
