namespace Torii.Cli;

/// <summary>What the `torii` process returns; System.CommandLine keeps its own code for usage errors.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The proxy answered FAILURE, or the command line was refused before sending.</summary>
    public const int Failure = 1;

    /// <summary>The proxy could not be reached or did not answer in time.</summary>
    public const int Unreachable = 2;
}
