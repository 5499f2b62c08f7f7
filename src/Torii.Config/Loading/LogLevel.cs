namespace Torii.Config.Loading;

/// <summary>The log levels config.toml accepts; <see cref="ProxySettings.LogLevel"/> holds the lowercase name.</summary>
internal enum LogLevel
{
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}
