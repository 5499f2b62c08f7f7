namespace Torii.Protocol;

/// <summary>
/// Builders for answers. The message is always set, even when empty, because Sōzu's
/// own decoder requires it.
/// </summary>
public static class Responses
{
    public static Response Ok(string message = "", ResponseContent? content = null)
    {
        var response = new Response { Status = ResponseStatus.Ok, Message = message ?? "" };
        if (content is not null)
        {
            response.Content = content;
        }

        return response;
    }

    public static Response Processing(string message) =>
        new() { Status = ResponseStatus.Processing, Message = message ?? "" };

    public static Response Failure(string message) =>
        new() { Status = ResponseStatus.Failure, Message = message ?? "" };

    /// <summary>FAILURE "unsupported request: NAME".</summary>
    public static Response Unsupported(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Failure(UnsupportedMessage(request.RequestTypeCase));
    }

    public static string UnsupportedMessage(Request.RequestTypeOneofCase requestCase) =>
        $"unsupported request: {RequestNames.Of(requestCase)}";
}
