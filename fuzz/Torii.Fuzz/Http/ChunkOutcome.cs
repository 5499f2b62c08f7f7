using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

internal readonly record struct ChunkOutcome(ChunkedScanResult Result, long BodyBytes, HttpParseError Error);
