using Torii.Proxy.Http2;
using Torii.Proxy.Http2.Defences;
using Torii.Proxy.Http2.Streams;

namespace Torii.Proxy.Tests.Http2;

/// <summary>Flow-control windows (RFC 9113 §6.9), the stream state machine (§5.1) and the flood counters.</summary>
public sealed class FlowControlAndStateTests
{
    [Fact]
    public void A_window_grants_no_more_than_it_has_and_refuses_to_pass_two_to_the_31st()
    {
        var window = new FlowWindow(FlowWindow.DefaultInitialSize);
        Assert.Equal(65_535, window.Take(100_000));
        Assert.Equal(0, window.Take(1));
        Assert.True(window.TryGrow(10));
        Assert.Equal(10, window.Take(16_384));
        Assert.True(window.TryGrow(int.MaxValue));
        Assert.False(window.TryGrow(1));
    }

    [Fact]
    public void A_smaller_initial_window_can_make_a_stream_window_negative_until_updates_arrive()
    {
        var window = new FlowWindow(65_535);
        window.Take(60_000);
        Assert.True(window.TryAdjust(16_384 - 65_535));
        Assert.True(window.Available < 0);
        Assert.Equal(0, window.Take(1));
        Assert.True(window.TryGrow(50_000));
        Assert.Equal(50_000 - 43_616, window.Take(100_000));
    }

    [Fact]
    public void Received_data_beyond_the_window_is_refused()
    {
        var window = new FlowWindow(100);
        Assert.True(window.TryConsume(100));
        Assert.False(window.TryConsume(1));
    }

    [Fact]
    public void A_request_stream_goes_open_half_closed_closed()
    {
        var state = StreamStateMachine.OnHeadersReceived(StreamState.Idle, endStream: false, 1);
        Assert.Equal(StreamState.Open, state);
        state = StreamStateMachine.OnDataReceived(state, endStream: true, 1);
        Assert.Equal(StreamState.HalfClosedRemote, state);
        Assert.False(StreamStateMachine.CanReceive(state));
        Assert.Equal(StreamState.Closed, StreamStateMachine.OnEndStreamSent(state));

        Assert.Equal(StreamState.HalfClosedLocal, StreamStateMachine.OnEndStreamSent(StreamState.Open));
        Assert.Equal(StreamState.Closed, StreamStateMachine.OnDataReceived(StreamState.HalfClosedLocal, endStream: true, 1));
        Assert.Equal(StreamState.Closed, StreamStateMachine.OnReset(StreamState.Open));
    }

    [Fact]
    public void Frames_in_the_wrong_state_are_the_rfc_errors()
    {
        Assert.Equal(Http2ErrorCode.StreamClosed, Assert.Throws<Http2StreamException>(() => StreamStateMachine.OnDataReceived(StreamState.HalfClosedRemote, false, 3)).Code);
        Assert.Equal(Http2ErrorCode.StreamClosed, Assert.Throws<Http2StreamException>(() => StreamStateMachine.OnDataReceived(StreamState.Closed, false, 3)).Code);
        Assert.Equal(Http2ErrorCode.ProtocolError, Assert.Throws<Http2ConnectionException>(() => StreamStateMachine.OnDataReceived(StreamState.Idle, false, 3)).Code);
        Assert.Equal(Http2ErrorCode.ProtocolError, Assert.Throws<Http2StreamException>(() => StreamStateMachine.OnHeadersReceived(StreamState.Open, endStream: false, 3)).Code);
        Assert.Equal(Http2ErrorCode.StreamClosed, Assert.Throws<Http2StreamException>(() => StreamStateMachine.OnHeadersReceived(StreamState.Closed, endStream: true, 3)).Code);
    }

    [Fact]
    public void A_flood_counter_trips_past_its_limit_and_halves_each_second()
    {
        var counter = new FloodCounter(3);
        Assert.False(counter.Exceeded(0));
        Assert.False(counter.Exceeded(10));
        Assert.False(counter.Exceeded(20));
        Assert.True(counter.Exceeded(30));

        // One second later the count of 4 has halved to 2: one more fits, the second trips.
        Assert.False(counter.Exceeded(1_000));
        Assert.True(counter.Exceeded(1_001));

        // After a long quiet the count has decayed to nothing.
        Assert.False(counter.Exceeded(60_000));
    }
}
