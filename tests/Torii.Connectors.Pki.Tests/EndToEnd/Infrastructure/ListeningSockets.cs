using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Torii.Connectors.Pki.Tests.EndToEnd.Infrastructure;

/// <summary>The TCP sockets a process listens on, read from /proc: its socket descriptors matched against the kernel's tables.</summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string descriptor in Directory.EnumerateFiles($"/proc/{processId}/fd"))
        {
            string? target = new FileInfo(descriptor).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        return [.. Listening("/proc/net/tcp", inodes), .. Listening("/proc/net/tcp6", inodes)];
    }

    // Each line: sl local_address rem_address st ... inode, addresses as hex words in host (little-endian) order.
    private static IEnumerable<IPEndPoint> Listening(string table, HashSet<string> inodes)
    {
        foreach (string line in File.ReadLines(table).Skip(1))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[3] == ListenState && inodes.Contains(fields[9]))
            {
                string[] local = fields[1].Split(':');
                yield return new IPEndPoint(Address(local[0]), int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
    }

    private static IPAddress Address(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        for (int word = 0; word < bytes.Length; word += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(word), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(word)));
        }

        return new IPAddress(bytes);
    }
}
