using System.Text;

namespace Torii.Protocol;

/// <summary>
/// One field of a message as its JSON line reads and writes it: its proto name, whether the message has it, how
/// its value is written and read. A field of a oneof shares the oneof's slot: reading a second one gives up.
/// </summary>
internal sealed class JsonField<T>(string name, Func<T, bool> has, Action<RequestJsonWriter, T> write, FieldReader<T> read, bool oneof = false)
{
    public byte[] Name { get; } = Encoding.ASCII.GetBytes(name);

    public bool InOneof { get; } = oneof;

    public Func<T, bool> Has { get; } = has;

    public Action<RequestJsonWriter, T> Write { get; } = write;

    public FieldReader<T> Read { get; } = read;
}
