namespace Torii.Pulsar.Testing;

/// <summary>What a client sent in CONNECT to a <see cref="FakePulsarBroker"/>.</summary>
/// <param name="AuthMethodName">For instance <c>token</c>; null when the client sent none.</param>
/// <param name="AuthData">The credentials as text (the token), null when none were sent.</param>
/// <param name="ProxyToBrokerUrl">Set when the client asked to be forwarded to a broker, as through a Pulsar proxy.</param>
public sealed record FakeConnectRecord(
    string ClientVersion,
    int ProtocolVersion,
    string? AuthMethodName,
    string? AuthData,
    string? ProxyToBrokerUrl);
