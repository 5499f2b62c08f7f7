using Google.Protobuf.Reflection;

namespace Torii.Protocol;

/// <summary>The proto names of an enum of command.proto, as its JSON mapping writes and reads them.</summary>
internal sealed class ProtoEnumNames<T>
    where T : struct, Enum
{
    public static readonly ProtoEnumNames<T> Instance = new();

    private readonly Dictionary<int, byte[]> _names = [];
    private readonly (byte[] Name, T Value)[] _values;

    private ProtoEnumNames()
    {
        EnumDescriptor descriptor = CommandReflection.Descriptor.EnumTypes.Single(type => type.ClrType == typeof(T));
        _values = new (byte[], T)[descriptor.Values.Count];
        for (int i = 0; i < descriptor.Values.Count; i++)
        {
            EnumValueDescriptor value = descriptor.Values[i];
            byte[] name = System.Text.Encoding.ASCII.GetBytes(value.Name);
            _names.TryAdd(value.Number, name);
            _values[i] = (name, (T)Enum.ToObject(typeof(T), value.Number));
        }
    }

    /// <summary>The name of a declared value; false for a number the enum does not declare (written as a number).</summary>
    public bool TryGetName(T value, out byte[] name) => _names.TryGetValue(System.Runtime.CompilerServices.Unsafe.BitCast<T, int>(value), out name!);

    /// <summary>The value whose name the reader's current string token is.</summary>
    public bool TryParse(ref System.Text.Json.Utf8JsonReader reader, out T value)
    {
        foreach ((byte[] name, T candidate) in _values)
        {
            if (reader.ValueTextEquals(name))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
