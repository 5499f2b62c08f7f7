using Torii.Protocol;
using Torii.Proxy.Health.Postgres;
using Torii.Proxy.State;

namespace Torii.Proxy.Health;

/// <summary>Builds the probe for a check's kind, once per set_health_check; a probe that cannot be built fails the request.</summary>
public static class HealthProbeFactory
{
    /// <exception cref="CommandException">The kind is not available, or its settings cannot be used (e.g. an unreadable password file).</exception>
    public static IHealthProbe Create(HealthCheckConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Kind switch
        {
            HealthCheckKind.HealthCheckHttp => new HttpHealthProbe(config.HasMethod ? config.Method : "GET", config.Uri, config.HasHost ? config.Host : null, config.ExpectedStatus),
            HealthCheckKind.HealthCheckTcp => new TcpHealthProbe(),
            HealthCheckKind.HealthCheckPostgresql => new PostgresHealthProbe(PostgresSettingsOf(config)),
            _ => throw new CommandException($"unknown health check kind {(int)config.Kind}"),
        };
    }

    private static PostgresCheckSettings PostgresSettingsOf(HealthCheckConfig config) => new(
        config.User,
        config.HasDatabase ? config.Database : null,
        HealthCheckSecrets.ReadPassword(config),
        config.Role switch
        {
            PostgresRole.Primary => PostgresRoleRequirement.Primary,
            PostgresRole.Standby => PostgresRoleRequirement.Standby,
            _ => PostgresRoleRequirement.Any,
        });
}
