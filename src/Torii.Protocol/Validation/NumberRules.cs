namespace Torii.Protocol;

internal static class NumberRules
{
    public const uint MaxTimeoutSeconds = 86_400;
    public const int MaxWeight = 1000;

    /// <summary>Far above what one backend serves at once; a larger value is a typo.</summary>
    public const uint MaxBackendConnections = 1_000_000;

    public static string? Timeout(FieldPath field, bool present, uint seconds) =>
        !present || seconds is >= 1 and <= MaxTimeoutSeconds
            ? null
            : $"{field} {seconds} is outside 1..{MaxTimeoutSeconds} seconds";

    /// <summary>0 is allowed: no waiting, a request finding every backend full is refused at once.</summary>
    public static string? QueueTimeout(FieldPath field, bool present, uint seconds) =>
        !present || seconds <= MaxTimeoutSeconds
            ? null
            : $"{field} {seconds} is outside 0..{MaxTimeoutSeconds} seconds";

    public static string? MaxConnections(FieldPath field, bool present, uint connections) =>
        !present || connections <= MaxBackendConnections
            ? null
            : $"{field} {connections} is outside 0..{MaxBackendConnections} (0: unlimited)";

    public static string? Weight(FieldPath field, LoadBalancingParams? parameters) =>
        parameters is null || !parameters.HasWeight || parameters.Weight is >= 0 and <= MaxWeight
            ? null
            : $"{field} {parameters.Weight} is outside 0..{MaxWeight}";

    public static string? DefinedEnum<TEnum>(FieldPath field, bool present, TEnum value)
        where TEnum : struct, Enum =>
        !present || Enum.IsDefined(value)
            ? null
            : $"{field} {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a known {typeof(TEnum).Name} value";
}
