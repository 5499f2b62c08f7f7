using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`status`: the proxy's worker processes.</summary>
internal static class WorkersTable
{
    public static void Write(WorkerInfos workers, TextWriter writer)
    {
        var table = new TextTable("WORKER", "PID", "STATE");
        foreach (WorkerInfo worker in workers.Vec)
        {
            table.AddRow(Display.Number(worker.Id), Display.Number(worker.Pid), Display.RunState(worker.RunState));
        }

        if (table.RowCount > 0)
        {
            table.WriteTo(writer);
        }
    }
}
