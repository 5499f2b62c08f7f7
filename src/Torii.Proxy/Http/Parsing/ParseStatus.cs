namespace Torii.Proxy.Http.Parsing;

public enum ParseStatus
{
    NeedMoreData,
    Complete,
    Error,
}
