using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Torii.Connectors.Hosting;

/// <summary>
/// Kestrel on one address and nothing else, for the connectors that serve HTTP: the empty builder reads no
/// appsettings.json and no ASPNETCORE_URLS, so no other endpoint can be added behind the operator's back.
/// Logs one line each, UTC timestamps, ASP.NET Core's own chatter from Warning up.
/// </summary>
public static class ConnectorWebHost
{
    public static WebApplicationBuilder CreateBuilder(string applicationName, IPEndPoint listenAddress, Action<ListenOptions>? configureListener = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = applicationName });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(listenAddress, listen => configureListener?.Invoke(listen)));
        builder.Services.AddRoutingCore();
        return builder;
    }

    /// <summary>The address actually listened on (port 0 in the settings picks a free one).</summary>
    public static IPEndPoint BoundAddress(WebApplication app, IPEndPoint requested)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(requested);
        string? bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out Uri? uri)
            ? new IPEndPoint(requested.Address, uri.Port)
            : requested;
    }
}
