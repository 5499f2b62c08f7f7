using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Torii.Proxy.Routing;

internal static class RegexPathMatcher
{
    /// <summary>Paths up to this many bytes are decoded on the stack for regex matching.</summary>
    public const int StackBufferChars = 512;

    /// <summary>
    /// Bounds the time a hostile path can burn in a backtracking pattern; a timed-out
    /// match counts as no match.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    public static bool TryCompile(
        string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        try
        {
            regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            regex = null;
            error = $"invalid path regex '{pattern}': {e.Message}";
            return false;
        }
    }

    public static bool IsMatch(Regex regex, ReadOnlySpan<char> path)
    {
        try
        {
            return regex.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
