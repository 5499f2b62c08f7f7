using System.CommandLine;

namespace Torii.Cli;

/// <summary>The options that `listener http add` and `listener tcp add` share.</summary>
internal sealed class ListenerAddOptions
{
    public Option<string> Address { get; } = AddressOption();

    public Option<string?> PublicAddress { get; } = new("--public-address")
    {
        Description = "The address clients see, when it differs (behind NAT)",
        HelpName = "IP:PORT",
    };

    public Option<uint?> FrontTimeout { get; } = TimeoutOption("--front-timeout", "Seconds a client connection may stay idle");

    public Option<uint?> BackTimeout { get; } = TimeoutOption("--back-timeout", "Seconds a backend connection may stay idle");

    public Option<uint?> ConnectTimeout { get; } = TimeoutOption("--connect-timeout", "Seconds allowed to connect to a backend");

    public Option<bool> ExpectProxy { get; } = new("--expect-proxy")
    {
        Description = "Expect a PROXY protocol header at the start of each connection",
    };

    public Option<bool> Inactive { get; } = new("--inactive")
    {
        Description = "Only add the listener; do not start accepting yet",
    };

    public static Option<string> AddressOption() =>
        new("--address") { Description = "The listener's IP:PORT", HelpName = "IP:PORT", Required = true };

    public static Option<uint?> TimeoutOption(string name, string description) =>
        new(name) { Description = description, HelpName = "S" };

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(PublicAddress);
        command.Options.Add(FrontTimeout);
        command.Options.Add(BackTimeout);
        command.Options.Add(ConnectTimeout);
        command.Options.Add(ExpectProxy);
        command.Options.Add(Inactive);
    }
}
