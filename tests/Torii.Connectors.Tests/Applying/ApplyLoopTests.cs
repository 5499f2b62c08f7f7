using Google.Protobuf;
using Torii.Client;
using Torii.Connectors.Applying;
using Torii.Connectors.Tests.Fakes;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Applying;

public sealed class ApplyLoopTests
{
    [Fact]
    public async Task Applies_messages_in_order_and_acknowledges_each_after_its_answer()
    {
        await using var run = new LoopRun();
        string[] ids = [.. Enumerable.Range(0, 100).Select(i => $"m{i}")];
        foreach (string id in ids)
        {
            run.Source.Deliver(TestMessages.Protobuf(id));
        }

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == ids.Length, "every message settled");

        Assert.Equal(ids, run.Proxy.Received.Select(TestMessages.BackendIdOf));
        Assert.Equal(ids.Select(id => $"ack:{id}"), run.Source.Settled);
        Assert.Equal(new(100, 100, 0, 0, 0), run.Counters.Snapshot());
    }

    [Fact]
    public async Task Pipelines_requests_up_to_the_window_once_an_answer_proved_the_connection()
    {
        await using var run = new LoopRun(new ApplyLoopOptions { Window = 8 });
        run.Proxy.HoldAnswers = true;
        run.Source.Deliver(TestMessages.Protobuf("first"));
        for (int i = 0; i < 20; i++)
        {
            run.Source.Deliver(TestMessages.Protobuf($"m{i}"));
        }

        // Until an answer arrives nothing proves a connection is open, so the first request goes alone.
        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 1, "the first request sent");
        Assert.Equal(1, run.Proxy.InFlight);
        run.Proxy.ReleaseHeld();

        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 8, "a full window in flight");
        Assert.Equal(8, run.Proxy.InFlight);
        Assert.Equal(["ack:first"], run.Source.Settled);

        run.Proxy.HoldAnswers = false;
        run.Proxy.ReleaseHeld();
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 21, "every message settled");
        Assert.Equal(8, run.Proxy.MaxInFlight);
    }

    [Fact]
    public async Task Sends_one_request_at_a_time_while_no_connection_is_open()
    {
        await using var run = new LoopRun();
        run.Proxy.IsConnected = false;
        run.Proxy.HoldAnswers = true;
        for (int i = 0; i < 5; i++)
        {
            run.Source.Deliver(TestMessages.Protobuf($"m{i}"));
        }

        for (int answered = 0; answered < 5; answered++)
        {
            await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 1, $"request {answered} sent");
            Assert.Equal(answered + 1, run.Proxy.Received.Count);
            run.Proxy.ReleaseHeld();
        }

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 5, "every message settled");
        Assert.Equal(1, run.Proxy.MaxInFlight);
    }

    [Fact]
    public async Task A_refused_request_is_logged_with_its_message_id_counted_and_acknowledged()
    {
        await using var run = new LoopRun();
        run.Proxy.RefuseBackend("bad", "no cluster \"app\"");
        run.Source.Deliver(TestMessages.Protobuf("good-1"));
        run.Source.Deliver(TestMessages.Protobuf("bad"));
        run.Source.Deliver(TestMessages.Protobuf("good-2"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 3, "every message settled");

        Assert.Equal(["ack:good-1", "ack:bad", "ack:good-2"], run.Source.Settled);
        Assert.Equal(new(3, 2, 1, 0, 0), run.Counters.Snapshot());
        Assert.Contains("message bad: the proxy refused add_backend: no cluster \"app\"", run.Log);
    }

    [Fact]
    public async Task A_refused_request_is_dead_lettered_when_configured()
    {
        await using var run = new LoopRun(new ApplyLoopOptions { DeadLetterFailed = true });
        run.Proxy.RefuseBackend("bad", "refused");
        run.Source.Deliver(TestMessages.Protobuf("good-1"));
        run.Source.Deliver(TestMessages.Protobuf("bad"));
        run.Source.Deliver(TestMessages.Protobuf("good-2"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 3, "every message settled");

        Assert.Equal(["ack:good-1", "dead:bad", "ack:good-2"], run.Source.Settled);
        Assert.Equal(new(3, 2, 1, 1, 0), run.Counters.Snapshot());
        Assert.Contains("refused", run.Source.DeadLetterReasons["bad"]);
    }

    [Fact]
    public async Task A_body_that_is_not_a_request_is_dead_lettered_and_the_loop_goes_on()
    {
        await using var run = new LoopRun();
        run.Source.Deliver(TestMessages.Protobuf("before"));
        run.Source.Deliver(TestMessages.Garbage("garbage"));
        run.Source.Deliver(new SourceMessage("bad-json", "{\"add_cluster\": 42}"u8.ToArray(), "application/json"));
        run.Source.Deliver(TestMessages.Protobuf("after"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 4, "every message settled");

        Assert.Equal(["ack:before", "dead:garbage", "dead:bad-json", "ack:after"], run.Source.Settled);
        Assert.Equal(["before", "after"], run.Proxy.Received.Select(TestMessages.BackendIdOf));
        Assert.Equal(new(4, 2, 0, 2, 0), run.Counters.Snapshot());
        Assert.Contains("message garbage is not a Request", run.Log);
        Assert.False(run.Running.IsCompleted);
    }

    [Fact]
    public async Task Json_messages_are_applied_like_protobuf_ones()
    {
        await using var run = new LoopRun();
        run.Source.Deliver(TestMessages.Json("json"));
        run.Source.Deliver(TestMessages.Protobuf("protobuf"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 2, "both settled");

        Assert.Equal(["json", "protobuf"], run.Proxy.Received.Select(TestMessages.BackendIdOf));
    }

    [Fact]
    public async Task While_the_proxy_is_unreachable_nothing_is_acknowledged_no_message_is_taken_and_the_same_one_is_retried()
    {
        await using var run = new LoopRun(new ApplyLoopOptions { Window = 4, RetryInitial = TimeSpan.FromMilliseconds(1), RetryMax = TimeSpan.FromMilliseconds(5) }, start: false);
        run.Proxy.Unreachable = true;
        for (int i = 0; i < 10; i++)
        {
            run.Source.Deliver(TestMessages.Protobuf($"m{i}"));
        }

        // Every message is there when the loop starts: it takes its window of 4 at once (a loop started first could take
        // fewer, whatever had arrived when it first read), then nothing more while it retries the first one.
        run.Start();
        await Eventually.HoldsAsync(() => run.Source.Waiting == 6, "the window of 4 taken");
        var attempts = run.Proxy.Attempts;
        await Eventually.HoldsAsync(() => run.Proxy.Attempts >= attempts + 5, "several more attempts");

        Assert.Empty(run.Source.Settled);
        Assert.Equal(6, run.Source.Waiting);
        Assert.True(run.Counters.Retried >= 4, $"retried {run.Counters.Retried}");
        Assert.Contains("cannot apply message m0", run.Log);

        run.Proxy.Unreachable = false;
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 10, "every message settled once the proxy is back");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), run.Proxy.Received.Select(TestMessages.BackendIdOf));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"ack:m{i}"), run.Source.Settled);
        Assert.Equal(10, run.Counters.Applied);
    }

    [Fact]
    public async Task A_timeout_is_retried_like_an_unreachable_proxy()
    {
        await using var run = new LoopRun();
        int timeouts = 2;
        run.Proxy.FailWith = _ => Interlocked.Decrement(ref timeouts) >= 0 ? new TimeoutException("no answer within 10 s") : null;
        run.Source.Deliver(TestMessages.Protobuf("m0"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 1, "settled after the timeouts");

        Assert.Equal(["ack:m0"], run.Source.Settled);
        Assert.Equal(2, run.Counters.Retried);
    }

    [Fact]
    public async Task After_a_broken_connection_every_request_from_the_first_unanswered_one_is_sent_again_in_order()
    {
        await using var run = new LoopRun();
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 1, "m0 settled");

        run.Proxy.HoldAnswers = true;
        for (int i = 1; i <= 4; i++)
        {
            run.Source.Deliver(TestMessages.Protobuf($"m{i}"));
        }

        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 4, "m1..m4 in flight");
        run.Proxy.HoldAnswers = false;
        run.Proxy.BreakHeld();

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 5, "every message settled");
        Assert.Equal(["m0", "m1", "m2", "m3", "m4", "m1", "m2", "m3", "m4"], run.Proxy.Received.Select(TestMessages.BackendIdOf));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"ack:m{i}"), run.Source.Settled);
        Assert.Equal(4, run.Counters.Retried);
    }

    [Fact]
    public async Task When_one_request_fails_those_sent_after_it_and_still_waiting_are_canceled_then_sent_again_in_order()
    {
        await using var run = new LoopRun();
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 1, "m0 settled");

        run.Proxy.HoldAnswers = true;
        for (int i = 1; i <= 3; i++)
        {
            run.Source.Deliver(TestMessages.Protobuf($"m{i}"));
        }

        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 3, "m1..m3 in flight");
        run.Proxy.HoldAnswers = false;
        run.Proxy.BreakFirstHeld();

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 4, "every message settled");
        Assert.Equal(2, run.Proxy.Canceled);
        Assert.Equal(["m0", "m1", "m2", "m3", "m1", "m2", "m3"], run.Proxy.Received.Select(TestMessages.BackendIdOf));
    }

    [Fact]
    public async Task Requests_answered_after_an_earlier_one_failed_are_sent_again_so_the_proxy_sees_them_last_in_order()
    {
        await using var run = new LoopRun();
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 1, "m0 settled");

        // m2, sent after m1, is answered OK while m1 is still in flight; then m1 fails. Both are in flight before
        // either ends: delivered one by one to a loop that sends at once, m1 could fail before m2 was even sent.
        run.Proxy.HoldAnswers = true;
        run.Source.Deliver(TestMessages.Protobuf("m1"));
        run.Source.Deliver(TestMessages.Protobuf("m2"));
        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 2, "m1 and m2 in flight");
        run.Proxy.HoldAnswers = false;
        run.Proxy.ReleaseLastHeld();
        run.Proxy.BreakFirstHeld();

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 3, "every message settled");
        Assert.Equal(["m0", "m1", "m2", "m1", "m2"], run.Proxy.Received.Select(TestMessages.BackendIdOf));
        Assert.Equal(["ack:m0", "ack:m1", "ack:m2"], run.Source.Settled);
    }

    [Fact]
    public async Task A_message_whose_broker_connection_closed_before_it_was_sent_is_dropped_without_acknowledgement()
    {
        await using var run = new LoopRun();
        run.Proxy.Unreachable = true;
        var lost = new StaleableMessage("lost", TestMessages.AddBackend("lost").ToByteArray());
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        run.Source.Deliver(lost);
        await Eventually.HoldsAsync(() => run.Proxy.Attempts >= 2, "the proxy tried");

        lost.Lost = true;
        run.Proxy.Unreachable = false;
        run.Source.Deliver(TestMessages.Protobuf("m1"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 2, "the others settled");
        Assert.Equal(["ack:m0", "ack:m1"], run.Source.Settled);
        Assert.Equal(["m0", "m1"], run.Proxy.Received.Select(TestMessages.BackendIdOf));
    }

    [Fact]
    public async Task A_failed_acknowledgement_is_logged_and_the_loop_goes_on()
    {
        await using var run = new LoopRun();
        run.Source.FailAcknowledgements = true;
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        await Eventually.HoldsAsync(() => run.Source.AcknowledgeCalls == 1, "an acknowledgement tried");

        run.Source.FailAcknowledgements = false;
        run.Source.Deliver(TestMessages.Protobuf("m1"));
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 1, "m1 acknowledged");

        Assert.Equal(["ack:m1"], run.Source.Settled);
        Assert.Contains("could not acknowledge 1 messages up to m0", run.Log);
        Assert.Equal(2, run.Counters.Applied);
    }

    [Fact]
    public async Task Ends_when_the_source_completes_and_everything_taken_is_settled()
    {
        await using var run = new LoopRun();
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        run.Source.Deliver(TestMessages.Protobuf("m1"));
        run.Source.Complete();

        await run.Running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["ack:m0", "ack:m1"], run.Source.Settled);
    }

    [Fact]
    public async Task A_stop_leaves_unanswered_messages_unsettled_for_the_broker_to_deliver_again()
    {
        var run = new LoopRun();
        run.Proxy.HoldAnswers = true;
        run.Source.Deliver(TestMessages.Protobuf("m0"));
        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 1, "m0 sent");

        await run.DisposeAsync();

        Assert.Empty(run.Source.Settled);
        Assert.Equal(1, run.Loop.Unsettled);
    }
}
