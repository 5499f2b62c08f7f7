namespace Torii.Config.Toml;

/// <summary>
/// A TOML local time (07:32:00.999999). Kept as its fields so a leap second (60) and nanoseconds
/// survive; digits beyond nanoseconds are truncated, as the TOML spec allows.
/// </summary>
public readonly record struct TomlLocalTime(int Hour, int Minute, int Second, int Nanosecond)
{
    public TimeSpan ToTimeSpan() =>
        new TimeSpan(Hour, Minute, Second) + TimeSpan.FromTicks(Nanosecond / 100);

    public override string ToString()
    {
        var text = $"{Hour:D2}:{Minute:D2}:{Second:D2}";
        return Nanosecond == 0 ? text : $"{text}.{Nanosecond:D9}".TrimEnd('0');
    }
}
