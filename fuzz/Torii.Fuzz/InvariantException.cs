namespace Torii.Fuzz;

/// <summary>A component's own promise broken by some input; afl records it as a crash.</summary>
internal sealed class InvariantException(string message) : Exception(message);
