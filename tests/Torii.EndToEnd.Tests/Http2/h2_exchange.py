#!/usr/bin/env python3
"""Trailers through torii over h2c, driven by the h2 library.

Usage: h2_exchange.py PORT HOST request|response
request:  POST /trailers with a body and a trailer field; the backend echoes the trailer it received.
response: GET /; the backend's chunked response carries a trailer, which must arrive as trailing HEADERS.
Prints "PASS <mode>" and exits 0, or "FAIL <mode>: <why>" and exits 1.
"""
import socket
import sys
import time

import h2.config
import h2.connection
import h2.events


def exchange(port, host, method, path, body=None, trailers=None):
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    stream = conn.get_next_available_stream_id()
    conn.send_headers(stream, [(":method", method), (":scheme", "http"), (":authority", host), (":path", path)], end_stream=body is None)
    if body is not None:
        conn.send_data(stream, body, end_stream=trailers is None)
        if trailers:
            conn.send_headers(stream, trailers, end_stream=True)
    sock.sendall(conn.data_to_send())
    status, data, received_trailers = None, b"", []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            break
        for event in conn.receive_data(chunk):
            if isinstance(event, h2.events.ResponseReceived):
                status = int(dict(event.headers)[b":status"])
            elif isinstance(event, h2.events.DataReceived):
                data += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.TrailersReceived):
                received_trailers = [(name.decode(), value.decode()) for name, value in event.headers]
            elif isinstance(event, h2.events.StreamEnded):
                sock.close()
                return status, data, received_trailers
        sock.sendall(conn.data_to_send())
    sock.close()
    return status, data, received_trailers


def main():
    port, host, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    failure = None
    if mode == "request":
        status, data, _ = exchange(port, host, "POST", "/trailers", b"payload", [("x-sum", "42")])
        if status != 200 or b"x-sum=42" not in data or b"body=payload" not in data:
            failure = f"status {status}, body {data!r}"
    else:
        status, data, trailers = exchange(port, host, "GET", "/with-trailers")
        if status != 200 or data != b"hello" or ("x-checksum", "abc") not in trailers:
            failure = f"status {status}, body {data!r}, trailers {trailers}"
    print(f"FAIL {mode}: {failure}" if failure else f"PASS {mode}")
    return 1 if failure else 0


if __name__ == "__main__":
    sys.exit(main())
