using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii listener https add`: an HTTP listener's options plus TLS versions and an optional default certificate.</summary>
internal static class HttpsListenerAddCommand
{
    public static RequestCommand Create(CommonOptions common)
    {
        var options = new ListenerAddOptions();
        var stickyName = new Option<string?>("--sticky-name") { Description = "Name of the sticky session cookie", HelpName = "N" };
        var requestTimeout = ListenerAddOptions.TimeoutOption("--request-timeout", "Seconds allowed to receive a whole request");
        var versions = TlsVersionsOption.Create();
        var defaultCertificate = new CertificateFileOptions("", required: false, "the default certificate, served when no other matches the SNI name");

        var command = new RequestCommand("add", "Add an HTTPS listener and start accepting on it", common, parseResult =>
        {
            var listener = new HttpsListenerConfig { Address = OptionValues.RequiredAddress(parseResult, options.Address) };
            if (OptionValues.OptionalAddress(parseResult, options.PublicAddress) is SocketAddress publicAddress)
            {
                listener.PublicAddress = publicAddress;
            }

            if (parseResult.GetValue(stickyName) is string givenStickyName)
            {
                listener.StickyName = givenStickyName;
            }

            if (parseResult.GetValue(options.ExpectProxy))
            {
                listener.ExpectProxy = true;
            }

            ListenerCommands.SetIfGiven(parseResult, options.FrontTimeout, seconds => listener.FrontTimeout = seconds);
            ListenerCommands.SetIfGiven(parseResult, options.BackTimeout, seconds => listener.BackTimeout = seconds);
            ListenerCommands.SetIfGiven(parseResult, options.ConnectTimeout, seconds => listener.ConnectTimeout = seconds);
            ListenerCommands.SetIfGiven(parseResult, requestTimeout, seconds => listener.RequestTimeout = seconds);
            listener.Versions.AddRange(TlsVersionsOption.Read(parseResult, versions));
            if (defaultCertificate.Read(parseResult) is CertificateAndKey certificate)
            {
                listener.Certificate = certificate.Certificate;
                listener.CertificateChain.AddRange(certificate.CertificateChain);
                listener.Key = certificate.Key;
            }

            return ListenerCommands.WithActivation(parseResult, options, new Request { AddHttpsListener = listener }, listener.Address, ListenerType.Https);
        });
        options.AddTo(command);
        command.Options.Add(stickyName);
        command.Options.Add(requestTimeout);
        command.Options.Add(versions);
        defaultCertificate.AddTo(command);
        return command;
    }
}
