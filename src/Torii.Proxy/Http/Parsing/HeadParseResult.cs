namespace Torii.Proxy.Http.Parsing;

public readonly record struct HeadParseResult(ParseStatus Status, HttpParseError Error)
{
    public static HeadParseResult NeedMoreData => new(ParseStatus.NeedMoreData, HttpParseError.None);

    public static HeadParseResult Complete => new(ParseStatus.Complete, HttpParseError.None);

    public static HeadParseResult Failed(HttpParseError error) => new(ParseStatus.Error, error);

    public bool IsComplete => Status == ParseStatus.Complete;

    public bool IsError => Status == ParseStatus.Error;
}
