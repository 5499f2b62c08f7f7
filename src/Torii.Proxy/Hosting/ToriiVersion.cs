using System.Reflection;

namespace Torii.Proxy.Hosting;

/// <summary>The version this build reports (the informational version it was built with), so an upgrade is visible.</summary>
public static class ToriiVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(ToriiVersion).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}
