namespace Torii.Protocol;

internal static class NumberRules
{
    public const uint MaxTimeoutSeconds = 86_400;
    public const int MaxWeight = 1000;

    public static string? Timeout(string field, bool present, uint seconds) =>
        !present || seconds is >= 1 and <= MaxTimeoutSeconds
            ? null
            : $"{field} {seconds} is outside 1..{MaxTimeoutSeconds} seconds";

    public static string? Weight(string field, LoadBalancingParams? parameters) =>
        parameters is null || !parameters.HasWeight || parameters.Weight is >= 0 and <= MaxWeight
            ? null
            : $"{field} {parameters.Weight} is outside 0..{MaxWeight}";

    public static string? DefinedEnum<TEnum>(string field, bool present, TEnum value)
        where TEnum : struct, Enum =>
        !present || Enum.IsDefined(value)
            ? null
            : $"{field} {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a known {typeof(TEnum).Name} value";
}
