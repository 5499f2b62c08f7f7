using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Torii.Proxy.Connections;
using Torii.Proxy.Http;
using Torii.Proxy.Http2;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;
using Torii.Proxy.ProxyProtocol;

namespace Torii.Proxy.Tls;

/// <summary>
/// A client of an HTTPS listener: the TLS handshake picks the certificate for the SNI
/// name from the snapshot current at that moment, then the connection is an ordinary
/// HTTP session over the TLS stream, HTTP/2 when ALPN chose "h2". A later certificate change never touches it.
/// </summary>
public static class HttpsSession
{
    /// <param name="origin">The client as a PROXY header named it (expect_proxy listeners); null: the socket's peer.</param>
    public static async Task RunAsync(Socket client, ListenerSettings settings, HttpProxyContext context, ClientOrigin? origin = null)
    {
        var clientAddress = origin?.Client ?? (IPEndPoint)client.RemoteEndPoint!;
        var tls = new SslStream(ClientStream.Of(client, origin), leaveInnerStreamOpen: false);

        // The handshake runs under the connection's deadline, armed for the first request: no timer
        // of its own per connection, and the HTTP/1.1 session carries the same deadline on.
        var deadline = new ConnectionDeadline();
        deadline.Arm(settings.RequestTimeout, TimeoutKind.Request);
        var session = await HandshakeAsync(tls, clientAddress, settings, context, client, deadline).ConfigureAwait(false);
        if (session is not null)
        {
            await session.ConfigureAwait(false);
        }
    }

    /// <summary>Authenticates, then starts the protocol ALPN chose; null when the handshake failed. The deadline ends up owned by the HTTP/1.1 session or disposed.</summary>
    private static async ValueTask<Task?> HandshakeAsync(SslStream tls, IPEndPoint clientAddress, ListenerSettings settings, HttpProxyContext context, Socket client, ConnectionDeadline deadline)
    {
        var handedOver = false;
        try
        {
            try
            {
                await tls.AuthenticateAsServerAsync(SelectOptionsAsync, (settings, context), deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                Log.Debug($"https {settings.Address} client {clientAddress}: handshake failed: {e.Message}");
                if (context.Metrics.Enabled)
                {
                    context.Metrics.RecordTlsHandshakeFailure();
                }

                await tls.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            // Read once per connection, and only when an access log will record it.
            var details = context.AccessLog is null ? null : TlsDetails.From(tls);
            if (tls.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2)
            {
                return new Http2Connection(tls, PipeReader.Create(tls, HttpSession.ClientReaderOptions), clientAddress, settings, context) { Tls = details }.RunAsync();
            }

            var session = new HttpSession(tls, clientAddress, settings, context, client, deadline: deadline) { Tls = details };
            handedOver = true;
            return session.RunAsync();
        }
        finally
        {
            if (!handedOver)
            {
                deadline.Dispose();
            }
        }
    }

    private static ValueTask<SslServerAuthenticationOptions> SelectOptionsAsync(
        SslStream stream, SslClientHelloInfo hello, object? state, CancellationToken cancellationToken)
    {
        var (settings, context) = ((ListenerSettings, HttpProxyContext))state!;
        var certificate = context.Snapshots.Current.CertificatesFor(settings.Address).Find(hello.ServerName)
            ?? throw new AuthenticationException($"no certificate for \"{hello.ServerName}\" and no default certificate");
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate.Context,
            EnabledSslProtocols = settings.TlsProtocols,
            CipherSuitesPolicy = settings.CipherSuites,
            ApplicationProtocols = settings.AlpnProtocols,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        });
    }
}
