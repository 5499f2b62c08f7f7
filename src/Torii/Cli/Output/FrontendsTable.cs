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
        // The ACTIONS column appears only when some frontend has routing actions.
        var httpList = http.ToList();
        var httpsList = https.ToList();
        var withActions = httpList.Concat(httpsList).Any(frontend => FrontendActionsText.Describe(frontend).Length > 0);
        var table = withActions
            ? new TextTable("PROTOCOL", "ADDRESS", "HOSTNAME", "PATH", "METHOD", "CLUSTER", "ACTIONS")
            : new TextTable("PROTOCOL", "ADDRESS", "HOSTNAME", "PATH", "METHOD", "CLUSTER");
        AddHttpRows(table, "http", httpList, withActions);
        AddHttpRows(table, "https", httpsList, withActions);
        foreach (RequestTcpFrontend frontend in tcp)
        {
            string[] cells = ["tcp", Display.Address(frontend.Address), Display.None, Display.None, Display.None, frontend.ClusterId];
            table.AddRow(withActions ? [.. cells, Display.None] : cells);
        }

        if (table.RowCount == 0)
        {
            writer.WriteLine("no frontends");
            return;
        }

        table.WriteTo(writer);
    }

    private static void AddHttpRows(TextTable table, string protocol, IEnumerable<RequestHttpFrontend> frontends, bool withActions)
    {
        foreach (RequestHttpFrontend frontend in frontends)
        {
            string[] cells =
            [
                protocol,
                Display.Address(frontend.Address),
                frontend.Hostname,
                Display.Path(frontend.Path),
                Display.Method(frontend),
                Display.Cluster(frontend),
            ];
            table.AddRow(withActions ? [.. cells, FrontendActionsText.Describe(frontend) is { Length: > 0 } actions ? actions : Display.None] : cells);
        }
    }
}
