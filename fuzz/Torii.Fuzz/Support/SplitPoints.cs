namespace Torii.Fuzz.Support;

internal static class SplitPoints
{
    /// <summary>Every inner split point of a short input; on a long one, evenly spaced points so one run stays fast.</summary>
    public static IEnumerable<int> Of(int length, int maxPoints = 512)
    {
        int step = Math.Max(1, (length - 1 + maxPoints - 1) / maxPoints);
        for (int at = 1; at < length; at += step)
        {
            yield return at;
        }
    }
}
