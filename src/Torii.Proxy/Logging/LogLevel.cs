namespace Torii.Proxy.Logging;

public enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}
