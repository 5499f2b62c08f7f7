using System.Threading.Channels;

namespace Torii.Proxy.Logging;

/// <summary>
/// Process log: one line per event to stdout, written by a background task so that
/// a slow terminal or pipe never blocks a connection. When the queue is full, lines are dropped and counted.
/// </summary>
public static class Log
{
    private static readonly Channel<string> Lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(65536) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private static readonly Task Writer = Task.Run(WriteLinesAsync);

    private static long _dropped;

    public static LogLevel Level { get; set; } = LogLevel.Info;

    public static bool IsEnabled(LogLevel level) => level >= Level;

    public static void Trace(string message) => Write(LogLevel.Trace, message);

    public static void Debug(string message) => Write(LogLevel.Debug, message);

    public static void Info(string message) => Write(LogLevel.Info, message);

    public static void Warn(string message) => Write(LogLevel.Warn, message);

    public static void Error(string message) => Write(LogLevel.Error, message);

    public static bool TryParseLevel(string text, out LogLevel level)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "trace": level = LogLevel.Trace; return true;
            case "debug": level = LogLevel.Debug; return true;
            case "info": level = LogLevel.Info; return true;
            case "warn" or "warning": level = LogLevel.Warn; return true;
            case "error": level = LogLevel.Error; return true;
            default: level = LogLevel.Info; return false;
        }
    }

    /// <summary>Waits until every queued line is written; used before the process exits.</summary>
    public static async Task FlushAsync()
    {
        Lines.Writer.TryComplete();
        await Writer.ConfigureAwait(false);
    }

    private static void Write(LogLevel level, string message)
    {
        if (level < Level)
        {
            return;
        }

        var line = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {LevelName(level)} {message}";
        if (!Lines.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO ",
        LogLevel.Warn => "WARN ",
        _ => "ERROR",
    };

    private static async Task WriteLinesAsync()
    {
        var output = Console.Out;
        await foreach (var line in Lines.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
            {
                await output.WriteLineAsync($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} WARN  {dropped} log lines dropped").ConfigureAwait(false);
            }

            await output.WriteLineAsync(line).ConfigureAwait(false);
            if (Lines.Reader.Count == 0)
            {
                await output.FlushAsync().ConfigureAwait(false);
            }
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}
