using Torii.Protocol;
using Torii.Proxy.Health;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.Health;

/// <summary>The password is read from its file when the check is built, and never appears in a failure.</summary>
public sealed class HealthCheckSecretsTests
{
    [Fact]
    public void The_password_file_is_read_without_its_trailing_line_break()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "s3cret-value\n");

            Assert.Equal("s3cret-value", HealthCheckSecrets.ReadPassword(new HealthCheckConfig { PasswordFile = file }));
            Assert.Equal("inline", HealthCheckSecrets.ReadPassword(new HealthCheckConfig { Password = "inline" }));
            Assert.Null(HealthCheckSecrets.ReadPassword(new HealthCheckConfig()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_file_is_named_with_the_reason()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"torii-no-such-{Guid.NewGuid():N}");

        var error = Assert.Throws<CommandException>(() => HealthCheckSecrets.ReadPassword(new HealthCheckConfig { PasswordFile = missing }));

        Assert.Equal($"health check password_file {missing}: cannot read it (the file does not exist)", error.Message);
    }
}
