using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`listener list`: protocol, address, public address and whether it accepts.</summary>
internal static class ListenersTable
{
    public static void Write(ListenersList listeners, TextWriter writer)
    {
        var table = new TextTable("PROTOCOL", "ADDRESS", "PUBLIC ADDRESS", "ACTIVE");
        IEnumerable<(string Protocol, SocketAddress? Address, SocketAddress? PublicAddress, bool Active)> rows =
        [
            .. listeners.HttpListeners.Values.Select(l => ("http", l.Address, l.PublicAddress, l.Active)),
            .. listeners.HttpsListeners.Values.Select(l => ("https", l.Address, l.PublicAddress, l.Active)),
            .. listeners.TcpListeners.Values.Select(l => ("tcp", l.Address, l.PublicAddress, l.Active)),
        ];
        foreach (var row in rows.OrderBy(r => r.Protocol, StringComparer.Ordinal).ThenBy(r => Display.Address(r.Address), StringComparer.Ordinal))
        {
            table.AddRow(row.Protocol, Display.Address(row.Address), Display.Address(row.PublicAddress), Display.YesNo(row.Active));
        }

        if (table.RowCount == 0)
        {
            writer.WriteLine("no listeners");
            return;
        }

        table.WriteTo(writer);
    }
}
