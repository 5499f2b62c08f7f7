#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, publishes torii (the
# end-to-end tests run that executable), runs every test project, and prints
# how many conformance cases ran, then one closing line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

packages=()
command -v curl >/dev/null 2>&1 || packages+=(curl)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
# HTTP/2 tests: h2load as a load client, Debian's python3 with the h2 library as a frame-level client.
command -v h2load >/dev/null 2>&1 || packages+=(nghttp2-client)
/usr/bin/python3 -c 'import h2' >/dev/null 2>&1 || packages+=(python3-h2)
# Debian's prometheus brings promtool and the server; the tests run a server of their own, never the package's service.
command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
# Debian's rabbitmq-server; the tests start nodes of their own (own name, ports and data), never the package's service.
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || packages+=(rabbitmq-server)
# Debian's chromium, driven by the torii-web browser tests through Playwright (never a downloaded browser).
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
# Debian's PostgreSQL 15 (server, psql, pg_basebackup, pgbench); the tests initdb servers of their own, never the package's cluster.
{ [ -x /usr/lib/postgresql/15/bin/pg_ctl ] && [ -x /usr/lib/postgresql/15/bin/pg_basebackup ]; } || packages+=(postgresql-15 postgresql-client-15)
if ((${#packages[@]})); then
    echo "installing: ${packages[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null
    if [[ " ${packages[*]} " == *" rabbitmq-server "* ]]; then
        $sudo_cmd service rabbitmq-server stop >/dev/null 2>&1 || true
    fi
    if [[ " ${packages[*]} " == *" postgresql-15 "* ]]; then
        $sudo_cmd service postgresql stop >/dev/null 2>&1 || true
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/Torii -c Release -o out/torii -v quiet -nologo
dotnet publish connectors/Torii.Connectors.Pki -c Release -o out/torii-pki -v quiet -nologo
dotnet publish connectors/Torii.Connectors.Prometheus -c Release -o out/torii-prometheus -v quiet -nologo
dotnet publish connectors/Torii.Connectors.RabbitMq -c Release -o out/torii-rabbitmq -v quiet -nologo
dotnet publish connectors/Torii.Connectors.Pulsar -c Release -o out/torii-pulsar -v quiet -nologo
dotnet publish connectors/Torii.Connectors.Web -c Release -o out/torii-web -v quiet -nologo
dotnet build Torii.slnx -c Release -v quiet -nologo

log=$(mktemp)
results=$(mktemp -d)
trap 'rm -rf "$log" "$results"' EXIT
status=0
dotnet test Torii.slnx -c Release --no-build --logger trx --results-directory "$results" 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
tests/conformance-summary.sh "$results" || echo "conformance: could not be counted"
echo "tests: $passed passed, $failed failed$([ "$skipped" -eq 0 ] || echo ", $skipped skipped")"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
