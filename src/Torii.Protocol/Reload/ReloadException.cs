namespace Torii.Protocol;

/// <summary>A new config that cannot be applied to the running state; nothing was changed.</summary>
public sealed class ReloadException(string message) : Exception(message);
