using Microsoft.Extensions.Logging;

namespace Torii.Connectors.Web.Security;

internal static partial class LoginLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "failed sign-in for \"{User}\" from {Address}")]
    public static partial void Failed(ILogger logger, string user, string address);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "sign-in for \"{User}\" from {Address} refused: too many failures in the last minute")]
    public static partial void Throttled(ILogger logger, string user, string address);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "\"{User}\" signed in from {Address}")]
    public static partial void SignedIn(ILogger logger, string user, string address);
}
