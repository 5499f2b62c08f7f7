namespace Torii.Protocol;

internal static class PortRule
{
    public const uint Max = 65535;

    public static string? Check(FieldPath field, uint port) =>
        port is >= 1 and <= Max ? null : $"{field} {port} is outside 1..{Max}";
}
