#!/usr/bin/env bash
# Torii in one command: publishes torii and torii-prometheus, starts the proxy on a
# temporary config (127.0.0.1 only, free ports), two backends, routes to them with the
# CLI, sends some traffic, shows what the proxy knows, and stops everything it started.
#
#   examples/demo/run.sh               # publish, then run the demo
#   examples/demo/run.sh --no-publish  # reuse out/torii and out/torii-prometheus
#
# Needs the .NET 10 SDK, python3 and curl.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
publish=1
for arg in "$@"; do
  case "$arg" in
    --no-publish) publish=0 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

for tool in dotnet python3 curl; do
  command -v "$tool" >/dev/null || { echo "the demo needs $tool" >&2; exit 2; }
done

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
show() { printf '$ %s\n' "$*"; "$@"; }

work="$(mktemp -d -t torii-demo.XXXXXX)"
pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -S "$work/torii.sock" ]]; then
    "$root/out/torii/torii" shutdown --hard -c "$work/config.toml" >/dev/null 2>&1 || true
  fi
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits for a command to succeed, up to 30 s.
wait_for() {
  local what=$1; shift
  for _ in $(seq 1 300); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for $what" >&2
  return 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if (( publish )); then
  step "Publishing torii and torii-prometheus into out/"
  (cd "$root" && dotnet publish src/Torii -c Release -o out/torii -nologo -v quiet)
  (cd "$root" && dotnet publish connectors/Torii.Connectors.Prometheus -c Release -o out/torii-prometheus -nologo -v quiet)
fi
torii="$root/out/torii/torii"
exporter="$root/out/torii-prometheus/torii-prometheus"
[[ -x $torii && -x $exporter ]] || { echo "out/torii/torii or out/torii-prometheus is missing: run without --no-publish" >&2; exit 2; }

proxy_port=$(free_port)
backend1_port=$(free_port)
backend2_port=$(free_port)
metrics_port=$(free_port)

step "Starting two backends on 127.0.0.1:$backend1_port and 127.0.0.1:$backend2_port"
for n in 1 2; do
  mkdir -p "$work/backend-$n"
  echo "hello from backend $n" > "$work/backend-$n/index.html"
done
python3 -m http.server "$backend1_port" --bind 127.0.0.1 --directory "$work/backend-1" >"$work/backend-1.log" 2>&1 &
pids+=($!)
python3 -m http.server "$backend2_port" --bind 127.0.0.1 --directory "$work/backend-2" >"$work/backend-2.log" 2>&1 &
pids+=($!)
wait_for "backend 1" curl -sf "http://127.0.0.1:$backend1_port/"
wait_for "backend 2" curl -sf "http://127.0.0.1:$backend2_port/"

step "Starting torii with an HTTP listener on 127.0.0.1:$proxy_port"
cat > "$work/config.toml" <<TOML
command_socket = "torii.sock"
log_level = "info"
access_logs_target = "access.log"

[[listeners]]
protocol = "http"
address = "127.0.0.1:$proxy_port"
TOML
printf '$ %s config check -c %s\n' "$torii" "$work/config.toml"
"$torii" config check -c "$work/config.toml" 2>/dev/null | grep " OK ("
"$torii" start -c "$work/config.toml" >"$work/torii.log" 2>&1 &
pids+=($!)
wait_for "torii" "$torii" status -c "$work/config.toml"

tor() { show "$torii" "$@" -c "$work/config.toml"; }

step "Routing demo.localhost to both backends with the CLI"
tor cluster add --id demo --load-balancing round_robin
tor backend add --id demo --backend-id backend-1 --address "127.0.0.1:$backend1_port"
tor backend add --id demo --backend-id backend-2 --address "127.0.0.1:$backend2_port"
tor frontend http add --address "127.0.0.1:$proxy_port" --hostname demo.localhost --id demo

step "Sending traffic"
for i in 1 2 3 4 5 6; do
  printf 'GET / -> %s' "$(curl -sf -H 'Host: demo.localhost' "http://127.0.0.1:$proxy_port/")"
  echo
done
printf 'unknown host -> HTTP %s\n' "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: nobody.localhost' "http://127.0.0.1:$proxy_port/")"

step "What the proxy knows"
tor cluster list
tor cluster list --id demo
tor frontend list
tor metrics get --name http.requests --name http.status.2xx --name http.404.errors --name request.time

step "torii-prometheus on 127.0.0.1:$metrics_port"
"$exporter" --listen-address "127.0.0.1:$metrics_port" --proxy-config "$work/config.toml" >"$work/torii-prometheus.log" 2>&1 &
pids+=($!)
wait_for "torii-prometheus" curl -sf "http://127.0.0.1:$metrics_port/healthz"
echo "\$ curl -s http://127.0.0.1:$metrics_port/metrics | grep http_requests_total"
curl -sf "http://127.0.0.1:$metrics_port/metrics" | grep '^torii_http_requests_total'

step "Access log (one line per request)"
tail -n 3 "$work/access.log"

step "Stopping"
tor shutdown
wait "${pids[2]}" 2>/dev/null || true
echo "torii stopped; the backends and torii-prometheus are stopped on exit"
