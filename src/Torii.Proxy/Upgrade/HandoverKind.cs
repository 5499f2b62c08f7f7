namespace Torii.Proxy.Upgrade;

/// <summary>What a descriptor handed to the new process is.</summary>
public enum HandoverKind
{
    /// <summary>A listening TCP socket; the entry's name is its address.</summary>
    Listener,

    /// <summary>The listening command socket.</summary>
    Command,

    /// <summary>Where the old process wrote its log; the entry's name is the descriptor it replaces (1 or 2).</summary>
    Output,
}
