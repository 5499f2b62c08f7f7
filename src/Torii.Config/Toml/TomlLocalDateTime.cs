namespace Torii.Config.Toml;

/// <summary>A TOML local date-time (1979-05-27T07:32:00), with no offset.</summary>
public readonly record struct TomlLocalDateTime(TomlLocalDate Date, TomlLocalTime Time)
{
    public DateTime ToDateTime() =>
        Date.ToDateOnly().ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + Time.ToTimeSpan();

    public override string ToString() => $"{Date}T{Time}";
}
