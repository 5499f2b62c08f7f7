using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>The shape both <see cref="RequestHeadParser.TryParse"/> and <see cref="ResponseHeadParser.TryParse"/> share.</summary>
internal delegate HeadParseResult HeadParser<in THead>(ref ReadOnlySequence<byte> buffer, THead head, HttpLimits limits)
    where THead : HttpHead;
