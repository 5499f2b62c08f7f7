using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii listener http|https|tcp add|remove|activate|deactivate|update` and `torii listener list`.</summary>
internal static class ListenerCommands
{
    public static Command Create(CommonOptions common) =>
        new("listener", "Add, remove, activate, deactivate, update and list listeners")
        {
            new Command("http", "HTTP listeners")
            {
                CreateHttpAdd(common),
                CreateRemove(common, ListenerType.Http),
                CreateActivate(common, ListenerType.Http),
                CreateDeactivate(common, ListenerType.Http),
                ListenerUpdateCommand.Create(common, ListenerType.Http),
            },
            new Command("https", "HTTPS listeners: TLS terminated with the certificate chosen by SNI")
            {
                HttpsListenerAddCommand.Create(common),
                CreateRemove(common, ListenerType.Https),
                CreateActivate(common, ListenerType.Https),
                CreateDeactivate(common, ListenerType.Https),
                ListenerUpdateCommand.Create(common, ListenerType.Https),
            },
            new Command("tcp", "TCP listeners")
            {
                CreateTcpAdd(common),
                CreateRemove(common, ListenerType.Tcp),
                CreateActivate(common, ListenerType.Tcp),
                CreateDeactivate(common, ListenerType.Tcp),
                ListenerUpdateCommand.Create(common, ListenerType.Tcp),
            },
            new RequestCommand("list", "List the listeners and whether they accept connections", common, _ =>
                [new Request { ListListeners = new ListListeners() }]),
        };

    private static RequestCommand CreateHttpAdd(CommonOptions common)
    {
        var options = new ListenerAddOptions();
        var stickyName = new Option<string?>("--sticky-name") { Description = "Name of the sticky session cookie", HelpName = "N" };
        var requestTimeout = ListenerAddOptions.TimeoutOption("--request-timeout", "Seconds allowed to receive a whole request");

        var command = new RequestCommand("add", "Add an HTTP listener and start accepting on it", common, parseResult =>
        {
            var listener = new HttpListenerConfig { Address = OptionValues.RequiredAddress(parseResult, options.Address) };
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

            SetIfGiven(parseResult, options.FrontTimeout, seconds => listener.FrontTimeout = seconds);
            SetIfGiven(parseResult, options.BackTimeout, seconds => listener.BackTimeout = seconds);
            SetIfGiven(parseResult, options.ConnectTimeout, seconds => listener.ConnectTimeout = seconds);
            SetIfGiven(parseResult, requestTimeout, seconds => listener.RequestTimeout = seconds);
            return WithActivation(parseResult, options, new Request { AddHttpListener = listener }, listener.Address, ListenerType.Http);
        });
        options.AddTo(command);
        command.Options.Add(stickyName);
        command.Options.Add(requestTimeout);
        return command;
    }

    private static RequestCommand CreateTcpAdd(CommonOptions common)
    {
        var options = new ListenerAddOptions();
        var command = new RequestCommand("add", "Add a TCP listener and start accepting on it", common, parseResult =>
        {
            var listener = new TcpListenerConfig { Address = OptionValues.RequiredAddress(parseResult, options.Address) };
            if (OptionValues.OptionalAddress(parseResult, options.PublicAddress) is SocketAddress publicAddress)
            {
                listener.PublicAddress = publicAddress;
            }

            if (parseResult.GetValue(options.ExpectProxy))
            {
                listener.ExpectProxy = true;
            }

            SetIfGiven(parseResult, options.FrontTimeout, seconds => listener.FrontTimeout = seconds);
            SetIfGiven(parseResult, options.BackTimeout, seconds => listener.BackTimeout = seconds);
            SetIfGiven(parseResult, options.ConnectTimeout, seconds => listener.ConnectTimeout = seconds);
            return WithActivation(parseResult, options, new Request { AddTcpListener = listener }, listener.Address, ListenerType.Tcp);
        });
        options.AddTo(command);
        return command;
    }

    private static RequestCommand CreateRemove(CommonOptions common, ListenerType type)
    {
        var address = ListenerAddOptions.AddressOption();
        return new RequestCommand("remove", "Stop accepting and forget the listener; open connections finish", common, parseResult =>
            [new Request
            {
                RemoveListener = new RemoveListener { Address = OptionValues.RequiredAddress(parseResult, address), Proxy = type },
            }])
        {
            address,
        };
    }

    private static RequestCommand CreateActivate(CommonOptions common, ListenerType type)
    {
        var address = ListenerAddOptions.AddressOption();
        return new RequestCommand("activate", "Start accepting connections on the listener", common, parseResult =>
            [Activation(OptionValues.RequiredAddress(parseResult, address), type)])
        {
            address,
        };
    }

    private static RequestCommand CreateDeactivate(CommonOptions common, ListenerType type)
    {
        var address = ListenerAddOptions.AddressOption();
        return new RequestCommand("deactivate", "Stop accepting connections on the listener but keep it", common, parseResult =>
            [new Request
            {
                DeactivateListener = new DeactivateListener { Address = OptionValues.RequiredAddress(parseResult, address), Proxy = type },
            }])
        {
            address,
        };
    }

    /// <summary>A new listener only accepts once activated, so `add` asks for both unless told not to.</summary>
    public static Request[] WithActivation(
        ParseResult parseResult,
        ListenerAddOptions options,
        Request add,
        SocketAddress address,
        ListenerType type) =>
        parseResult.GetValue(options.Inactive) ? [add] : [add, Activation(address, type)];

    private static Request Activation(SocketAddress address, ListenerType type) =>
        new() { ActivateListener = new ActivateListener { Address = address.Clone(), Proxy = type } };

    public static void SetIfGiven(ParseResult parseResult, Option<uint?> option, Action<uint> set)
    {
        if (parseResult.GetValue(option) is uint value)
        {
            set(value);
        }
    }
}
