using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Torii.Connectors.Web.Hosting;

/// <summary>app.js and app.css, embedded in the executable (see the csproj): the console fetches nothing from elsewhere.</summary>
internal static class StaticAssets
{
    private static readonly Dictionary<string, (byte[] Content, string Type)> Assets = Load();

    public static IResult Serve(string name) =>
        Assets.TryGetValue(name, out var asset)
            ? Results.Bytes(asset.Content, asset.Type)
            : Results.NotFound();

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(resource => resource.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string name = resource["assets/".Length..];
            string type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }

        return assets;
    }
}
