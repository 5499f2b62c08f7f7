using System.Text;

namespace Torii.Proxy.Upgrade;

/// <summary>
/// What the new process prints before it takes over its own output: passed on to this process's
/// output (the same log target) and kept, bounded, for the answer when the upgrade fails.
/// </summary>
internal sealed class ChildOutput
{
    private const int MaxKept = 64 * 1024;

    private readonly StringBuilder _kept = new();
    private readonly Lock _lock = new();

    public void Add(string? line, TextWriter passOn)
    {
        if (line is null)
        {
            return;
        }

        passOn.WriteLine(line);
        lock (_lock)
        {
            if (_kept.Length + line.Length < MaxKept)
            {
                _kept.AppendLine(line);
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _kept.ToString().TrimEnd();
        }
    }
}
