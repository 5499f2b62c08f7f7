namespace Torii.Proxy.Http.Parsing;

public static class HttpParseErrorExtensions
{
    extension(HttpParseError error)
    {
        /// <summary>
        /// The status to answer a client whose request failed with this error. A failed
        /// response is always answered with 502 by the proxy, whatever the error.
        /// </summary>
        public int StatusCode => error switch
        {
            HttpParseError.None => 0,
            HttpParseError.TooManyHeaders or HttpParseError.HeadTooLarge => 431,
            HttpParseError.UnsupportedTransferCoding => 501,
            HttpParseError.UnsupportedVersion => 505,
            HttpParseError.InvalidStatusLine => 502,
            _ => 400,
        };
    }
}
