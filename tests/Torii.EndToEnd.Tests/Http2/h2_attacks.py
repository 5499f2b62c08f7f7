#!/usr/bin/env python3
"""Frame-level HTTP/2 checks against a running torii, one scenario per run.

Usage: h2_attacks.py PORT HOST SCENARIO
Each scenario misbehaves the way its name says on one connection, checks the frame the
RFC (or the defence) calls for, then checks that a fresh connection is still served.
Prints "PASS <scenario>" and exits 0, or prints "FAIL <scenario>: <why>" and exits 1.
Frames are built with hyperframe and hpack (the h2 project's own libraries) so that
malformed frames can be sent; the healthy connection uses the h2 state machine itself.
"""
import socket
import struct
import sys
import time

import h2.config
import h2.connection
import h2.events
from hpack import Encoder
from hyperframe.frame import Frame

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE, PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = range(10)
END_STREAM, ACK, END_HEADERS = 0x1, 0x1, 0x4

NO_ERROR, PROTOCOL_ERROR, FLOW_CONTROL_ERROR, STREAM_CLOSED, FRAME_SIZE_ERROR = 0x0, 0x1, 0x3, 0x5, 0x6
REFUSED_STREAM, CANCEL, COMPRESSION_ERROR, ENHANCE_YOUR_CALM = 0x7, 0x8, 0x9, 0xB


def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


class Raw:
    """A client connection that sends whatever bytes it is told to and reads frames back."""

    def __init__(self, port, host, settings=b""):
        self.host = host
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.encoder = Encoder()
        self.buffer = b""
        self.send(PREFACE + frame(SETTINGS, 0, 0, settings))

    def send(self, data):
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def request_headers(self, path="/", method="GET", extra=()):
        return [(":method", method), (":scheme", "http"), (":authority", self.host), (":path", path), *extra]

    def headers(self, stream, headers=None, flags=END_STREAM | END_HEADERS):
        return frame(HEADERS, flags, stream, self.encoder.encode(headers or self.request_headers()))

    def next_frame(self, deadline):
        while len(self.buffer) < 9 or len(self.buffer) < 9 + int.from_bytes(self.buffer[:3], "big"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            except OSError:
                return "closed"
            if not chunk:
                return "closed"
            self.buffer += chunk
        length = int.from_bytes(self.buffer[:3], "big")
        kind, flags = self.buffer[3], self.buffer[4]
        stream = int.from_bytes(self.buffer[5:9], "big") & 0x7FFFFFFF
        payload = self.buffer[9:9 + length]
        self.buffer = self.buffer[9 + length:]
        return kind, flags, stream, payload

    def wait_for(self, match, timeout=10):
        """The first frame for which match(kind, flags, stream, payload) holds; None on timeout or close."""
        deadline = time.monotonic() + timeout
        while True:
            got = self.next_frame(deadline)
            if got is None or got == "closed":
                return None
            if match(*got):
                return got

    def goaway_code(self, timeout=10):
        got = self.wait_for(lambda kind, *_: kind == GOAWAY, timeout)
        return None if got is None else struct.unpack(">II", got[3][:8])[1]

    def rst_code(self, stream, timeout=10):
        got = self.wait_for(lambda kind, flags, sid, _: kind in (RST_STREAM, GOAWAY) and (kind == GOAWAY or sid == stream), timeout)
        if got is None:
            return None
        if got[0] == GOAWAY:
            return ("goaway", struct.unpack(">II", got[3][:8])[1])
        return struct.unpack(">I", got[3])[0]

    def closed(self, timeout=5):
        deadline = time.monotonic() + timeout
        while True:
            got = self.next_frame(deadline)
            if got == "closed":
                return True
            if got is None:
                return False


def served(port, host):
    """A well-behaved request on a new connection, driven by the h2 library: its status, or None."""
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        stream = conn.get_next_available_stream_id()
        conn.send_headers(stream, [(":method", "GET"), (":scheme", "http"), (":authority", host), (":path", "/")], end_stream=True)
        sock.sendall(conn.data_to_send())
        status = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            data = sock.recv(65536)
            if not data:
                return status
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.ResponseReceived):
                    status = int(dict(event.headers)[b":status"])
                if isinstance(event, h2.events.StreamEnded):
                    return status
            sock.sendall(conn.data_to_send())
        return status
    finally:
        sock.close()


def expect_goaway(raw, code, what):
    got = raw.goaway_code()
    if got != code:
        return f"{what}: expected GOAWAY {code:#x}, got {got if got is None else hex(got)}"
    return None


def rapid_reset(raw):
    # Open a stream and cancel it at once, far past h2_max_rst_stream_per_window.
    for index in range(300):
        stream = 1 + 2 * index
        if not raw.send(raw.headers(stream, flags=END_HEADERS) + frame(RST_STREAM, 0, stream, struct.pack(">I", CANCEL))):
            break
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "rapid reset")


def made_you_reset(raw):
    # Each stream breaks a rule the server must answer with RST_STREAM: WINDOW_UPDATE of 0 on it.
    for index in range(300):
        stream = 1 + 2 * index
        if not raw.send(raw.headers(stream, flags=END_HEADERS) + frame(WINDOW_UPDATE, 0, stream, struct.pack(">I", 0))):
            break
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "server-side resets")


def ping_flood(raw):
    raw.send(b"".join(frame(PING, 0, 0, struct.pack(">Q", i)) for i in range(1000)))
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "ping flood")


def ping_burst(raw):
    # 50 pings: above a listener's h2_max_ping_per_window of 5, well under the default 100.
    raw.send(b"".join(frame(PING, 0, 0, struct.pack(">Q", i)) for i in range(50)))
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "ping burst")


def ping_burst_tolerated(raw):
    raw.send(b"".join(frame(PING, 0, 0, struct.pack(">Q", i)) for i in range(50)))
    acks = 0
    while acks < 50:
        got = raw.wait_for(lambda kind, flags, *_: kind in (PING, GOAWAY))
        if got is None or got[0] == GOAWAY:
            return f"only {acks} PING ACKs before {'GOAWAY' if got else 'silence'}"
        acks += 1
    return None


def settings_flood(raw):
    raw.send(b"".join(frame(SETTINGS, 0, 0, b"") for _ in range(500)))
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "settings flood")


def empty_data_flood(raw):
    raw.send(raw.headers(1, raw.request_headers("/", "POST"), flags=END_HEADERS) + b"".join(frame(DATA, 0, 1) for _ in range(1000)))
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "empty DATA flood")


def window_update_flood(raw):
    raw.send(b"".join(frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", 1)) for _ in range(1000)))
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "stream-0 WINDOW_UPDATE flood")


def continuation_flood(raw):
    block = raw.encoder.encode(raw.request_headers())
    flood = frame(HEADERS, 0, 1, block) + b"".join(frame(CONTINUATION, 0, 1, raw.encoder.encode([("x-pad", "a")])) for _ in range(500))
    raw.send(flood)
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "CONTINUATION flood")


def hpack_bomb(raw):
    # One large entry enters the dynamic table, then one-octet references to it expand past the header list limit.
    first = raw.encoder.encode(raw.request_headers() + [("x-bomb", "b" * 3000)])
    bomb = raw.encoder.encode(raw.request_headers() + [("x-bomb", "b" * 3000)] * 100)
    raw.send(frame(HEADERS, END_STREAM | END_HEADERS, 1, first) + frame(HEADERS, END_STREAM | END_HEADERS, 3, bomb))
    if len(bomb) > 16384:
        return f"the bomb block is {len(bomb)} octets; indexing did not shrink it"
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "HPACK bomb")


def too_many_fields(raw):
    fields = raw.request_headers() + [(f"x-f{i}", "v") for i in range(300)]
    raw.send(raw.headers(1, fields))
    return expect_goaway(raw, ENHANCE_YOUR_CALM, "header field count")


def concurrent_streams(raw):
    # Requests with bodies that never come: each stream stays open. SETTINGS_MAX_CONCURRENT_STREAMS is 100.
    headers = raw.request_headers("/", "POST")
    raw.send(b"".join(raw.headers(1 + 2 * i, headers, flags=END_HEADERS) for i in range(101)))
    code = raw.rst_code(201)
    if code != REFUSED_STREAM:
        return f"stream 201 of 101 open: expected RST_STREAM REFUSED_STREAM, got {code}"
    return None


def data_on_stream_zero(raw):
    raw.send(frame(DATA, 0, 0, b"x"))
    return expect_goaway(raw, PROTOCOL_ERROR, "DATA on stream 0")


def headers_on_stream_zero(raw):
    raw.send(raw.headers(0))
    return expect_goaway(raw, PROTOCOL_ERROR, "HEADERS on stream 0")


def ping_bad_length(raw):
    raw.send(frame(PING, 0, 0, b"1234567"))
    return expect_goaway(raw, FRAME_SIZE_ERROR, "PING of 7 octets")


def settings_bad_length(raw):
    raw.send(frame(SETTINGS, 0, 0, b"12345"))
    return expect_goaway(raw, FRAME_SIZE_ERROR, "SETTINGS of 5 octets")


def frame_too_large(raw):
    raw.send(frame(DATA, 0, 1, b"x" * 20000))
    return expect_goaway(raw, FRAME_SIZE_ERROR, "DATA above SETTINGS_MAX_FRAME_SIZE")


def window_update_zero_connection(raw):
    raw.send(frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", 0)))
    return expect_goaway(raw, PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on stream 0")


def interleaved_header_block(raw):
    block = raw.encoder.encode(raw.request_headers())
    raw.send(frame(HEADERS, END_STREAM, 1, block[:4]) + frame(PING, 0, 0, b"\0" * 8) + frame(CONTINUATION, END_HEADERS, 1, block[4:]))
    return expect_goaway(raw, PROTOCOL_ERROR, "PING inside a header block")


def bad_hpack(raw):
    # An indexed field with index 0 (RFC 7541 §6.1).
    raw.send(frame(HEADERS, END_STREAM | END_HEADERS, 1, b"\x80"))
    return expect_goaway(raw, COMPRESSION_ERROR, "HPACK index 0")


def data_on_closed_stream(raw):
    raw.send(raw.headers(1))
    if raw.wait_for(lambda kind, flags, sid, _: sid == 1 and flags & END_STREAM) is None:
        return "the first request got no complete response"
    raw.send(frame(DATA, 0, 1, b"late"))
    code = raw.rst_code(1)
    if code != STREAM_CLOSED:
        return f"DATA on a closed stream: expected RST_STREAM STREAM_CLOSED, got {code}"
    return None


def uppercase_header(raw):
    raw.send(raw.headers(1, raw.request_headers() + [("X-Upper", "1")]))
    code = raw.rst_code(1)
    if code != PROTOCOL_ERROR:
        return f"uppercase field name: expected RST_STREAM PROTOCOL_ERROR, got {code}"
    # The connection itself carries on.
    raw.send(raw.headers(3))
    if raw.wait_for(lambda kind, flags, sid, _: kind == HEADERS and sid == 3) is None:
        return "the connection stopped serving after a stream error"
    return None


def connection_header(raw):
    raw.send(raw.headers(1, raw.request_headers() + [("connection", "keep-alive")]))
    code = raw.rst_code(1)
    if code != PROTOCOL_ERROR:
        return f"connection-specific field: expected RST_STREAM PROTOCOL_ERROR, got {code}"
    return None


def window_stall(raw):
    # SETTINGS_INITIAL_WINDOW_SIZE = 0: the response can never be sent; the stall timeout resets the stream.
    raw.send(raw.headers(1, raw.request_headers("/big")))
    code = raw.rst_code(1, timeout=20)
    if code != CANCEL:
        return f"window stall: expected RST_STREAM CANCEL, got {code}"
    return None


def graceful_stop(raw):
    # A slow request in flight when torii is told to stop: GOAWAY(NO_ERROR) first, the response
    # still completes on the stream, then the connection closes.
    raw.send(raw.headers(1, raw.request_headers("/slow?ms=6000")))
    code = raw.goaway_code(timeout=30)
    if code != NO_ERROR:
        return f"expected GOAWAY NO_ERROR on soft stop, got {code}"
    if raw.wait_for(lambda kind, flags, sid, _: sid == 1 and flags & END_STREAM, timeout=20) is None:
        return "the request in flight did not complete after GOAWAY"
    if not raw.closed(timeout=20):
        return "the connection stayed open after its last stream"
    return None


SCENARIOS = {name: function for name, function in list(globals().items()) if callable(function) and function.__module__ == "__main__"
             and name not in ("frame", "served", "expect_goaway", "main", "Raw")}
SETTINGS_FOR = {"window_stall": struct.pack(">HI", 0x4, 0)}


def main():
    port, host, scenario = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    raw = Raw(port, host, SETTINGS_FOR.get(scenario, b""))
    try:
        failure = SCENARIOS[scenario](raw)
    finally:
        raw.sock.close()
    if failure is None and scenario != "graceful_stop":
        status = served(port, host)
        if status != 200:
            failure = f"a new connection was not served afterwards (status {status})"
    print(f"FAIL {scenario}: {failure}" if failure else f"PASS {scenario}")
    return 1 if failure else 0


if __name__ == "__main__":
    sys.exit(main())
