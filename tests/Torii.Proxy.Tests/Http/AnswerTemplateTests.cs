using System.Buffers;
using Torii.Proxy.Http;
using Torii.Proxy.Http.Answers;

namespace Torii.Proxy.Tests.Http;

public sealed class AnswerTemplateTests
{
    [Fact]
    public void Variables_are_filled_and_the_content_length_matches_the_rendered_body()
    {
        var answer = DefaultAnswer.Parse("HTTP/1.1 503 Busy\nX-Request: %REQUEST_ID\nContent-Length: 3\n\n<p>%CLUSTER_ID / %BACKEND_ID / %ROUTE / %DURATION</p>");
        Assert.NotNull(answer.Template);

        var text = Render(answer, new AnswerVariables { RequestId = "01ABC", ClusterId = "app", BackendId = "app-1", Route = "GET app.test/x", Duration = "3ms" });

        var (head, body) = Split(text);
        Assert.Contains("\r\nX-Request: 01ABC\r\n", head);
        Assert.Equal("<p>app / app-1 / GET app.test/x / 3ms</p>", body);
        Assert.Contains($"\r\nContent-Length: {body.Length}\r\n", head);
        Assert.EndsWith("Connection: close", head);
    }

    [Fact]
    public void Values_are_html_escaped_in_the_body_and_stripped_of_line_breaks_in_headers()
    {
        var answer = DefaultAnswer.Parse("HTTP/1.1 404 Not Found\r\nX-Route: %ROUTE\r\n\r\n%ROUTE");

        var text = Render(answer, new AnswerVariables { Route = "GET a/<script>\r\nSet-Cookie: x" });

        var (head, body) = Split(text);
        Assert.Contains("X-Route: GET a/<script>Set-Cookie: x\r\n", head);
        Assert.DoesNotContain("\r\nSet-Cookie", head);
        Assert.Equal("GET a/&lt;script&gt;\r\nSet-Cookie: x", body);
    }

    [Fact]
    public void The_www_authenticate_line_is_left_out_when_empty_and_never_reaches_the_body()
    {
        var answer = DefaultAnswers.Builtin.Find(401)!;

        var without = Render(answer, new AnswerVariables());
        var with = Render(DefaultAnswer.Parse("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: %WWW_AUTHENTICATE\r\n\r\nrealm: %WWW_AUTHENTICATE."), new AnswerVariables { WwwAuthenticate = "Basic realm=\"app\"" });

        Assert.DoesNotContain("WWW-Authenticate", without);
        Assert.Contains("\r\nWWW-Authenticate: Basic realm=\"app\"\r\n", with);
        Assert.EndsWith("realm: .", with);
    }

    [Fact]
    public void An_answer_without_variables_is_sent_as_its_fixed_bytes()
    {
        var answer = DefaultAnswers.Builtin.Find(404)!;
        Assert.Null(answer.Template);
        Assert.Equal(answer.Bytes, Bytes.Of(Render(answer, null)));
    }

    [Fact]
    public void Extra_lines_go_right_after_the_status_line()
    {
        var plain = Render(DefaultAnswers.Builtin.Find(503)!, null, "Strict-Transport-Security: max-age=5\r\n");
        var templated = Render(DefaultAnswers.Builtin.Find(301)!, new AnswerVariables { RedirectLocation = "https://a/" }, "Strict-Transport-Security: max-age=5\r\n");

        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\nStrict-Transport-Security: max-age=5\r\n", plain);
        Assert.StartsWith("HTTP/1.1 301 Moved Permanently\r\nStrict-Transport-Security: max-age=5\r\n", templated);
        Assert.Contains("\r\nLocation: https://a/\r\n", templated);
    }

    [Theory]
    [InlineData("HTTP/1.1 503 Busy\r\n\r\n100% busy, see %C3%A9 or 50%off")]
    [InlineData("HTTP/1.1 503 Busy\r\n\r\n%")]
    public void A_percent_that_is_not_a_variable_stays_literal(string text)
    {
        var answer = DefaultAnswer.Parse(text);
        Assert.Null(answer.Template);
    }

    [Fact]
    public void A_misspelt_variable_is_refused_when_loaded()
    {
        var error = Assert.Throws<FormatException>(() => DefaultAnswer.Parse("HTTP/1.1 503 Busy\r\n\r\n%REQUESTID"));
        Assert.Contains("%REQUESTID", error.Message);
        Assert.Contains("%REQUEST_ID", error.Message);
    }

    private static string Render(DefaultAnswer answer, AnswerVariables? values, string extraLines = "")
    {
        var output = new ArrayBufferWriter<byte>();
        var written = answer.WriteTo(output, values, Bytes.Of(extraLines));
        Assert.Equal(output.WrittenCount, written);
        return Bytes.Text(output.WrittenSpan);
    }

    private static (string Head, string Body) Split(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (text[..end], text[(end + 4)..]);
    }
}
