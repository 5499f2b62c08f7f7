using System.Net;

namespace Torii.Protocol.Tests;

/// <summary>A reload that changes only a frontend's actions or a listener's HSTS gives the requests that change exactly that.</summary>
public sealed class RoutingActionsReloadTests
{
    private static readonly SocketAddress Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 8443));

    [Fact]
    public void A_frontend_whose_redirect_changed_is_removed_then_added_again()
    {
        Request[] previous = [Frontend(f => f.Redirect = RedirectPolicy.Permanent)];
        Request[] next = [Frontend(f => f.Redirect = RedirectPolicy.Found)];

        var plan = ReloadPlan.Create(previous, previous, next);

        Assert.Equal([new Request { RemoveHttpsFrontend = previous[0].AddHttpsFrontend }, next[0]], plan.Requests);
    }

    [Fact]
    public void A_listener_whose_hsts_changed_gets_an_update_carrying_the_new_policy()
    {
        var before = Listener(new HstsConfig { Enabled = true, MaxAge = 10 });
        var after = Listener(new HstsConfig { Enabled = true, MaxAge = 20, Preload = true });

        var update = ListenerUpdates.Between(before, after);

        Assert.Equal(new HstsConfig { Enabled = true, MaxAge = 20, Preload = true }, update!.UpdateHttpsListener.Hsts);
    }

    private static Request Listener(HstsConfig hsts) => new()
    {
        AddHttpsListener = new HttpsListenerConfig { Address = Address, Hsts = hsts },
    };

    private static Request Frontend(Action<RequestHttpFrontend> configure)
    {
        var frontend = new RequestHttpFrontend { ClusterId = "app", Address = Address, Hostname = "app.test", Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "" } };
        configure(frontend);
        return new Request { AddHttpsFrontend = frontend };
    }
}
