using Torii.Connectors.Web.Security;

namespace Torii.Connectors.Web.Tests.Security;

public sealed class LoginThrottleTests
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Five_failures_block_the_address_and_the_user_until_a_minute_has_passed()
    {
        var throttle = new LoginThrottle(_time);
        for (int i = 0; i < LoginThrottle.Limit - 1; i++)
        {
            throttle.RecordFailure("10.0.0.1", "admin");
        }

        Assert.False(throttle.IsBlocked("10.0.0.1", "admin"));
        throttle.RecordFailure("10.0.0.1", "admin");
        Assert.True(throttle.IsBlocked("10.0.0.1", "admin"));
        Assert.True(throttle.IsBlocked("10.0.0.2", "admin"), "another address guessing the same user");
        Assert.True(throttle.IsBlocked("10.0.0.1", "other"), "the same address guessing another user");
        Assert.False(throttle.IsBlocked("10.0.0.2", "other"));

        _time.Advance(LoginThrottle.Window - TimeSpan.FromSeconds(1));
        Assert.True(throttle.IsBlocked("10.0.0.1", "admin"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsBlocked("10.0.0.1", "admin"));
    }

    [Fact]
    public void Failures_spread_over_more_than_a_minute_do_not_add_up()
    {
        var throttle = new LoginThrottle(_time);
        for (int i = 0; i < 10; i++)
        {
            throttle.RecordFailure("10.0.0.1", "admin");
            _time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.False(throttle.IsBlocked("10.0.0.1", "admin"));
    }
}
