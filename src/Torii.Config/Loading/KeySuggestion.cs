namespace Torii.Config.Loading;

/// <summary>Finds the allowed key closest to a misspelt one, for "did you mean" hints.</summary>
internal static class KeySuggestion
{
    public static string? Closest(string key, IEnumerable<string> allowed)
    {
        var best = allowed
            .Select(candidate => (Candidate: candidate, Distance: Distance(key, candidate)))
            .MinBy(pair => pair.Distance);
        // Beyond a third of the key's length the "suggestion" is more likely noise than the intended key.
        return best.Candidate is not null && best.Distance <= Math.Max(1, key.Length / 3) ? best.Candidate : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
