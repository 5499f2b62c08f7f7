using System.Text;
using System.Text.RegularExpressions;
using Torii.Proxy.Actions;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Actions;

public sealed class RewriteTemplateTests
{
    [Fact]
    public void Host_and_path_captures_fill_the_template()
    {
        var captures = RouteCaptures.Of("*.example.com", new Regex("^/api/(v[0-9])/(.*)$"), Encoding.ASCII.GetBytes("Shop.Example.com:8080"), Encoding.ASCII.GetBytes("/api/v2/items/7?x=1"));

        Assert.Equal(["shop.example.com", "shop"], captures.Host);
        Assert.Equal(["/api/v2/items/7", "v2", "items/7"], captures.Path);
        Assert.Equal("shop.internal", RewriteTemplate.Parse("rewrite_host", "$HOST[1].internal", 1, 2).Render(captures));
        Assert.Equal("/$HOST/shop/v2/items/7", RewriteTemplate.Parse("rewrite_path", "/$HOST/$HOST[1]/$PATH[1]/$PATH[2]", 1, 2).Render(captures));
    }

    [Fact]
    public void A_literal_template_needs_no_captures()
    {
        var template = RewriteTemplate.Parse("rewrite_host", "new.example.com", 0, 0);
        Assert.False(template.UsesCaptures);
        Assert.Equal("new.example.com", template.Render(null));
    }

    [Theory]
    [InlineData("$HOST[1]", 0, 0, "$HOST[1] does not exist")]
    [InlineData("/$PATH[3]", 1, 2, "$PATH[3] does not exist")]
    [InlineData("/$PATH[x]", 1, 2, "without a number")]
    [InlineData("/$PATH[", 1, 2, "without a number")]
    public void A_placeholder_the_frontend_cannot_fill_is_refused(string text, int maxHost, int maxPath, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => RewriteTemplate.Parse("rewrite_path", text, maxHost, maxPath));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_exact_host_has_only_the_whole_host_and_a_prefix_path_only_the_whole_path()
    {
        var captures = RouteCaptures.Of("example.com", null, Encoding.ASCII.GetBytes("example.com"), Encoding.ASCII.GetBytes("/a/b?q"));
        Assert.Equal(["example.com"], captures.Host);
        Assert.Equal(["/a/b"], captures.Path);
    }
}
