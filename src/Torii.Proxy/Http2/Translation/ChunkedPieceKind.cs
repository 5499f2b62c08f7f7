namespace Torii.Proxy.Http2.Translation;

public enum ChunkedPieceKind
{
    NeedMoreData,
    Data,
    TrailerLine,
    End,
}
