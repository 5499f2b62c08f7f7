#!/usr/bin/env bash
# Turns the JSON messages of this folder into their protobuf form.
#
# The torii CLI has no verb that prints a request as protobuf (its output is text or
# --json), so this script encodes with protoc's Python code generated from the
# repository's own command.proto (Debian: protobuf-compiler, python3-protobuf).
# For each NAME.json it writes, into ./protobuf:
#   NAME.pb     the Request's protobuf bytes: a bus message body as Sōzu's tools send it
#               (no content type, or application/x-protobuf)
#   NAME.frame  the same bytes behind the command socket's 8-byte little-endian length
#
# You rarely need the files: the connectors' publish verbs encode for you:
#   torii-rabbitmq publish --config rabbitmq.toml --protobuf 01-add-cluster.json
#   torii-pulsar   publish --config pulsar.toml   --protobuf 01-add-cluster.json
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
proto_dir="$(cd "$here/../../src/Torii.Protocol" && pwd)"
python=/usr/bin/python3

if ! command -v protoc >/dev/null || ! "$python" -c 'import google.protobuf' 2>/dev/null; then
  echo "make-protobuf.sh needs protoc and Python's protobuf module:" >&2
  echo "  apt-get install protobuf-compiler python3-protobuf" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
protoc --proto_path="$proto_dir" --python_out="$work" "$proto_dir/command.proto"
mkdir -p "$here/protobuf"

PYTHONPATH="$work" "$python" - "$here" <<'PY'
import pathlib, struct, sys
from google.protobuf import json_format
import command_pb2

folder = pathlib.Path(sys.argv[1])
for source in sorted(folder.glob("*.json")):
    request = json_format.Parse(source.read_text(), command_pb2.Request())
    payload = request.SerializeToString()
    frame = struct.pack("<Q", 8 + len(payload)) + payload
    (folder / "protobuf" / (source.stem + ".pb")).write_bytes(payload)
    (folder / "protobuf" / (source.stem + ".frame")).write_bytes(frame)
    print(f"protobuf/{source.stem}.pb  {len(payload):4d} bytes  {request.WhichOneof('request_type')}")
PY
