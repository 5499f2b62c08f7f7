using Torii.Protocol;
using ContentCase = Torii.Protocol.ResponseContent.ContentTypeOneofCase;

namespace Torii.Client;

internal static class ResponseContents
{
    /// <summary>
    /// The expected content of an OK answer; an answer without content counts as empty.
    /// </summary>
    /// <exception cref="ProtocolException">The answer holds another kind of content.</exception>
    public static T Expect<T>(Response response, string requestName, ContentCase expected, Func<ResponseContent, T> select)
        where T : new()
    {
        ResponseContent? content = response.Content;
        if (content is null || content.ContentTypeCase == ContentCase.None)
        {
            return new T();
        }

        return content.ContentTypeCase == expected
            ? select(content)
            : throw new ProtocolException($"the answer to {requestName} holds {content.ContentTypeCase} content instead of {expected}");
    }

    public static ResponseContent OrEmpty(Response response) => response.Content ?? new ResponseContent();
}
