using System.Net;
using System.Text.RegularExpressions;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>Signing in and posting forms the way a browser does: the anti-forgery token is read from the page.</summary>
public static partial class ConsoleSession
{
    public static async Task<HttpClient> SignInAsync(WebConsole console, string user, string password)
    {
        HttpClient client = console.NewClient();
        using HttpResponseMessage response = await TryLoginAsync(client, user, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> TryLoginAsync(HttpClient client, string user, string password)
    {
        string token = await TokenAsync(client, "/login");
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__antiforgery"] = token,
            ["user"] = user,
            ["password"] = password,
            ["return"] = "/",
        }));
    }

    /// <summary>The anti-forgery token of the first form on <paramref name="page"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        string html = await client.GetStringAsync(page);
        Match match = TokenInput().Match(html);
        Assert.True(match.Success, $"no anti-forgery token on {page}:\n{html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string action, IDictionary<string, string> fields) =>
        client.PostAsync(action, new FormUrlEncodedContent(fields));

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
