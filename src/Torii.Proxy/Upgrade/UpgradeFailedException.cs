namespace Torii.Proxy.Upgrade;

/// <summary>The new process did not take over; the message says why.</summary>
public sealed class UpgradeFailedException(string message) : Exception(message);
