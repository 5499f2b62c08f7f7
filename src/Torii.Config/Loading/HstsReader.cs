using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>An [hsts] table, under an https listener or a frontend, with Sōzu's keys.</summary>
internal static class HstsReader
{
    public const string Key = "hsts";

    private static readonly string[] Keys = ["enabled", "max_age", "include_subdomains", "preload", "force_replace_backend"];

    public static HstsConfig? Read(ConfigSection parent)
    {
        if (!parent.Has(Key))
        {
            return null;
        }

        var section = parent.Table(Key, $"the hsts table of {parent.Description}");
        section.CheckKeys(Keys);
        var config = new HstsConfig
        {
            Enabled = section.Bool("enabled")
                ?? throw new ConfigException(section.Position, $"{section.Description} needs 'enabled' (true to enable HSTS, false to disable an inherited default)"),
        };
        if (section.Integer("max_age", 0, uint.MaxValue) is { } maxAge)
        {
            config.MaxAge = (uint)maxAge;
        }

        if (section.Bool("include_subdomains") is { } includeSubdomains)
        {
            config.IncludeSubdomains = includeSubdomains;
        }

        if (section.Bool("preload") is { } preload)
        {
            config.Preload = preload;
        }

        if (section.Bool("force_replace_backend") is { } force)
        {
            config.ForceReplaceBackend = force;
        }

        return config;
    }
}
