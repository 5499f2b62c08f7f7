using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A TLS client that records which certificate the proxy presented for an SNI name.</summary>
public sealed class TlsProbe : IAsyncDisposable
{
    private readonly RawHttpConnection _http;

    private TlsProbe(SslStream stream, string fingerprint)
    {
        _http = RawHttpConnection.Over(stream);
        Fingerprint = fingerprint;
        CipherSuite = stream.NegotiatedCipherSuite;
    }

    public string Fingerprint { get; }

    public TlsCipherSuite CipherSuite { get; }

    public static async Task<TlsProbe> ConnectAsync(int port, string? serverName, SslProtocols protocols = SslProtocols.None)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        string? fingerprint = null;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName ?? string.Empty,
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    fingerprint = Convert.ToHexStringLower(SHA256.HashData(certificate!.GetRawCertData()));
                    return true;
                },
            });
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        return new TlsProbe(stream, fingerprint!);
    }

    /// <summary>True when the handshake for that name is refused.</summary>
    public static async Task<bool> HandshakeFailsAsync(int port, string? serverName, SslProtocols protocols = SslProtocols.None)
    {
        try
        {
            await using var probe = await ConnectAsync(port, serverName, protocols);
            return false;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
    }

    public Task<RawHttpResponse> GetAsync(string host, string path) => _http.SendAsync($"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}
