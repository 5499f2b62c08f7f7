using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// Reports PROCESSING answers as they arrive. Unlike <see cref="Progress{T}"/> it prints on the
/// caller's thread, so progress lines cannot come after the final answer.
/// </summary>
internal sealed class ProgressPrinter(ResponsePrinter printer) : IProgress<Response>
{
    public void Report(Response value) => printer.PrintProgress(value);
}
