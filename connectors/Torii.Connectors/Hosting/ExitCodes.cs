namespace Torii.Connectors.Hosting;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The connector ran but could not do its work (the broker refused it, a publish failed).</summary>
    public const int Failed = 1;

    /// <summary>The settings or flags are wrong.</summary>
    public const int BadSettings = 2;
}
