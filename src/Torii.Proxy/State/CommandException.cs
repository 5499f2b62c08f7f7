namespace Torii.Proxy.State;

/// <summary>A request that cannot be applied; its message is the FAILURE text sent back.</summary>
public sealed class CommandException(string message) : Exception(message);
