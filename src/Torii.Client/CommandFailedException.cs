using Torii.Protocol;

namespace Torii.Client;

/// <summary>The proxy answered FAILURE; nothing was changed.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException(string requestName, Response response)
        : base($"{requestName} failed: {response.Message}")
    {
        RequestName = requestName;
        Response = response;
    }

    public string RequestName { get; }

    /// <summary>The reason the proxy gave.</summary>
    public string ProxyMessage => Response.Message;

    public Response Response { get; }
}
