using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class FrontendCommandTests
{
    private const string Http = "frontend http add --address 0.0.0.0:80 --hostname example.com";

    [Fact]
    public void Http_add_without_a_path_option_matches_every_path()
    {
        var expected = new Request
        {
            AddHttpFrontend = new RequestHttpFrontend
            {
                ClusterId = "api",
                Address = Address("0.0.0.0:80"),
                Hostname = "example.com",
                Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "" },
            },
        };

        Assert.Equal(expected, RequestFor($"{Http} --id api"));
    }

    [Theory]
    [InlineData("--path-prefix /api", PathRuleKind.Prefix, "/api")]
    [InlineData("--path-regex ^/v[0-9]+/", PathRuleKind.Regex, "^/v[0-9]+/")]
    [InlineData("--path-equals /health", PathRuleKind.Equals, "/health")]
    public void Http_add_maps_each_path_option_to_its_rule(string pathOption, PathRuleKind kind, string value)
    {
        Request request = RequestFor($"{Http} --id api {pathOption}");

        Assert.Equal(new PathRule { Kind = kind, Value = value }, request.AddHttpFrontend.Path);
    }

    [Fact]
    public void Http_add_with_a_method_sets_it()
    {
        Request request = RequestFor($"{Http} --id api --method POST");

        Assert.Equal("POST", request.AddHttpFrontend.Method);
    }

    [Fact]
    public void Http_add_without_a_method_leaves_it_unset()
    {
        Assert.False(RequestFor($"{Http} --id api").AddHttpFrontend.HasMethod);
    }

    [Fact]
    public void Http_add_with_deny_sends_no_cluster_id()
    {
        var expected = new Request
        {
            AddHttpFrontend = new RequestHttpFrontend
            {
                Address = Address("0.0.0.0:80"),
                Hostname = "example.com",
                Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "/admin" },
            },
        };

        Request request = RequestFor($"{Http} --path-prefix /admin --deny");

        Assert.Equal(expected, request);
        Assert.False(request.AddHttpFrontend.HasClusterId);
    }

    [Fact]
    public void Http_remove_sends_the_same_frontend_as_add()
    {
        Request added = RequestFor("frontend http add --address 10.1.2.3:8080 --hostname *.example.com --path-equals /x --method GET --id api");
        Request removed = RequestFor("frontend http remove --address 10.1.2.3:8080 --hostname *.example.com --path-equals /x --method GET --id api");

        Assert.Equal(Request.RequestTypeOneofCase.RemoveHttpFrontend, removed.RequestTypeCase);
        Assert.Equal(added.AddHttpFrontend, removed.RemoveHttpFrontend);
    }

    [Fact]
    public void Http_refuses_both_id_and_deny()
    {
        Assert.Equal("--id and --deny cannot be used together", RefusalOf($"{Http} --id api --deny"));
    }

    [Fact]
    public void Http_refuses_neither_id_nor_deny()
    {
        Assert.Equal("give either --id CLUSTER or --deny", RefusalOf(Http));
    }

    [Theory]
    [InlineData("--path-prefix /a --path-equals /b")]
    [InlineData("--path-regex ^/a --path-prefix /b")]
    [InlineData("--path-prefix /a --path-regex ^/b --path-equals /c")]
    public void Http_refuses_more_than_one_path_option(string pathOptions)
    {
        Assert.Equal(
            "give at most one of --path-prefix, --path-regex and --path-equals",
            RefusalOf($"{Http} --id api {pathOptions}"));
    }

    [Fact]
    public void Http_refuses_a_listener_address_without_a_port()
    {
        Assert.StartsWith(
            "--address \"0.0.0.0\" is not an address",
            RefusalOf("frontend http add --address 0.0.0.0 --hostname example.com --id api"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Http_requires_a_hostname()
    {
        Assert.Contains(
            ParseErrorsOf("frontend http add --address 0.0.0.0:80 --id api"),
            message => message.Contains("--hostname", StringComparison.Ordinal));
    }

    [Fact]
    public void Tcp_add_and_remove_name_cluster_and_address()
    {
        var frontend = new RequestTcpFrontend { ClusterId = "db", Address = Address("0.0.0.0:5432") };

        Assert.Equal(new Request { AddTcpFrontend = frontend }, RequestFor("frontend tcp add --id db --address 0.0.0.0:5432"));
        Assert.Equal(new Request { RemoveTcpFrontend = frontend }, RequestFor("frontend tcp remove --id db --address 0.0.0.0:5432"));
    }

    [Fact]
    public void Https_add_and_remove_send_the_frontend_as_http_does()
    {
        Request http = RequestFor("frontend http add --address 0.0.0.0:443 --hostname example.com --path-prefix /api --id api");

        Assert.Equal(
            new Request { AddHttpsFrontend = http.AddHttpFrontend },
            RequestFor("frontend https add --address 0.0.0.0:443 --hostname example.com --path-prefix /api --id api"));
        Assert.Equal(
            new Request { RemoveHttpsFrontend = http.AddHttpFrontend },
            RequestFor("frontend https remove --address 0.0.0.0:443 --hostname example.com --path-prefix /api --id api"));
    }

    [Fact]
    public void List_https_asks_for_https_frontends()
    {
        var expected = new Request { ListFrontends = new FrontendFilters { Http = false, Https = true, Tcp = false } };

        Assert.Equal(expected, RequestFor("frontend list --https"));
    }

    [Fact]
    public void List_without_options_asks_for_every_kind()
    {
        var expected = new Request { ListFrontends = new FrontendFilters { Http = false, Tcp = false } };

        Assert.Equal(expected, RequestFor("frontend list"));
    }

    [Fact]
    public void List_passes_the_kind_and_domain_filters()
    {
        var expected = new Request { ListFrontends = new FrontendFilters { Http = true, Tcp = true, Domain = "example" } };

        Assert.Equal(expected, RequestFor("frontend list --http --tcp --domain example"));
    }
}
