namespace Torii.Fuzz;

internal static class Check
{
    public static void That(bool condition, string broken)
    {
        if (!condition)
        {
            throw new InvariantException(broken);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvariantException($"{what}: expected\n{expected}\nbut got\n{actual}");
        }
    }
}
