using Torii.Connectors.Applying;

namespace Torii.Connectors.Tests.Applying;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Pauses_double_up_to_the_maximum_each_shortened_by_at_most_a_quarter()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(800));
        double[] nominal = [100, 200, 400, 800, 800, 800];

        foreach (double expected in nominal)
        {
            double pause = backoff.Next().TotalMilliseconds;
            Assert.InRange(pause, expected * 0.75, expected);
        }

        Assert.Equal(6, backoff.Attempts);
    }

    [Fact]
    public void A_reset_starts_again_from_the_initial_pause()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 75, 100);
        Assert.Equal(1, backoff.Attempts);
    }
}
