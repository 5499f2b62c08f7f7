using System.Reflection;
using Google.Protobuf.Reflection;

namespace Torii.Protocol;

/// <summary>An enum value as command.proto spells it (CONNECTION_TIME, not ConnectionTime), for messages.</summary>
internal static class ProtoEnumName
{
    public static string Of<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();
}
