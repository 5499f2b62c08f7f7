namespace Torii.Cli;

/// <summary>
/// A command line that parses but cannot be sent (a bad address, a weight out of range,
/// options that exclude each other). Caught before anything reaches the proxy.
/// </summary>
internal sealed class CommandLineException(string message) : Exception(message);
