using Torii.Bench.Yarp;

// torii-bench-yarp --config FILE: YARP with Kestrel's production defaults, listeners, routes and cluster from
// the JSON bench/run.sh renders from bench/templates/yarp.json; the forwarding headers are the other proxies'.
var config = args.SkipWhile(arg => arg != "--config").Skip(1).FirstOrDefault()
             ?? throw new ArgumentException("usage: torii-bench-yarp --config FILE");

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddJsonFile(Path.GetFullPath(config), optional: false, reloadOnChange: false);
// The other proxies log nothing per request either; ASP.NET Core's console logger would cost CPU on every request.
builder.Logging.ClearProviders();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(ForwardingHeaders.Add);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
