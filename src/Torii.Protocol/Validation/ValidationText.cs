namespace Torii.Protocol;

/// <summary>Puts a user-supplied value into a one-line error message safely.</summary>
internal static class ValidationText
{
    private const int MaxQuotedLength = 64;

    public static string Quote(string value)
    {
        bool truncated = value.Length > MaxQuotedLength;
        ReadOnlySpan<char> shown = truncated ? value.AsSpan(0, MaxQuotedLength) : value.AsSpan();
        var printable = new char[shown.Length];
        for (int i = 0; i < shown.Length; i++)
        {
            printable[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        return "\"" + new string(printable) + (truncated ? "…\"" : "\"");
    }

    public static bool HasControlCharacter(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
