namespace Torii.Config;

/// <summary>A loaded config.toml: its settings and the requests that build the initial state, in apply order.</summary>
public sealed record ToriiConfig(
    string ConfigPath,
    ProxySettings Settings,
    IReadOnlyList<ConfigRequest> Requests,
    IReadOnlyList<ConfigWarning> Warnings);
