namespace Torii.Proxy.Connections;

/// <summary>Which timeout a connection is waiting under; it decides the answer when it expires.</summary>
public enum TimeoutKind
{
    None,

    /// <summary>A keep-alive client between two requests: close quietly, and at once on a soft stop.</summary>
    Idle,

    /// <summary>A tunnel or TCP connection moving no byte: close quietly.</summary>
    Front,

    /// <summary>A client slow to send its request: 408.</summary>
    Request,

    /// <summary>A backend slow to answer: 504.</summary>
    Back,
}
