namespace Torii.Config.Toml;

/// <summary>A TOML offset date-time (1979-05-27T07:32:00-07:00); "Z" and "-00:00" are both offset 0.</summary>
public readonly record struct TomlOffsetDateTime(TomlLocalDate Date, TomlLocalTime Time, int OffsetMinutes)
{
    public DateTimeOffset ToDateTimeOffset() =>
        new(new TomlLocalDateTime(Date, Time).ToDateTime(), TimeSpan.FromMinutes(OffsetMinutes));

    public override string ToString()
    {
        if (OffsetMinutes == 0)
        {
            return $"{Date}T{Time}Z";
        }

        var sign = OffsetMinutes < 0 ? '-' : '+';
        var magnitude = Math.Abs(OffsetMinutes);
        return $"{Date}T{Time}{sign}{magnitude / 60:D2}:{magnitude % 60:D2}";
    }
}
