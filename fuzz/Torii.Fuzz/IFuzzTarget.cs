namespace Torii.Fuzz;

/// <summary>
/// One component under fuzzing. <see cref="Run"/> returns normally when the component handled
/// the input as documented (accepted it, or refused it with its own error type) and throws
/// otherwise: an unexpected exception escapes, and a broken invariant throws <see cref="InvariantException"/>.
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    void Run(byte[] input);
}
