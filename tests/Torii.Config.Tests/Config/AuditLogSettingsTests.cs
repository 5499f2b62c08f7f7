namespace Torii.Config.Tests.Config;

/// <summary>audit_logs_target (Sōzu 2.0's key): absent or "off" means no audit log; a relative file is the config folder's.</summary>
public sealed class AuditLogSettingsTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_the_key_there_is_no_audit_log() => Assert.Null(_folder.Load("").Settings.AuditLogsTarget);

    [Theory]
    [InlineData("off")]
    [InlineData("none")]
    public void Off_and_none_mean_no_audit_log(string value) =>
        Assert.Null(_folder.Load($"audit_logs_target = \"{value}\"").Settings.AuditLogsTarget);

    [Fact]
    public void A_relative_file_resolves_against_the_config_folder_and_stdout_stays_as_written()
    {
        Assert.Equal(Path.Combine(_folder.Root, "logs", "audit.log"), _folder.Load("audit_logs_target = \"logs/audit.log\"").Settings.AuditLogsTarget);
        Assert.Equal("stdout", _folder.Load("audit_logs_target = \"stdout\"").Settings.AuditLogsTarget);
    }
}
