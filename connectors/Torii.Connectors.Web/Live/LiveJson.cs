using System.Text.Json;

namespace Torii.Connectors.Web.Live;

internal static class LiveJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
