using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`cluster list`: every cluster id with the hash of its configuration, to spot differences between proxies.</summary>
internal static class ClusterHashesTable
{
    public static void Write(ClusterHashes hashes, TextWriter writer)
    {
        if (hashes.Map.Count == 0)
        {
            writer.WriteLine("no clusters");
            return;
        }

        var table = new TextTable("ID", "HASH");
        foreach (var (clusterId, hash) in hashes.Map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            table.AddRow(clusterId, Display.Number(hash));
        }

        table.WriteTo(writer);
    }
}
