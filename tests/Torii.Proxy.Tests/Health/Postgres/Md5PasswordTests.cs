using Torii.Proxy.Health.Postgres;

namespace Torii.Proxy.Tests.Health.Postgres;

public sealed class Md5PasswordTests
{
    [Fact]
    public void Answer_is_md5_of_the_hex_md5_of_password_and_user_then_salt()
    {
        // Worked out independently: md5(md5("secret" + "postgres").hexdigest() + bytes 01 02 03 04).
        Assert.Equal("md5bb41a296aab6baccb36ff243a562abff", Md5Password.Compute("postgres", "secret", [1, 2, 3, 4]));
    }

    [Fact]
    public void Salt_changes_the_answer()
    {
        Assert.NotEqual(Md5Password.Compute("postgres", "secret", [1, 2, 3, 4]), Md5Password.Compute("postgres", "secret", [1, 2, 3, 5]));
    }
}
