using System.Diagnostics;
using System.Net;
using Torii.Proxy.Backends;
using Torii.Proxy.Http;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Tcp;

/// <summary>The access log record of a TCP connection, written when both directions have ended.</summary>
internal static class TcpAccessLog
{
    public static void Write(AccessLog accessLog, IPEndPoint client, string clusterId, Backend backend, long bytesIn, long bytesOut, long started)
    {
        Span<byte> id = stackalloc byte[RequestIdGenerator.Length];
        RequestIdGenerator.Next(id);
        accessLog.Write(new AccessLogEntry
        {
            Time = DateTime.UtcNow,
            Protocol = AccessLogProtocol.Tcp,
            RequestId = id,
            ClusterId = clusterId,
            BackendId = backend.Id,
            Client = client,
            BackendAddress = backend.Address,
            BytesIn = bytesIn,
            BytesOut = bytesOut,
            TotalMicros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds,
        });
    }
}
