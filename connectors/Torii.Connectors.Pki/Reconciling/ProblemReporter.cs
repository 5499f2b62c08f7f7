using Torii.Connectors.Logging;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>
/// Logs each pair's problem once: a pair that stays broken is retried on every pass, but its
/// warning is written again only when the problem changes or after it was solved and came back.
/// </summary>
/// <param name="reported">Called for each warning written, so the metrics count what the log says.</param>
internal sealed class ProblemReporter(ConnectorLog log, Action reported)
{
    private Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    /// <param name="problems">Every problem of the pass that just ran, by pair name.</param>
    public void Publish(IReadOnlyDictionary<string, string> problems)
    {
        foreach (var (name, problem) in problems.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!_reported.TryGetValue(name, out string? previous) || previous != problem)
            {
                log.Warn($"{name}: {problem}; retried when its files change and on every rescan");
                reported();
            }
        }

        _reported = new Dictionary<string, string>(problems, StringComparer.Ordinal);
    }
}
