using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`state stats`: how many requests of each type the proxy received.</summary>
internal static class RequestCountsTable
{
    public static void Write(RequestCounts counts, TextWriter writer)
    {
        if (counts.Map.Count == 0)
        {
            writer.WriteLine("no requests");
            return;
        }

        var table = new TextTable("REQUEST", "COUNT");
        foreach (var (name, count) in counts.Map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            table.AddRow(name, Display.Number(count));
        }

        table.WriteTo(writer);
    }
}
