using System.Text;

namespace Torii.Proxy.Actions;

/// <summary>
/// One header mutation of a frontend: with a value, the header is set (every header of that
/// name is replaced by this one); with an empty value, every header of that name is deleted.
/// </summary>
public sealed class HeaderEdit
{
    public HeaderEdit(string name, string value)
    {
        Name = Encoding.ASCII.GetBytes(name);
        Value = Encoding.UTF8.GetBytes(value);
    }

    public byte[] Name { get; }

    public byte[] Value { get; }

    public bool Deletes => Value.Length == 0;

    /// <summary>Whether a received header named <paramref name="name"/> is dropped because of this edit.</summary>
    public bool Covers(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>Whether any edit of the list drops a received header named <paramref name="name"/>.</summary>
    public static bool AnyCovers(HeaderEdit[] edits, ReadOnlySpan<byte> name)
    {
        foreach (var edit in edits)
        {
            if (edit.Covers(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bytes the set edits add to a head: one "Name: value" line each.</summary>
    public static int AddedLength(HeaderEdit[] edits)
    {
        var length = 0;
        foreach (var edit in edits)
        {
            length += edit.Deletes ? 0 : edit.Name.Length + edit.Value.Length + 4;
        }

        return length;
    }
}
