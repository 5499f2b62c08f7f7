using System.Text;

namespace Torii.Proxy.Upgrade;

/// <summary>
/// The first bytes of a handover, sent together with the descriptors: a 4-byte little-endian
/// length, then one line per descriptor ("listener 127.0.0.1:80", "command -", "output 1") after a
/// version line. The state follows on the same stream as JSON requests, one a line, until the old
/// process shuts its side down; the new process answers one line on the same connection.
/// </summary>
public static class HandoverManifest
{
    public const string Version = "torii-handover 1";
    public const int LengthPrefix = 4;
    private const int MaxLength = 1 << 20;

    public static byte[] Encode(IReadOnlyList<HandoverEntry> entries)
    {
        var text = new StringBuilder(Version).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(entry.Kind.ToString().ToLowerInvariant()).Append(' ').Append(entry.Name).Append('\n');
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        var bytes = new byte[LengthPrefix + body.Length];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, LengthPrefix), body.Length);
        body.CopyTo(bytes, LengthPrefix);
        return bytes;
    }

    /// <exception cref="InvalidDataException">The length is out of range.</exception>
    public static int BodyLength(ReadOnlySpan<byte> prefix)
    {
        var length = BitConverter.ToInt32(prefix);
        return length is > 0 and <= MaxLength ? length : throw new InvalidDataException($"handover manifest length {length} is out of range");
    }

    /// <exception cref="InvalidDataException">Not a manifest this version understands.</exception>
    public static List<HandoverEntry> Decode(ReadOnlySpan<byte> body)
    {
        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Version)
        {
            throw new InvalidDataException($"the old process speaks \"{(lines.Length == 0 ? string.Empty : lines[0])}\", not \"{Version}\"");
        }

        var entries = new List<HandoverEntry>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var space = line.IndexOf(' ');
            if (space <= 0 || !Enum.TryParse<HandoverKind>(line[..space], ignoreCase: true, out var kind))
            {
                throw new InvalidDataException($"unknown handover entry \"{line}\"");
            }

            entries.Add(new HandoverEntry(kind, line[(space + 1)..]));
        }

        return entries;
    }
}
