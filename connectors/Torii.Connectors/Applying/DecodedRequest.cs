using Torii.Protocol;

namespace Torii.Connectors.Applying;

/// <summary>A message body read as a Request, or why it could not be.</summary>
public sealed record DecodedRequest(Request? Request, string? Error)
{
    public static DecodedRequest Of(Request request) => new(request, null);

    public static DecodedRequest Undecodable(string error) => new(null, error);
}
