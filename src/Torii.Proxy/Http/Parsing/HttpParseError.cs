namespace Torii.Proxy.Http.Parsing;

public enum HttpParseError
{
    None,

    InvalidRequestLine,
    InvalidMethod,
    InvalidRequestTarget,
    InvalidVersion,
    UnsupportedVersion,
    InvalidStatusLine,

    BareLineFeed,
    InvalidHeaderName,
    WhitespaceBeforeColon,
    ObsoleteLineFolding,
    InvalidHeaderValue,
    TooManyHeaders,
    HeadTooLarge,

    InvalidContentLength,
    ConflictingContentLength,
    InvalidTransferEncoding,
    TransferEncodingWithContentLength,
    TransferEncodingInHttp10,
    ChunkedNotFinal,
    ChunkedAppliedTwice,
    UnsupportedTransferCoding,

    MissingHost,
    MultipleHosts,
    InvalidHost,

    InvalidChunkSize,
    ChunkSizeTooLarge,
    InvalidChunkExtension,
    ChunkExtensionTooLarge,
    MissingChunkDataTerminator,
    InvalidTrailer,
    TrailerTooLarge,
}
