using Microsoft.AspNetCore.Http;
using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>
/// Runs a change and sends the browser back to its page with the proxy's answer (303, so a reload does not post
/// again); a refusal or an absent proxy is shown the same way, never as a server error.
/// </summary>
internal static class ChangeOutcome
{
    public static async Task<IResult> RunAsync(string page, Func<Task<string>> change)
    {
        try
        {
            string message = await change().ConfigureAwait(false);
            return SeeOther($"{page}?message={Uri.EscapeDataString(message)}");
        }
        catch (Exception exception) when (ProxyFailures.IsProxyFailure(exception) || exception is FormException)
        {
            return SeeOther($"{page}?error={Uri.EscapeDataString(exception.Message)}");
        }
    }

    private static IResult SeeOther(string location) => new SeeOtherResult(location);
}
