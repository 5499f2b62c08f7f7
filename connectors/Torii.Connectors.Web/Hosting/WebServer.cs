using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Torii.Client;
using Torii.Connectors.Hosting;
using Torii.Connectors.Web.Endpoints;
using Torii.Connectors.Web.Live;
using Torii.Connectors.Web.Proxy;
using Torii.Connectors.Web.Security;
using Torii.Connectors.Web.Settings;

namespace Torii.Connectors.Web.Hosting;

/// <summary>
/// The console on its one address (see <see cref="ConnectorWebHost"/>): the
/// two ways to sign in, anti-forgery, the pages, the changes, and the two background loops that feed the live view.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebServer(WebApplication app, IPEndPoint address)
    {
        _app = app;
        Address = address;
    }

    public IPEndPoint Address { get; }

    public ILogger Logger => _app.Logger;

    /// <exception cref="IOException">The address cannot be listened on.</exception>
    public static async Task<WebServer> StartAsync(WebSettings settings, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = ConnectorWebHost.CreateBuilder("torii-web", settings.ListenAddress, listen =>
        {
            if (settings.TlsCertificate is not null)
            {
                listen.UseHttps(X509Certificate2.CreateFromPemFile(settings.TlsCertificate, settings.TlsKey));
            }
        });
        ConfigureServices(builder.Services, settings);

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        LoginEndpoints.Map(app);
        PageEndpoints.Map(app);
        RouteGroupBuilderChanges(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new WebServer(app, ConnectorWebHost.BoundAddress(app, settings.ListenAddress));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void RouteGroupBuilderChanges(WebApplication app)
    {
        var changes = app.MapGroup("").RequireAuthorization().AddEndpointFilter<ChangeFilter>();
        ClusterChanges.Map(changes);
        CertificateChanges.Map(changes);
    }

    private static void ConfigureServices(IServiceCollection services, WebSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new ToriiClient(new ToriiClientOptions { SocketPath = settings.ProxySocket, RequestTimeout = settings.Timeout }));
        services.AddSingleton<LiveRates>();
        services.AddSingleton<LiveHub>();
        services.AddSingleton<BackendDrainer>();
        services.AddSingleton<StateReader>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ChangeFilter>();
        services.AddHostedService<MetricsSampler>();
        services.AddHostedService<EventPump>();

        // Sessions and anti-forgery tokens are signed with keys that live as long as the process: nothing to store, and a restart signs everyone out.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "torii-web-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__antiforgery";
            options.HeaderName = "X-Antiforgery";
        });
        services.AddAuthorization();
        services.AddAuthentication(ConsoleClaims.ConsoleScheme)
            .AddPolicyScheme(ConsoleClaims.ConsoleScheme, "cookie or bearer", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(BearerHandler.Prefix, StringComparison.OrdinalIgnoreCase)
                    ? ConsoleClaims.BearerScheme
                    : ConsoleClaims.CookieScheme)
            .AddCookie(ConsoleClaims.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "torii-web-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerHandler>(ConsoleClaims.BearerScheme, _ => { });
    }

    /// <summary>A page asked without a session goes to the login form; the API, the live stream and any change get the bare status.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        HttpRequest request = context.Request;
        bool page = HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/live");
        if (page && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
