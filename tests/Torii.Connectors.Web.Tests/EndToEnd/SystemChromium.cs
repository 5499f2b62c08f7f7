using Microsoft.Playwright;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>Debian's chromium (installed by test.sh), headless, driven by Playwright; Playwright never downloads a browser here.</summary>
public static class SystemChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: ./test.sh installs Debian's chromium");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Chromium refuses to start its sandbox as root (CI containers run as root).
            Args = RunningAsRoot() ? ["--no-sandbox"] : [],
        });
    }

    private static bool RunningAsRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            ?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
}
