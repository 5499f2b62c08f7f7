namespace Torii.Proxy.Command;

/// <summary>
/// A request reached a process that has handed its state to a new one: it is not applied and not
/// answered; the connection is closed so that the client sends it again to the new process.
/// </summary>
public sealed class HandedOverException() : Exception("this process handed its state to a new process");
