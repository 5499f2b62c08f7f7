using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>What one parse call gave, with the parsed head rendered as text so two outcomes compare with ==.</summary>
internal readonly record struct HeadOutcome(HeadParseResult Result, long Consumed, string Head)
{
    public override string ToString() => $"{Result.Status} {Result.Error} consumed={Consumed}\n{Head}";
}
