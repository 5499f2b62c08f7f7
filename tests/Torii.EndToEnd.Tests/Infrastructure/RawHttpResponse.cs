namespace Torii.EndToEnd.Tests.Infrastructure;

public sealed record RawHttpResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{StatusCode} {string.Join("; ", Headers.Select(h => $"{h.Key}: {h.Value}"))}\n{Body}";
}
