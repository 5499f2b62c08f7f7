namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>The exact bytes a <see cref="ScriptedBackend"/> sends for one request, and whether it then closes.</summary>
public sealed record ScriptedReply(string Bytes, bool Close = false)
{
    /// <summary>A well-formed keep-alive 200 whose body names the request, so each client can tell its own answer.</summary>
    public static ScriptedReply Ok(string body) => new($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}");

    /// <summary>The path of a request's request line.</summary>
    public static string PathOf(string request) => request.Split(' ', 3)[1];

    /// <summary>How many body bytes followed a request's head.</summary>
    public static int BodyLengthOf(string request) => request.Length - (request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
}
