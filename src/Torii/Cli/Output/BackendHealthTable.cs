using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>Each backend's health: up or down, since when, and why it last failed.</summary>
internal static class BackendHealthTable
{
    public static void Write(IEnumerable<BackendHealthStatus> statuses, TextWriter writer)
    {
        var table = new TextTable("CLUSTER", "BACKEND", "HEALTH", "SINCE", "LAST FAILURE");
        foreach (var status in statuses)
        {
            table.AddRow(
                status.ClusterId,
                status.BackendId,
                Display.Health(status),
                status.Checked ? Display.Since(status.Since) : Display.None,
                status.HasLastFailure ? status.LastFailure : Display.None);
        }

        table.WriteTo(writer);
    }
}
