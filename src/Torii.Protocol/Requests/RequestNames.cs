using System.Collections.Frozen;
using Google.Protobuf.Reflection;

namespace Torii.Protocol;

/// <summary>The proto field names of the request cases ("add_cluster", "Logging").</summary>
public static class RequestNames
{
    public const string None = "none";

    private static readonly FrozenDictionary<Request.RequestTypeOneofCase, string> Names =
        Request.Descriptor.Oneofs[0].Fields.ToFrozenDictionary(
            field => (Request.RequestTypeOneofCase)field.FieldNumber,
            field => field.Name);

    public static string Of(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Of(request.RequestTypeCase);
    }

    public static string Of(Request.RequestTypeOneofCase requestCase) =>
        Names.TryGetValue(requestCase, out string? name) ? name : None;

    /// <summary>The case whose proto field name is <paramref name="name"/>; case-sensitive.</summary>
    public static bool TryParse(string? name, out Request.RequestTypeOneofCase requestCase)
    {
        FieldDescriptor? field = name is null ? null : Request.Descriptor.FindFieldByName(name);
        requestCase = field?.ContainingOneof is null
            ? Request.RequestTypeOneofCase.None
            : (Request.RequestTypeOneofCase)field.FieldNumber;
        return requestCase != Request.RequestTypeOneofCase.None;
    }
}
