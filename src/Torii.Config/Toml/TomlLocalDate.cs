namespace Torii.Config.Toml;

/// <summary>A TOML local date (1979-05-27). Kept as its fields so year 0000 survives, which DateOnly cannot hold.</summary>
public readonly record struct TomlLocalDate(int Year, int Month, int Day)
{
    /// <exception cref="ArgumentOutOfRangeException">The year is 0000, which DateOnly cannot hold.</exception>
    public DateOnly ToDateOnly() => new(Year, Month, Day);

    public override string ToString() => $"{Year:D4}-{Month:D2}-{Day:D2}";
}
