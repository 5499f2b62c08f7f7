using System.Globalization;

namespace Torii.Connectors.Logging;

/// <summary>One line per event on a text writer (stdout by default): UTC time, level, connector name, text.</summary>
public sealed class ConnectorLog
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public ConnectorLog(string name, LogLevel level = LogLevel.Info, TextWriter? output = null)
    {
        Name = name;
        Level = level;
        _output = output ?? Console.Out;
    }

    public string Name { get; }

    public LogLevel Level { get; set; }

    public bool IsEnabled(LogLevel level) => level >= Level;

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warn(string message) => Write(LogLevel.Warn, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    public static bool TryParseLevel(string text, out LogLevel level)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "debug" or "trace":
                level = LogLevel.Debug;
                return true;
            case "info":
                level = LogLevel.Info;
                return true;
            case "warn" or "warning":
                level = LogLevel.Warn;
                return true;
            case "error":
                level = LogLevel.Error;
                return true;
            default:
                level = LogLevel.Info;
                return false;
        }
    }

    private void Write(LogLevel level, string message)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {LevelName(level)} {Name}: {message}");
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO ",
        LogLevel.Warn => "WARN ",
        _ => "ERROR",
    };
}
