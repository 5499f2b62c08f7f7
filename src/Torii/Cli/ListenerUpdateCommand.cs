using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// `torii listener http|https|tcp update --address A [...]`: changes only the options given
/// (Sōzu's update_*_listener); connections already open keep their settings.
/// </summary>
internal static class ListenerUpdateCommand
{
    public static RequestCommand Create(CommonOptions common, ListenerType type)
    {
        var address = ListenerAddOptions.AddressOption();
        var publicAddress = new Option<string?>("--public-address") { Description = "The address clients see, when it differs (behind NAT)", HelpName = "IP:PORT" };
        var frontTimeout = ListenerAddOptions.TimeoutOption("--front-timeout", "Seconds a client connection may stay idle");
        var backTimeout = ListenerAddOptions.TimeoutOption("--back-timeout", "Seconds a backend connection may stay idle");
        var connectTimeout = ListenerAddOptions.TimeoutOption("--connect-timeout", "Seconds allowed to connect to a backend");
        var expectProxy = new Option<bool?>("--expect-proxy") { Description = "Expect a PROXY protocol header: true or false", HelpName = "BOOL" };
        var requestTimeout = ListenerAddOptions.TimeoutOption("--request-timeout", "Seconds allowed to receive a whole request");
        var stickyName = new Option<string?>("--sticky-name") { Description = "Name of the sticky session cookie", HelpName = "N" };

        var command = new RequestCommand("update", "Change the given settings of a listener; open connections keep theirs", common, parseResult =>
        {
            var listenerAddress = OptionValues.RequiredAddress(parseResult, address);
            var given = OptionValues.OptionalAddress(parseResult, publicAddress);
            uint? front = parseResult.GetValue(frontTimeout), back = parseResult.GetValue(backTimeout), connect = parseResult.GetValue(connectTimeout);
            bool? proxy = parseResult.GetValue(expectProxy);
            if (type == ListenerType.Tcp)
            {
                var tcp = new UpdateTcpListenerConfig { Address = listenerAddress, PublicAddress = given };
                SetIfGiven(front, value => tcp.FrontTimeout = value);
                SetIfGiven(back, value => tcp.BackTimeout = value);
                SetIfGiven(connect, value => tcp.ConnectTimeout = value);
                SetIfGiven(proxy, value => tcp.ExpectProxy = value);
                return [new Request { UpdateTcpListener = tcp }];
            }

            uint? request = parseResult.GetValue(requestTimeout);
            string? sticky = parseResult.GetValue(stickyName);
            if (type == ListenerType.Https)
            {
                var https = new UpdateHttpsListenerConfig { Address = listenerAddress, PublicAddress = given };
                SetIfGiven(front, value => https.FrontTimeout = value);
                SetIfGiven(back, value => https.BackTimeout = value);
                SetIfGiven(connect, value => https.ConnectTimeout = value);
                SetIfGiven(request, value => https.RequestTimeout = value);
                SetIfGiven(proxy, value => https.ExpectProxy = value);
                SetIfGiven(sticky, value => https.StickyName = value);
                return [new Request { UpdateHttpsListener = https }];
            }

            var http = new UpdateHttpListenerConfig { Address = listenerAddress, PublicAddress = given };
            SetIfGiven(front, value => http.FrontTimeout = value);
            SetIfGiven(back, value => http.BackTimeout = value);
            SetIfGiven(connect, value => http.ConnectTimeout = value);
            SetIfGiven(request, value => http.RequestTimeout = value);
            SetIfGiven(proxy, value => http.ExpectProxy = value);
            SetIfGiven(sticky, value => http.StickyName = value);
            return [new Request { UpdateHttpListener = http }];
        })
        {
            address,
            publicAddress,
            frontTimeout,
            backTimeout,
            connectTimeout,
            expectProxy,
        };
        if (type != ListenerType.Tcp)
        {
            command.Options.Add(requestTimeout);
            command.Options.Add(stickyName);
        }

        return command;
    }

    private static void SetIfGiven<T>(T? value, Action<T> set)
        where T : struct
    {
        if (value is T given)
        {
            set(given);
        }
    }

    private static void SetIfGiven(string? value, Action<string> set)
    {
        if (value is not null)
        {
            set(value);
        }
    }
}
