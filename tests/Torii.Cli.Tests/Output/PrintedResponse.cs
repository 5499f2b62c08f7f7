using Torii.Protocol;

namespace Torii.Cli.Tests.Output;

/// <summary>What the printer writes for one final response, on each stream.</summary>
internal sealed record PrintedResponse(string Output, string Error)
{
    public static PrintedResponse Of(Response response, bool json = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        new ResponsePrinter(output, error, json).PrintFinal(response);
        return new PrintedResponse(output.ToString(), error.ToString());
    }

    public static string Lines(params string[] lines) => string.Concat(lines.Select(line => line + Environment.NewLine));
}
