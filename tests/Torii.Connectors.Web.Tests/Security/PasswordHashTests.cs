using Torii.Connectors.Web.Security;

namespace Torii.Connectors.Web.Tests.Security;

public sealed class PasswordHashTests
{
    [Fact]
    public void The_right_secret_verifies_and_any_other_does_not()
    {
        string stored = PasswordHash.Create("correct horse", 1000);
        Assert.True(PasswordHash.Verify("correct horse", stored));
        Assert.False(PasswordHash.Verify("correct hors", stored));
        Assert.False(PasswordHash.Verify("", stored));
    }

    [Fact]
    public void Each_hash_has_its_own_salt_and_carries_its_scheme_and_iterations()
    {
        string first = PasswordHash.Create("same", 1000);
        string second = PasswordHash.Create("same", 1000);
        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$1000$", first, StringComparison.Ordinal);
        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.DefaultIterations}$", PasswordHash.Create("x"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("md5$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void A_malformed_stored_value_is_refused_and_never_matches(string stored)
    {
        Assert.False(PasswordHash.IsWellFormed(stored));
        Assert.False(PasswordHash.Verify("", stored));
    }
}
