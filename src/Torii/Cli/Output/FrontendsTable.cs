using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>Frontends as rows: protocol, address, hostname, path, method, cluster.</summary>
internal static class FrontendsTable
{
    public static void Write(
        IEnumerable<RequestHttpFrontend> http,
        IEnumerable<RequestHttpFrontend> https,
        IEnumerable<RequestTcpFrontend> tcp,
        TextWriter writer)
    {
        var table = new TextTable("PROTOCOL", "ADDRESS", "HOSTNAME", "PATH", "METHOD", "CLUSTER");
        AddHttpRows(table, "http", http);
        AddHttpRows(table, "https", https);
        foreach (RequestTcpFrontend frontend in tcp)
        {
            table.AddRow("tcp", Display.Address(frontend.Address), Display.None, Display.None, Display.None, frontend.ClusterId);
        }

        if (table.RowCount == 0)
        {
            writer.WriteLine("no frontends");
            return;
        }

        table.WriteTo(writer);
    }

    private static void AddHttpRows(TextTable table, string protocol, IEnumerable<RequestHttpFrontend> frontends)
    {
        foreach (RequestHttpFrontend frontend in frontends)
        {
            table.AddRow(
                protocol,
                Display.Address(frontend.Address),
                frontend.Hostname,
                Display.Path(frontend.Path),
                Display.Method(frontend),
                Display.Cluster(frontend));
        }
    }
}
