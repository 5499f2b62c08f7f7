#!/usr/bin/env bash
# Torii vs HAProxy vs nginx vs YARP, side by side on loopback (issues 6 and 14).
#
#   bench/run.sh            full run: 10 s per run, 3 rounds, 15 s warm-up of the .NET proxies per scenario
#                           (~35 min on a quiet 2-CPU machine; each run waits up to 20 s more for quiet)
#   bench/run.sh --quick    3 s per run, 1 round, short warm-ups, at most 5 s of waiting (~10 min), to try it
#
# Installs what is missing (haproxy, nginx + stream module, wrk, h2load, curl, openssl, postgresql),
# publishes torii, the bench helper and the YARP proxy (bench/Yarp), starts a backend nginx and the four
# proxies on free loopback ports (configs generated from bench/templates/ into a temporary folder), runs
# every scenario against every proxy, alternating, and prints one Markdown table, also written to
# bench/results/latest.md. Scenario (p) runs pgbench against a throwaway PostgreSQL cluster through the
# TCP listeners of torii, HAProxy and nginx (YARP has no TCP proxying).
# Everything it started is stopped on exit, failure or Ctrl-C.
set -euo pipefail
export LC_ALL=C
# The whole script is one block, read before it runs, so editing this file during a run is safe.
{

usage() {
    cat <<'EOF'
usage: bench/run.sh [options]
  --quick                 3 s runs, 1 round (2 in scenario m), 3 s warm-up (torii, YARP) / 1 s (others),
                          each run waits at most 5 s for a quiet machine
  --duration S            seconds per measured run (default 10)
  --rounds N              measured rounds per scenario, median reported (default 3)
  --warmup S              torii and YARP warm-up per scenario, for the tiered JIT (default 15)
  --warmup-others S       HAProxy and nginx warm-up per scenario (default 5)
  --connections N         wrk connections (default 50)
  --threads N             wrk threads (default 2)
  --scenarios LIST        comma-separated subset of a,b,c,d,e,f,g,h,m,u,2,p,s (default all)
  --pgbench-clients N     pgbench clients in scenario (p) (default 20)
  --idle-connections N    connections of scenario (e) (default 10000)
  --idle-rounds N         rounds of scenario (e) (default 1: a proxy keeps memory it once used, so
                          only the first round measures growth; more rounds show whether it is reused)
  --churn-rate N          command-socket commands per second in scenario (f) (default 1000)
  --metrics-rounds N      rounds of scenario (m), each one run with metrics on and one with them off
                          (default 5)
  --upgrades N            upgrades in scenario (u), one every 10 s (default 3; 2 with --quick)
  --health-backends N     backends checked every second in scenario (h) (default 1000)
  --churn-target T        live: churned backends point at the real backend, so requests go through
                          them while they are added and removed (default); dead: an address where
                          nothing listens (torii must retry on the other backend)
  --torii-worker-count N  torii's worker_count (its socket loops); default: not set, one loop per CPU
                          as shipped (HAProxy runs nbthread 1 and nginx 1 worker in every run)
  --access-logs           torii, HAProxy and nginx write an access log line per request (torii and nginx
                          to a file, HAProxy to stdout; YARP does not log); default: no proxy logs requests
  --access-logs-format F  torii's access_logs_format with --access-logs: ascii (default), json, protobuf
  --torii-env "K=V ..."   environment for the torii process (runtime knobs, e.g.
                          "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"); recorded in the report
  --pin                   pin the proxy under test to CPU 0 and wrk, the backend and the helpers to
                          the other CPUs (default: no pinning, everything shares all CPUs)
  --quiet-wait S           before each measured run, wait up to S seconds for other work on the machine
                          to drop below 10% of the CPUs (default 20; 0: do not wait)
  --no-install            do not apt-get install anything
  --no-publish            use out/torii, out/torii-bench and out/torii-bench-yarp as they are
  --keep-tmp              keep the temporary folder (configs, logs, raw wrk output)
  --profile               after each load scenario (a, b, c, d, g1, g2), one more run per proxy under perf:
                          CPU per request split user/system, system calls and context switches per request,
                          and where the CPU goes by binary and by function (a section of the report; needs
                          perf, installed as linux-perf; the proxies run as measured, so .NET's JIT-compiled
                          code is one unnamed block)
  --out FILE              report file (default bench/results/latest.md)
EOF
}

cd "$(dirname "$0")/.."
ROOT=$PWD
COMMAND_LINE="bench/run.sh${*:+ $*}"

DURATION=10 ROUNDS=3 WARMUP=15 WARMUP_OTHERS=5 CONNECTIONS=50 THREADS=2
SCENARIOS=a,b,c,d,e,f,g,h,m,u,2,p,s PGBENCH_CLIENTS=20 UPGRADES=3 HEALTH_BACKENDS=1000 METRICS_ROUNDS=5 IDLE_CONNECTIONS=10000 IDLE_ROUNDS=1 CHURN_RATE=1000 CHURN_TARGET=live
INSTALL=1 PUBLISH=1 KEEP_TMP=0 PROFILE=0 PIN_CPUS=0 QUIET_WAIT=20 ACCESS_LOGS=0 ACCESS_LOGS_FORMAT=ascii TORII_ENV="" TORII_WORKER_COUNT="" OUT=bench/results/latest.md
while (($#)); do
    case $1 in
        --quick) DURATION=3 ROUNDS=1 METRICS_ROUNDS=2 WARMUP=3 WARMUP_OTHERS=1 UPGRADES=2 QUIET_WAIT=5 ;;
        --duration) DURATION=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --warmup-others) WARMUP_OTHERS=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --scenarios) SCENARIOS=$2; shift ;;
        --pgbench-clients) PGBENCH_CLIENTS=$2; shift ;;
        --idle-connections) IDLE_CONNECTIONS=$2; shift ;;
        --idle-rounds) IDLE_ROUNDS=$2; shift ;;
        --metrics-rounds) METRICS_ROUNDS=$2; shift ;;
        --churn-rate) CHURN_RATE=$2; shift ;;
        --churn-target) CHURN_TARGET=$2; shift ;;
        --upgrades) UPGRADES=$2; shift ;;
        --health-backends) HEALTH_BACKENDS=$2; shift ;;
        --pin) PIN_CPUS=1 ;;
        --access-logs) ACCESS_LOGS=1 ;;
        --access-logs-format) ACCESS_LOGS_FORMAT=$2; shift ;;
        --torii-env) TORII_ENV=$2; shift ;;
        --torii-worker-count) TORII_WORKER_COUNT=$2; shift ;;
        --quiet-wait) QUIET_WAIT=$2; shift ;;
        --no-install) INSTALL=0 ;;
        --no-publish) PUBLISH=0 ;;
        --keep-tmp) KEEP_TMP=1 ;;
        --profile) PROFILE=1 ;;
        --out) OUT=$2; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bench/run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
case $CHURN_TARGET in live | dead) ;; *) echo "--churn-target must be live or dead" >&2; exit 2 ;; esac
case $ACCESS_LOGS_FORMAT in ascii | json | protobuf) ;; *) echo "--access-logs-format must be ascii, json or protobuf" >&2; exit 2 ;; esac
((HEALTH_BACKENDS >= 1 && HEALTH_BACKENDS <= 9000)) || { echo "--health-backends must be 1 to 9000" >&2; exit 2; }

has_scenario() { [[ ",$SCENARIOS," == *",$1,"* ]]; }
log() { printf '\033[1m[bench %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup of everything we start
STARTED=()   # pids we started (TERM first, then KILL)
CHILDREN=()  # their worker processes (nginx workers), killed if still alive at the end
TMP=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local pid alive i
    stop_postgres
    for pid in "${STARTED[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 50; i++)); do
        alive=0
        for pid in "${STARTED[@]}" "${CHILDREN[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${STARTED[@]}" "${CHILDREN[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    if [ -n "$TMP" ] && [ -d "$TMP" ]; then
        if ((KEEP_TMP)); then log "kept $TMP"; else rm -rf "$TMP"; fi
    fi
    exit "$status"
}
PG_DATA="" # the data folder of scenario (p)'s cluster while it runs
stop_postgres() {
    [ -n "$PG_DATA" ] || return 0
    as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w >/dev/null 2>&1 || true
    PG_DATA=""
}
as_postgres() { # PostgreSQL refuses to run as root: as root, run its commands as the postgres user
    # (from TMP: initdb fails in a working directory its user cannot read)
    if [ "$(id -u)" -eq 0 ]; then (cd "$TMP" && runuser -u postgres -- "$@"); else "$@"; fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- what the run needs
install_missing() {
    local packages=()
    command -v haproxy >/dev/null 2>&1 || packages+=(haproxy)
    command -v nginx >/dev/null 2>&1 || packages+=(nginx)
    [ -e /usr/lib/nginx/modules/ngx_stream_module.so ] || packages+=(libnginx-mod-stream)
    command -v wrk >/dev/null 2>&1 || packages+=(wrk)
    command -v h2load >/dev/null 2>&1 || packages+=(nghttp2-client)
    command -v curl >/dev/null 2>&1 || packages+=(curl)
    command -v openssl >/dev/null 2>&1 || packages+=(openssl)
    if ((PROFILE)) && ! command -v perf >/dev/null 2>&1; then packages+=(linux-perf); fi
    if has_scenario p && ! compgen -G '/usr/lib/postgresql/*/bin/pgbench' >/dev/null; then packages+=(postgresql postgresql-contrib); fi
    ((${#packages[@]})) || return 0
    ((INSTALL)) || die "missing ${packages[*]} (and --no-install was given)"
    local sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
    log "installing ${packages[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null
    # Debian starts the packaged services on install; we run our own instances on our own ports.
    local package
    for package in "${packages[@]}"; do
        case $package in nginx | haproxy | postgresql) $sudo_cmd service "$package" stop >/dev/null 2>&1 || true ;; esac
    done
}
install_missing
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is needed to publish torii"

# 10,000 idle connections need as many descriptors in the client and in each proxy.
hard_nofile=$(ulimit -Hn)
[ "$hard_nofile" = unlimited ] && hard_nofile=1048576
ulimit -n "$hard_nofile" 2>/dev/null || true
NOFILE=$(ulimit -n)
if has_scenario e && ((NOFILE < IDLE_CONNECTIONS + 500)); then
    die "ulimit -n is $NOFILE (hard limit); scenario (e) needs $((IDLE_CONNECTIONS + 500)): raise it or pass --idle-connections"
fi
MAXCONN=$((IDLE_CONNECTIONS + 1000))

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
TORII=$ROOT/out/torii/torii
BENCH=$ROOT/out/torii-bench/torii-bench
YARP=$ROOT/out/torii-bench-yarp/torii-bench-yarp
if ((PUBLISH)); then
    log "publishing torii (dotnet publish src/Torii -c Release -o out/torii), the bench helper and the YARP proxy"
    built=$(dotnet publish src/Torii -c Release -o out/torii -nologo -v quiet 2>&1) || { echo "$built" >&2; die "publishing torii failed"; }
    built=$(dotnet publish bench/Torii.Bench -c Release -o out/torii-bench -nologo -v quiet 2>&1) ||
        { echo "$built" >&2; die "publishing bench/Torii.Bench failed"; }
    built=$(dotnet publish bench/Yarp -c Release -o out/torii-bench-yarp -nologo -v quiet 2>&1) ||
        { echo "$built" >&2; die "publishing bench/Yarp failed"; }
fi
[ -x "$TORII" ] || die "$TORII is missing"
[ -x "$BENCH" ] || die "$BENCH is missing"
[ -x "$YARP" ] || die "$YARP is missing"

# ---------------------------------------------------------------- configs and processes
TMP=$(mktemp -d /tmp/torii-bench.XXXXXX)
chmod 755 "$TMP" # nginx workers run as nobody and read www/
mkdir -p "$TMP/www" "$TMP/torii" "$TMP/yarp" "$TMP/backend-tmp" "$TMP/nginx-proxy-tmp" "$TMP/wrk" "$TMP/tls"
RAW=$TMP/raw.tsv
: >"$RAW"

USED_PORTS=" "
PORT=0
next_port() { # sets PORT to a loopback port nothing uses
    while :; do
        PORT=$((20000 + RANDOM % 10000))
        [[ $USED_PORTS == *" $PORT "* ]] && continue
        [ -z "$(ss -Htan "( sport = :$PORT )" 2>/dev/null)" ] || continue
        USED_PORTS+="$PORT "
        return
    done
}
next_port; BACKEND_PORT=$PORT
next_port; TORII_HTTP_PORT=$PORT
next_port; TORII_TCP_PORT=$PORT
next_port; TORII_HTTPS_PORT=$PORT
next_port; HAPROXY_HTTP_PORT=$PORT
next_port; HAPROXY_TCP_PORT=$PORT
next_port; HAPROXY_HTTPS_PORT=$PORT
next_port; NGINX_HTTP_PORT=$PORT
next_port; NGINX_TCP_PORT=$PORT
next_port; NGINX_HTTPS_PORT=$PORT
next_port; YARP_HTTP_PORT=$PORT
next_port; YARP_HTTPS_PORT=$PORT
next_port; DEAD_PORT=$PORT # nothing ever listens here (--churn-target dead)
# Scenario (p): the cluster's port and each TCP proxy's listener to it (configured even when (p) does not run).
next_port; POSTGRES_PORT=$PORT
next_port; TORII_PG_PORT=$PORT
next_port; HAPROXY_PG_PORT=$PORT
next_port; NGINX_PG_PORT=$PORT
declare -A HTTP_PORT=([torii]=$TORII_HTTP_PORT [haproxy]=$HAPROXY_HTTP_PORT [nginx]=$NGINX_HTTP_PORT [yarp]=$YARP_HTTP_PORT)
declare -A TCP_PORT=([torii]=$TORII_TCP_PORT [haproxy]=$HAPROXY_TCP_PORT [nginx]=$NGINX_TCP_PORT)
declare -A HTTPS_PORT=([torii]=$TORII_HTTPS_PORT [haproxy]=$HAPROXY_HTTPS_PORT [nginx]=$NGINX_HTTPS_PORT [yarp]=$YARP_HTTPS_PORT)
declare -A PG_PORT=([direct]=$POSTGRES_PORT [torii]=$TORII_PG_PORT [haproxy]=$HAPROXY_PG_PORT [nginx]=$NGINX_PG_PORT)
HTTP_PROXIES=(torii haproxy nginx yarp) # the proxies of the HTTP scenarios
TCP_PROXIES=(torii haproxy nginx)       # the proxies with a TCP listener: scenarios (d) and (p)
declare -A PIDS_OF
# CPU pinning (--pin): command prefixes, empty when not pinning.
declare -A PIN=([torii]="" [haproxy]="" [nginx]="" [yarp]="" [backend]="" [load]="")
PIN_NOTE="no CPU pinning"
if ((PIN_CPUS)); then
    (($(nproc) >= 2)) || die "--pin needs at least 2 CPUs"
    others=1-$(($(nproc) - 1))
    [ "$others" = 1-1 ] && others=1
    PIN=([torii]="taskset -c 0" [haproxy]="taskset -c 0" [nginx]="taskset -c 0" [yarp]="taskset -c 0"
        [backend]="taskset -c $others" [load]="taskset -c $others")
    PIN_NOTE="proxy pinned to CPU 0; wrk, backend and helpers to CPU $others"
fi

SMALL_BODY="Torii benchmark: this small body has 49 bytes. :)"
((${#SMALL_BODY} == 49)) || die "the small body must be 49 bytes, not ${#SMALL_BODY}"
head -c 102400 < <(yes "Torii benchmark large body, 100 KiB of text served by the backend nginx.") >"$TMP/www/large"
chmod -R a+rX "$TMP/www"

# One self-signed certificate for the three proxies (scenario g): ECDSA P-256, for the names wrk and
# curl send (127.0.0.1). HAProxy wants certificate and key in one file.
TLS_CERTIFICATE_NOTE="self-signed ECDSA P-256 (prime256v1) certificate made by openssl for this run, the same file for the four proxies"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=torii-bench \
    -addext subjectAltName=DNS:torii-bench,IP:127.0.0.1 -keyout "$TMP/tls/bench.key" -out "$TMP/tls/bench.crt" 2>"$TMP/tls/openssl.log" ||
    { cat "$TMP/tls/openssl.log" >&2; die "openssl could not make the bench certificate"; }
cat "$TMP/tls/bench.crt" "$TMP/tls/bench.key" >"$TMP/tls/bench.pem"
chmod -R a+rX "$TMP/tls" # nginx workers run as nobody

TORII_ACCESS_LOG=off HAPROXY_LOG="no log" NGINX_ACCESS_LOG=off NGINX_STREAM_ACCESS_LOG="access_log off;"
ACCESS_LOG_NOTE="no proxy writes access logs"
if ((ACCESS_LOGS)); then
    TORII_ACCESS_LOG=$TMP/torii-access.log HAPROXY_LOG="log stdout format raw local0"
    NGINX_ACCESS_LOG=$TMP/nginx-access.log NGINX_STREAM_ACCESS_LOG="log_format tcp '\$remote_addr \$status \$bytes_sent \$session_time'; access_log $TMP/nginx-stream-access.log tcp;"
    ACCESS_LOG_NOTE="torii, HAProxy and nginx write an access log line per request (torii and nginx to a file, HAProxy to stdout, redirected to a file; YARP does not log); torii's format: $ACCESS_LOGS_FORMAT"
fi

# HTTP/2 on nginx's https listener (scenario 2): a listen parameter before 1.25.1, a directive since.
NGINX_HTTP2_LISTEN=" http2" NGINX_HTTP2_DIRECTIVE=""
if printf '%s\n' "1.25.1" "$(nginx -v 2>&1 | sed 's|.*nginx/||')" | sort -V -C; then
    NGINX_HTTP2_LISTEN="" NGINX_HTTP2_DIRECTIVE="http2 on;"
fi

render() { # template output
    sed -e "s|@DIR@|$TMP|g" -e "s|@NOFILE@|$NOFILE|g" -e "s|@MAXCONN@|$MAXCONN|g" \
        -e "s|@WORKER_CONNECTIONS@|$MAXCONN|g" -e "s|@SMALL_BODY@|$SMALL_BODY|g" \
        -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
        -e "s|@TORII_HTTP_PORT@|$TORII_HTTP_PORT|g" -e "s|@TORII_TCP_PORT@|$TORII_TCP_PORT|g" \
        -e "s|@HAPROXY_HTTP_PORT@|$HAPROXY_HTTP_PORT|g" -e "s|@HAPROXY_TCP_PORT@|$HAPROXY_TCP_PORT|g" \
        -e "s|@NGINX_HTTP_PORT@|$NGINX_HTTP_PORT|g" -e "s|@NGINX_TCP_PORT@|$NGINX_TCP_PORT|g" \
        -e "s|@TORII_HTTPS_PORT@|$TORII_HTTPS_PORT|g" -e "s|@HAPROXY_HTTPS_PORT@|$HAPROXY_HTTPS_PORT|g" \
        -e "s|@NGINX_HTTPS_PORT@|$NGINX_HTTPS_PORT|g" \
        -e "s|@YARP_HTTP_PORT@|$YARP_HTTP_PORT|g" -e "s|@YARP_HTTPS_PORT@|$YARP_HTTPS_PORT|g" \
        -e "s|@POSTGRES_PORT@|$POSTGRES_PORT|g" -e "s|@TORII_PG_PORT@|$TORII_PG_PORT|g" \
        -e "s|@HAPROXY_PG_PORT@|$HAPROXY_PG_PORT|g" -e "s|@NGINX_PG_PORT@|$NGINX_PG_PORT|g" \
        -e "s|@TORII_ACCESS_LOG@|$TORII_ACCESS_LOG|g" -e "s|@TORII_ACCESS_LOG_FORMAT@|$ACCESS_LOGS_FORMAT|g" -e "s|@HAPROXY_LOG@|$HAPROXY_LOG|g" \
        -e "s|@NGINX_HTTP2_LISTEN@|$NGINX_HTTP2_LISTEN|g" -e "s|@NGINX_HTTP2_DIRECTIVE@|$NGINX_HTTP2_DIRECTIVE|g" \
        -e "s|@NGINX_ACCESS_LOG@|$NGINX_ACCESS_LOG|g" -e "s|@NGINX_STREAM_ACCESS_LOG@|$NGINX_STREAM_ACCESS_LOG|g" \
        "bench/templates/$1" >"$2"
    ! grep -n '@[A-Z_][A-Z_]*@' "$2" || die "unfilled placeholder in $2"
}
render backend-nginx.conf "$TMP/backend.conf"
render nginx-proxy.conf "$TMP/nginx-proxy.conf"
render haproxy.cfg "$TMP/haproxy.cfg"
render torii.toml "$TMP/torii/config.toml"
if [[ -n $TORII_WORKER_COUNT ]]; then
    [[ $TORII_WORKER_COUNT =~ ^[0-9]+$ ]] || die "--torii-worker-count takes a number"
    # Top-level keys come before the first table: prepended, not appended.
    { echo "worker_count = $TORII_WORKER_COUNT"; cat "$TMP/torii/config.toml"; } >"$TMP/torii/config.toml.new"
    mv "$TMP/torii/config.toml.new" "$TMP/torii/config.toml"
fi
render yarp.json "$TMP/yarp/config.json"

wait_listening() { # name pid port...
    local name=$1 pid=$2 port i
    shift 2
    for port in "$@"; do
        for ((i = 0; i < 300; i++)); do
            kill -0 "$pid" 2>/dev/null || { tail -n 30 "$TMP/$name.log" >&2 || true; die "$name exited while starting"; }
            [ -n "$(ss -Htln "( sport = :$port )" 2>/dev/null)" ] && break
            sleep 0.1
        done
        ((i < 300)) || die "$name does not listen on $port after 30 s"
    done
}

start_nginx() { # name config port...
    local name=$1 config=$2
    shift 2
    ${PIN[$name]} nginx -p "$TMP/" -e "$TMP/$name-error.log" -c "$config" -g 'daemon off;' >"$TMP/$name.log" 2>&1 &
    local master=$!
    STARTED+=("$master")
    wait_listening "$name" "$master" "$@"
    local workers
    workers=$(pgrep -P "$master" | tr '\n' ' ')
    [ -n "$workers" ] || die "$name has no worker process"
    # shellcheck disable=SC2206
    CHILDREN+=($workers)
    PIDS_OF[$name]="$master $workers"
}

log "starting the backend nginx on 127.0.0.1:$BACKEND_PORT"
start_nginx backend "$TMP/backend.conf" "$BACKEND_PORT"

# .NET resumes TLS sessions unless its OpenSSL sends no tickets; (g2) measures full handshakes (HAProxy
# and nginx have session cache and tickets off in their configs). The file says why not
# DOTNET_SYSTEM_NET_SECURITY_DISABLETLSRESUME. A --torii-env value may override it.
TORII_TLS_ENV=OPENSSL_CONF=$ROOT/bench/templates/openssl-no-tickets.cnf
TORII_TLS_NOTE="OPENSSL_CONF=bench/templates/openssl-no-tickets.cnf (NumTickets = 0: no TLS 1.3 session ticket, nothing to resume)"
log "starting torii on :$TORII_HTTP_PORT (https :$TORII_HTTPS_PORT, tcp :$TORII_TCP_PORT)"
# shellcheck disable=SC2086
(cd "$TMP/torii" && exec env $TORII_TLS_ENV $TORII_ENV ${PIN[torii]} "$TORII" start -c "$TMP/torii/config.toml") >"$TMP/torii.log" 2>&1 &
STARTED+=("$!")
PIDS_OF[torii]=$!
wait_listening torii "${PIDS_OF[torii]}" "$TORII_HTTP_PORT" "$TORII_HTTPS_PORT" "$TORII_TCP_PORT" "$TORII_PG_PORT"

log "starting HAProxy on :$HAPROXY_HTTP_PORT (https :$HAPROXY_HTTPS_PORT, tcp :$HAPROXY_TCP_PORT)"
${PIN[haproxy]} haproxy -db -f "$TMP/haproxy.cfg" >"$TMP/haproxy.log" 2>&1 &
STARTED+=("$!")
PIDS_OF[haproxy]=$!
wait_listening haproxy "${PIDS_OF[haproxy]}" "$HAPROXY_HTTP_PORT" "$HAPROXY_HTTPS_PORT" "$HAPROXY_TCP_PORT" "$HAPROXY_PG_PORT"

log "starting nginx (proxy) on :$NGINX_HTTP_PORT (https :$NGINX_HTTPS_PORT, tcp :$NGINX_TCP_PORT)"
start_nginx nginx "$TMP/nginx-proxy.conf" "$NGINX_HTTP_PORT" "$NGINX_HTTPS_PORT" "$NGINX_TCP_PORT" "$NGINX_PG_PORT"

# YARP is .NET like torii: the same environment, so it refuses TLS resumption in (g2) too.
log "starting YARP on :$YARP_HTTP_PORT (https :$YARP_HTTPS_PORT)"
# shellcheck disable=SC2086
(cd "$TMP/yarp" && exec env $TORII_TLS_ENV ${PIN[yarp]} "$YARP" --config "$TMP/yarp/config.json") >"$TMP/yarp.log" 2>&1 &
STARTED+=("$!")
PIDS_OF[yarp]=$!
wait_listening yarp "${PIDS_OF[yarp]}" "$YARP_HTTP_PORT" "$YARP_HTTPS_PORT"

# Every proxy must answer the backend's bodies, over HTTP, HTTPS and its TCP listener, before anything is measured.
check() { # url expected-size
    local got
    got=$(curl -sS --insecure --max-time 5 -o /dev/null -w '%{http_code} %{size_download}' "$1") || die "GET $1 failed"
    [ "$got" = "200 $2" ] || die "GET $1 answered '$got', expected '200 $2'"
}
for port in "$BACKEND_PORT" "${HTTP_PORT[@]}" "${TCP_PORT[@]}"; do
    check "http://127.0.0.1:$port/small" 49
    check "http://127.0.0.1:$port/large" 102400
done
for port in "${HTTPS_PORT[@]}"; do
    check "https://127.0.0.1:$port/small" 49
    check "https://127.0.0.1:$port/large" 102400
done
log "all proxies answer (small 49 B, large 102400 B, HTTP, HTTPS and TCP listeners)"

# What each HTTPS listener negotiates, and proof that it refuses to resume a session: wrk keeps the
# session of a closed connection (SSL_shutdown + SSL_clear keep it) and offers it on the next one,
# so (g2) measures full handshakes only because every proxy turns the offer down or sends no ticket.
tls_handshake() { # port [resume] -> "New|Reused PROTOCOL CIPHER GROUP" (saves the session; resume offers it), or NoTicket
    local port=$1 session=(-sess_out "$TMP/tls/session-$1.pem") out
    if [ "${2:-}" = resume ]; then
        # No ticket came with the first handshake: no session was saved, there is nothing to offer.
        [ -s "$TMP/tls/session-$1.pem" ] || { printf 'NoTicket'; return; }
        session=(-sess_in "$TMP/tls/session-$1.pem")
    else
        rm -f "$TMP/tls/session-$1.pem"
    fi
    # A request read to the end lets the tickets of TLS 1.3, sent after the handshake, arrive before the session is saved.
    out=$(printf 'GET /small HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' |
        timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername 127.0.0.1 "${session[@]}" -ign_eof 2>&1) || true
    awk '/^(New|Reused), / { gsub(/,/, ""); state = $1; protocol = $2; cipher = $NF } /^Server Temp Key:/ { group = $4; sub(/,$/, "", group) }
        END { printf "%s %s %s %s", state, protocol, cipher, group }' <<<"$out"
}
TLS_NEGOTIATED=""
if has_scenario g; then
    for proxy in "${HTTP_PROXIES[@]}"; do
        first=$(tls_handshake "${HTTPS_PORT[$proxy]}")
        second=$(tls_handshake "${HTTPS_PORT[$proxy]}" resume)
        [[ $first == "New TLSv1.3 "* ]] || die "$proxy https: expected a new TLS 1.3 session, got '$first'"
        [[ $second == "New "* || $second == NoTicket ]] || die "$proxy https: resumed the session offered again ('$second'); (g2) would not measure full handshakes"
        if [ "$second" = NoTicket ]; then
            log "$proxy https: ${first#New }; it sends no session ticket, so there is nothing to resume"
        else
            log "$proxy https: ${first#New }; the session offered again is refused (${second%% *})"
        fi
        TLS_NEGOTIATED+="${TLS_NEGOTIATED:+, }$proxy ${first#New }"
    done
fi

# ---------------------------------------------------------------- measurement
cpu_user_sys() { # pids... -> "utime stime" in clock ticks, each summed (fields 14 and 15 of /proc/PID/stat)
    local pid user=0 sys=0 stat
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue # gone: counts 0
        stat=${stat##*) } # the command name may contain spaces; fields restart at 3 after ") "
        read -r -a f <<<"$stat"
        user=$((user + f[11])) sys=$((sys + f[12]))
    done
    echo "$user $sys"
}
cpu_ticks() { # pids... -> utime+stime in clock ticks, summed
    local user sys
    read -r user sys <<<"$(cpu_user_sys "$@")"
    echo $((user + sys))
}
rss_kib() { # pids... -> VmRSS summed, KiB
    local pid total=0
    for pid in "$@"; do total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"))); done
    echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
system_busy_ticks() { # all CPUs: user+nice+system+steal, clock ticks (/proc/stat; irq and softirq time belong to no process)
    awk '$1 == "cpu" {print $2 + $3 + $4 + $9; exit}' /proc/stat
}
waited_children_ticks() { # CPU of the children this shell has waited for (wrk), from `times`
    times | awk -v hz="$CLK_TCK" 'NR == 2 {
        t = 0
        for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }
        printf "%d", t * hz }'
}
busy_percent() { # SECONDS -> % of all CPUs busy over that time, minus the backend and the proxies (idle then)
    local before after started own_before own_after
    # shellcheck disable=SC2086
    own_before=$(cpu_ticks ${PIDS_OF[*]})
    before=$(system_busy_ticks) started=$EPOCHREALTIME
    sleep "$1"
    after=$(system_busy_ticks)
    # shellcheck disable=SC2086
    own_after=$(cpu_ticks ${PIDS_OF[*]})
    awk "BEGIN { v = 100 * (($after - $before) - ($own_after - $own_before)) / ($CLK_TCK * ($EPOCHREALTIME - $started) * $(nproc)); printf \"%.3f\", v < 0 ? 0 : v }"
}
wait_quiet() { # waits up to QUIET_WAIT seconds for other work to use less than 10% of the CPUs
    ((QUIET_WAIT > 0)) || return 0
    local deadline=$((${EPOCHREALTIME%.*} + QUIET_WAIT)) first=1 busy
    while :; do
        busy=$(busy_percent 1)
        awk "BEGIN { exit !($busy < 10) }" && break
        ((first)) && log "waiting for the machine to be quiet (other work: $(printf "%.0f" "$busy")% of the CPUs)"
        first=0
        if ((${EPOCHREALTIME%.*} >= deadline)); then
            log "still $(printf "%.0f" "$busy")% busy after ${QUIET_WAIT}s: measuring anyway (see 'other load')"
            break
        fi
    done
    return 0
}
HELPER_PIDS=() # helpers running beside wrk (the churn tool in scenario f), not counted as other load
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

parse_wrk() { # wrk output -> requests seconds p50_us p99_us socket_errors non2xx
    awk '
        function us(v) {
            if (v ~ /us$/) return v + 0
            if (v ~ /ms$/) return (v + 0) * 1000
            if (v ~ /m$/) return (v + 0) * 60000000
            if (v ~ /s$/) return (v + 0) * 1000000
            return v + 0
        }
        $1 == "50%" { p50 = us($2) }
        $1 == "99%" { p99 = us($2) }
        / requests in / { requests = $1; d = $4; sub(/,$/, "", d); seconds = (d ~ /ms$/) ? (d + 0) / 1000 : (d ~ /m$/) ? (d + 0) * 60 : d + 0 }
        /Socket errors:/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        END { printf "%d\t%.3f\t%.1f\t%.1f\t%d\t%d\n", requests, seconds, p50, p99, errors, non2xx }' "$1"
}

url_of() { # scenario proxy
    case $1 in
        a | c | f | m-on | m-off) echo "http://127.0.0.1:${HTTP_PORT[$2]}/small" ;;
        b) echo "http://127.0.0.1:${HTTP_PORT[$2]}/large" ;;
        d) echo "http://127.0.0.1:${TCP_PORT[$2]}/small" ;;
        g1 | g2) echo "https://127.0.0.1:${HTTPS_PORT[$2]}/small" ;;
    esac
}

# run_load SCENARIO PROXY ROUND SECONDS: one wrk run; ROUND 0 is a warm-up and is not recorded.
run_load() {
    local scenario=$1 proxy=$2 round=$3 seconds=$4
    local url extra=() output pids before after rss parsed
    url=$(url_of "$scenario" "$proxy")
    case $scenario in c | g2) extra=(-H "Connection: close") ;; esac
    output=$TMP/wrk/$scenario-$proxy-$round.txt
    ((round == 0)) || [ "$scenario" = f ] || wait_quiet # (f) waits before its churn tool starts
    read -r -a pids <<<"${PIDS_OF[$proxy]}"
    local backend_pids mine_before mine_after system_before system_after children_before children_after
    read -r -a backend_pids <<<"${PIDS_OF[backend]}"
    local started=$EPOCHREALTIME
    system_before=$(system_busy_ticks)
    children_before=$(waited_children_ticks)
    mine_before=$(cpu_ticks "${backend_pids[@]}" "${HELPER_PIDS[@]}")
    before=$(cpu_ticks "${pids[@]}")
    ${PIN[load]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "${extra[@]}" "$url" >"$output" 2>&1 ||
        { cat "$output" >&2; die "wrk failed against $proxy ($url)"; }
    after=$(cpu_ticks "${pids[@]}")
    mine_after=$(cpu_ticks "${backend_pids[@]}" "${HELPER_PIDS[@]}")
    children_after=$(waited_children_ticks)
    system_after=$(system_busy_ticks)
    local wall
    wall=$(calc "$EPOCHREALTIME - $started")
    rss=$(rss_kib "${pids[@]}")
    parsed=$(parse_wrk "$output")
    local requests secs p50 p99 errors non2xx cpu_us
    IFS=$'\t' read -r requests secs p50 p99 errors non2xx <<<"$parsed"
    # A short warm-up on a busy machine may see no full handshake complete; only measured runs must.
    ((requests > 0 || round == 0)) || { cat "$output" >&2; die "no request completed against $proxy ($url)"; }
    cpu_us=$(((after - before) * 1000000 / CLK_TCK))
    # CPU used by processes that are not part of this run (other work on the machine), in % of all CPUs.
    local other_ticks other_pct
    other_ticks=$(((system_after - system_before) - (after - before) - (mine_after - mine_before) - (children_after - children_before)))
    ((other_ticks > 0)) || other_ticks=0
    other_pct=$(calc "100 * $other_ticks / ($CLK_TCK * $wall * $(nproc))")
    if ((round > 0)); then
        printf 'run\t%s\t%s\t%d\t%d\t%s\t%d\t%s\t%s\t%d\t%d\t%d\t%s\n' \
            "$scenario" "$proxy" "$round" "$requests" "$secs" "$cpu_us" "$p50" "$p99" "$rss" "$errors" "$non2xx" "$other_pct" >>"$RAW"
        log "$(printf '(%s) round %d %-7s %8.0f req/s  %6.1f µs CPU/req  p50 %7.0f µs  p99 %7.0f µs  RSS %6d KiB  failed %d  other load %4.1f%%' \
            "$scenario" "$round" "$proxy" "$(calc "$requests / $secs")" "$(calc "$cpu_us / $requests")" \
            "$p50" "$p99" "$rss" $((errors + non2xx)) "$other_pct")"
    else
        log "$(printf '(%s) warm-up %-7s %ds: %d requests' "$scenario" "$proxy" "$seconds" "$requests")"
    fi
}

rotated() { # round proxy... -> the proxies, starting one further each round
    local r=$1 i
    shift
    for ((i = 0; i < $#; i++)); do echo "${@:((r - 1 + i) % $# + 1):1}"; done
}
proxies_of() { # scenario -> the proxies it compares: YARP proxies HTTP only, so not the TCP scenario (d)
    case $1 in d) echo "${TCP_PROXIES[@]}" ;; *) echo "${HTTP_PROXIES[@]}" ;; esac
}
warmup_of() { # proxy -> warm-up seconds: the .NET proxies need their tiered JIT to settle
    case $1 in torii | yarp) echo "$WARMUP" ;; *) echo "$WARMUP_OTHERS" ;; esac
}

scenario_load() { # a, b, c, d, g1, g2: warm-up each proxy, then ROUNDS rounds alternating the proxies
    local scenario=$1 proxy round proxies
    read -r -a proxies <<<"$(proxies_of "$scenario")"
    log "scenario ($scenario): warm-up"
    for proxy in "${proxies[@]}"; do run_load "$scenario" "$proxy" 0 "$(warmup_of "$proxy")"; done
    for ((round = 1; round <= ROUNDS; round++)); do
        for proxy in $(rotated "$round" "${proxies[@]}"); do run_load "$scenario" "$proxy" "$round" "$DURATION"; done
    done
    if ((PROFILE)); then for proxy in "${proxies[@]}"; do profile_load "$scenario" "$proxy"; done; fi
}

scenario_idle() { # e: RSS per idle keep-alive connection
    local round proxy pids result
    for ((round = 1; round <= IDLE_ROUNDS; round++)); do
        for proxy in $(rotated "$round" "${HTTP_PROXIES[@]}"); do
            pids=$(tr ' ' ',' <<<"${PIDS_OF[$proxy]}" | sed 's/,*$//')
            wait_quiet
            result=$(${PIN[load]} "$BENCH" idle --port "${HTTP_PORT[$proxy]}" --connections "$IDLE_CONNECTIONS" --pids "$pids" 2>"$TMP/idle-$proxy-$round.err") ||
                { cat "$TMP/idle-$proxy-$round.err" >&2; die "torii-bench idle failed against $proxy"; }
            local opened failed alive rss_before_kib rss_after_kib open_seconds
            eval "$result" # opened=... failed=... alive=... rss_before_kib=... rss_after_kib=... open_seconds=...
            printf 'idle\te\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n' "$proxy" "$round" "$IDLE_CONNECTIONS" \
                "$opened" "$failed" "$alive" "$rss_before_kib" "$rss_after_kib" >>"$RAW"
            log "$(printf '(e) round %d %-7s %d connections open (%d failed, %d alive) in %ss, RSS %d -> %d KiB = %.1f KiB/conn' \
                "$round" "$proxy" "$opened" "$failed" "$alive" "$open_seconds" "$rss_before_kib" "$rss_after_kib" \
                "$(calc "($rss_after_kib - $rss_before_kib) / ($opened + ($opened == 0))")")"
            [ -s "$TMP/idle-$proxy-$round.err" ] && sed 's/^/    /' "$TMP/idle-$proxy-$round.err" >&2
            sleep 2 # let the proxy close the 10,000 connections before the next one starts
        done
    done
}

CHURN_ADDRESS=127.0.0.1:$BACKEND_PORT
CHURN_TARGET_NOTE="the real backend, so requests flow through backends while they are added and removed"
if [ "$CHURN_TARGET" = dead ]; then
    CHURN_ADDRESS=127.0.0.1:$DEAD_PORT
    CHURN_TARGET_NOTE="nothing listens there, so torii must retry those requests on the real backend"
fi

# run_churn ROUND SECONDS: scenario (a) against torii while torii-bench churns backends of its cluster.
run_churn() {
    local round=$1 seconds=$2 churn_pid result
    ((round == 0)) || wait_quiet
    ${PIN[load]} "$BENCH" churn --socket "$TMP/torii/torii.sock" --cluster web --address "$CHURN_ADDRESS" \
        --rate "$CHURN_RATE" --seconds 3600 >"$TMP/churn-$round.out" 2>"$TMP/churn-$round.err" &
    churn_pid=$!
    STARTED+=("$churn_pid")
    sleep 0.5
    HELPER_PIDS=("$churn_pid")
    local helper_before helper_after helper_started helper_pct
    helper_before=$(cpu_ticks "$churn_pid") helper_started=$EPOCHREALTIME
    run_load f torii "$round" "$seconds"
    helper_after=$(cpu_ticks "$churn_pid")
    helper_pct=$(calc "100 * ($helper_after - $helper_before) / ($CLK_TCK * ($EPOCHREALTIME - $helper_started))")
    kill -0 "$churn_pid" 2>/dev/null || log "warning: the churn tool ended before wrk did"
    kill -TERM "$churn_pid" 2>/dev/null || true # it prints its counts and removes the backends it added
    HELPER_PIDS=()
    wait "$churn_pid" || { cat "$TMP/churn-$round.err" >&2; die "torii-bench churn failed"; }
    local kept=() pid
    for pid in "${STARTED[@]}"; do [ "$pid" = "$churn_pid" ] || kept+=("$pid"); done
    STARTED=("${kept[@]}")
    result=$(<"$TMP/churn-$round.out")
    local applied failed seconds_ rate p50_us p99_us max_us
    eval "${result/seconds=/seconds_=}"
    if ((round > 0)); then
        printf 'churn\tf\ttorii\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n' "$round" "$applied" "$failed" "$seconds_" "$p50_us" "$p99_us" \
            "$helper_pct" >>"$RAW"
    fi
    log "(f) round $round churn: $applied commands applied (${rate}/s), $failed failed, command p50 ${p50_us} µs p99 ${p99_us} µs max ${max_us} µs, churn tool CPU ${helper_pct}% of one CPU"
    [ -s "$TMP/churn-$round.err" ] && sed 's/^/    /' "$TMP/churn-$round.err" >&2
    return 0
}

scenario_churn() { # f
    local round
    log "scenario (f): warm-up"
    run_churn 0 "$WARMUP_OTHERS"
    for ((round = 1; round <= ROUNDS; round++)); do run_churn "$round" "$DURATION"; done
}

# (g1) is (a) over TLS; (g2) a new TLS connection per request, so req/s is handshakes/s (every proxy
# refuses session resumption, checked at start).
scenario_g() {
    scenario_load g1
    scenario_load g2
}

# (m) the cost of metrics: (a) against torii, metrics on and off in turn (ABBA: on/off, then off/on),
# through `torii metrics enable|disable`. The proxy-wide http.requests counter must not move while
# they are off; the counts are recorded for the report.
torii_cli() { "$TORII" "$@" --socket "$TMP/torii/torii.sock"; }
requests_counted() { # the proxy-wide http.requests (absent = 0)
    local table
    table=$(torii_cli metrics get --name http.requests) || die "torii metrics get failed"
    awk '$1 == "proxy" && $2 == "http.requests" { n = $3 } END { print n + 0 }' <<<"$table"
}
run_metrics() { # on|off ROUND SECONDS
    local state=$1 round=$2 seconds=$3 before after requests
    if [ "$state" = on ]; then torii_cli metrics enable >/dev/null; else torii_cli metrics disable >/dev/null; fi ||
        die "torii metrics could not be turned $state"
    before=$(requests_counted)
    run_load "m-$state" torii "$round" "$seconds"
    after=$(requests_counted)
    requests=$(parse_wrk "$TMP/wrk/m-$state-torii-$round.txt" | cut -f1)
    if [ "$state" = off ] && ((after != before)); then
        die "http.requests moved from $before to $after while metrics were disabled"
    fi
    ((round == 0)) || printf 'metrics\tm\t%s\t%d\t%d\t%d\t%d\n' "$state" "$round" "$before" "$after" "$requests" >>"$RAW"
    log "(m) metrics $state: http.requests $before -> $after (+$((after - before))), wrk completed $requests"
}
scenario_metrics() {
    local round
    log "scenario (m): warm-up (metrics on)"
    run_metrics on 0 "$WARMUP"
    for ((round = 1; round <= METRICS_ROUNDS; round++)); do
        if ((round % 2)); then
            run_metrics on "$round" "$DURATION"
            run_metrics off "$round" "$DURATION"
        else
            run_metrics off "$round" "$DURATION"
            run_metrics on "$round" "$DURATION"
        fi
    done
    torii_cli metrics enable >/dev/null || die "torii metrics enable failed"
}

# (u) (a)'s load against torii, once without upgrades and once with `torii upgrade` every 10 s (the
# first after 5 s), both runs equally long; failed requests must be 0. Runs last: torii's pid changes.
UPGRADE_FAILED=0
UPGRADE_REPORT=""
run_upgrades() { # N: upgrades torii N times, 10 s apart, after 5 s
    local i output pid
    sleep 5
    for ((i = 1; i <= $1; i++)); do
        output=$(torii_cli upgrade 2>&1) || { echo "upgrade $i failed: $output"; return 1; }
        pid=$(grep -Eo 'upgraded: pid [0-9]+' <<<"$output" | grep -Eo '[0-9]+$')
        echo "$pid"
        ((i == $1)) || sleep 10
    done
}
scenario_upgrade() {
    local seconds=$((UPGRADES * 10 + 5)) pids pid parsed
    local requests secs p50 p99 errors non2xx base_rate base_p99 base_failed up_rate up_p99 up_failed
    log "scenario (u): warm-up, then ${seconds}s of (a) without upgrades and ${seconds}s with $UPGRADES upgrades (one every 10 s)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$(url_of a torii)" >/dev/null 2>&1 || die "wrk failed against torii"
    wait_quiet
    ${PIN[load]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$(url_of a torii)" >"$TMP/wrk/u-base.txt" 2>&1 ||
        { cat "$TMP/wrk/u-base.txt" >&2; die "wrk failed against torii"; }
    wait_quiet
    run_upgrades "$UPGRADES" >"$TMP/upgrades.out" 2>&1 &
    local upgrader=$!
    ${PIN[load]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$(url_of a torii)" >"$TMP/wrk/u-upgrades.txt" 2>&1 ||
        { cat "$TMP/wrk/u-upgrades.txt" >&2; die "wrk failed against torii"; }
    wait "$upgrader" || { cat "$TMP/upgrades.out" >&2; die "torii upgrade failed during scenario (u)"; }
    mapfile -t pids <"$TMP/upgrades.out"
    for pid in "${pids[@]}"; do STARTED+=("$pid"); done
    PIDS_OF[torii]=${pids[-1]}
    kill -0 "${PIDS_OF[torii]}" 2>/dev/null || die "the last upgraded torii (pid ${PIDS_OF[torii]}) is not running"
    parsed=$(parse_wrk "$TMP/wrk/u-base.txt")
    IFS=$'\t' read -r requests secs p50 p99 errors non2xx <<<"$parsed"
    base_rate=$(calc "$requests / $secs") base_p99=$p99 base_failed=$((errors + non2xx))
    parsed=$(parse_wrk "$TMP/wrk/u-upgrades.txt")
    IFS=$'\t' read -r requests secs p50 p99 errors non2xx <<<"$parsed"
    up_rate=$(calc "$requests / $secs") up_p99=$p99 up_failed=$((errors + non2xx))
    log "$(printf '(u) without upgrades:          %8.0f req/s  p99 %7.0f µs  failed %d' "$base_rate" "$base_p99" "$base_failed")"
    log "$(printf '(u) with %d upgrades (every 10 s): %8.0f req/s  p99 %7.0f µs  failed %d (must be 0); torii pids %s' \
        "$UPGRADES" "$up_rate" "$up_p99" "$up_failed" "${pids[*]}")"
    ((up_failed == 0)) || { UPGRADE_FAILED=1; sed -n '/Socket errors/p;/Non-2xx/p' "$TMP/wrk/u-upgrades.txt" >&2; }
    UPGRADE_REPORT=$(printf '\n### (u) torii upgrades under load\n\n(a)'"'"'s load (%s connections) against torii for %s s, once without upgrades and once with `torii upgrade` every 10 s (%s upgrades, the first after 5 s).\n\n| run | req/s | p99 (µs) | failed requests |\n|---|---:|---:|---:|\n| without upgrades | %.0f | %.0f | %d |\n| with upgrades | %.0f | %.0f | %d |\n' \
        "$CONNECTIONS" "$seconds" "$UPGRADES" "$base_rate" "$base_p99" "$base_failed" "$up_rate" "$up_p99" "$up_failed")
}

# (h) active health checks: HEALTH_BACKENDS backends (one nginx listening on as many ports) checked
# over HTTP every second, by a torii and by a HAProxy of their own that have nothing else to do, one
# after the other. CPU per check = the proxy's CPU time over the checks the backends logged meanwhile.
HEALTH_REPORT=""
health_ports() { # N -> sets HEALTH_BASE: N consecutive loopback ports nothing listens on
    local tries
    for ((tries = 0; tries < 50; tries++)); do
        # Below the other ports and below Linux's ephemeral range, so no outgoing connection takes one; a
        # listener only (nginx reuses addresses, so the previous run's TIME_WAIT connections do not matter).
        HEALTH_BASE=$((10000 + RANDOM % (10000 - $1)))
        [ -z "$(ss -Htln "( sport >= :$HEALTH_BASE and sport < :$((HEALTH_BASE + $1)) )" 2>/dev/null)" ] && return
    done
    die "no $1 consecutive free ports for scenario (h)"
}
health_configs() { # writes the backend nginx, torii and HAProxy configs of scenario (h)
    local dir=$TMP/health i port
    mkdir -p "$dir/torii" "$dir/nginx-tmp"
    {
        printf 'worker_processes 1;\nworker_rlimit_nofile %d;\npid %s/nginx.pid;\nerror_log %s/nginx-error.log warn;\n' \
            "$((HEALTH_BACKENDS * 2 + 1000))" "$dir" "$dir"
        printf 'events { worker_connections %d; multi_accept on; }\nhttp {\n' "$((HEALTH_BACKENDS * 2 + 500))"
        printf '    log_format port $server_port;\n    access_log %s/checks.log port;\n    client_body_temp_path %s/nginx-tmp;\n' "$dir" "$dir"
        printf '    server {\n'
        for ((i = 0; i < HEALTH_BACKENDS; i++)); do printf '        listen 127.0.0.1:%d;\n' "$((HEALTH_BASE + i))"; done
        printf '        location = /health { default_type text/plain; return 200 "ok"; }\n    }\n}\n'
    } >"$dir/backend.conf"
    {
        printf 'command_socket = "torii.sock"\nlog_level = "warn"\naccess_logs_target = "off"\n\n[clusters.checked]\nprotocol = "http"\nbackends = [\n'
        for ((i = 0; i < HEALTH_BACKENDS; i++)); do printf '  { address = "127.0.0.1:%d", backend_id = "b%d" },\n' "$((HEALTH_BASE + i))" "$i"; done
        printf ']\n\n[clusters.checked.health_check]\nuri = "/health"\ninterval = 1\ntimeout = 1\nhealthy_threshold = 3\nunhealthy_threshold = 3\n'
    } >"$dir/torii/config.toml"
    {
        printf 'global\n    nbthread 1\n    maxconn %d\n\ndefaults\n    mode http\n    timeout connect 1s\n    timeout check 1s\n' "$((HEALTH_BACKENDS * 2))"
        # HAProxy refuses to start without a listener: one on a free port that nothing connects to.
        printf '    timeout client 30s\n    timeout server 30s\n\nfrontend idle\n    bind 127.0.0.1:%d\n    default_backend checked\n' "$HEALTH_IDLE_PORT"
        printf '\nbackend checked\n    option httpchk GET /health\n'
        printf '    default-server check inter 1s fall 3 rise 3\n'
        for ((i = 0; i < HEALTH_BACKENDS; i++)); do printf '    server b%d 127.0.0.1:%d\n' "$i" "$((HEALTH_BASE + i))"; done
    } >"$dir/haproxy.cfg"
}
measure_checks() { # name pid log warmup seconds expected -> sets CHECKS and CHECK_CPU_US, then stops the proxy
    local name=$1 pid=$2 log=$3 warmup=$4 seconds=$5 expected=$6 lines_before ticks_before
    STARTED+=("$pid")
    sleep "$warmup"
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "$name exited in scenario (h)"; }
    lines_before=$(wc -l <"$TMP/health/checks.log")
    ticks_before=$(cpu_ticks "$pid")
    sleep "$seconds"
    CHECKS=$(($(wc -l <"$TMP/health/checks.log") - lines_before))
    CHECK_CPU_US=$((($(cpu_ticks "$pid") - ticks_before) * 1000000 / CLK_TCK))
    kill -0 "$pid" 2>/dev/null || die "$name exited during scenario (h)"
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    ((CHECKS * 10 >= expected * 9)) || die "(h) $name made $CHECKS checks in ${seconds}s, fewer than 90% of the $expected expected"
}
scenario_health() {
    local dir=$TMP/health seconds=$((DURATION * 3)) warmup=$((WARMUP < 5 ? 5 : WARMUP)) expected
    local torii_checks torii_cpu haproxy_checks haproxy_cpu torii_per haproxy_per
    health_ports "$HEALTH_BACKENDS"
    next_port; HEALTH_IDLE_PORT=$PORT
    health_configs
    log "scenario (h): $HEALTH_BACKENDS backends on 127.0.0.1:$HEALTH_BASE-$((HEALTH_BASE + HEALTH_BACKENDS - 1)), HTTP checks every second, ${seconds}s per proxy after ${warmup}s"
    nginx -p "$dir/" -e "$dir/nginx-error.log" -c "$dir/backend.conf" -g 'daemon off;' >"$dir/nginx.log" 2>&1 &
    local nginx_master=$!
    STARTED+=("$nginx_master")
    wait_listening health-backend "$nginx_master" "$HEALTH_BASE" "$((HEALTH_BASE + HEALTH_BACKENDS - 1))"
    # shellcheck disable=SC2207
    CHILDREN+=($(pgrep -P "$nginx_master"))
    expected=$((HEALTH_BACKENDS * seconds))

    # shellcheck disable=SC2086
    (cd "$dir/torii" && exec env $TORII_ENV "$TORII" start -c "$dir/torii/config.toml") >"$dir/torii.log" 2>&1 &
    measure_checks torii "$!" "$dir/torii.log" "$warmup" "$seconds" "$expected"
    torii_checks=$CHECKS torii_cpu=$CHECK_CPU_US

    haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
    measure_checks HAProxy "$!" "$dir/haproxy.log" "$warmup" "$seconds" "$expected"
    haproxy_checks=$CHECKS haproxy_cpu=$CHECK_CPU_US

    torii_per=$(calc "$torii_cpu / $torii_checks") haproxy_per=$(calc "$haproxy_cpu / $haproxy_checks")
    log "$(printf '(h) torii:   %d checks, %.1f µs CPU per check' "$torii_checks" "$torii_per")"
    log "$(printf '(h) HAProxy: %d checks, %.1f µs CPU per check; torii/HAProxy %.2f (target <= 1)' "$haproxy_checks" "$haproxy_per" "$(calc "$torii_per / $haproxy_per")")"
    HEALTH_REPORT=$(printf '\n### (h) active health checks\n\n%d backends (one nginx listening on %d ports) checked over HTTP (`GET /health`) every second, by a torii and by a HAProxy (nbthread 1) that have nothing else configured, one after the other, %d s each after %d s; checks counted in the backends'"'"' access log.\n\n| proxy | checks | CPU µs per check |\n|---|---:|---:|\n| torii | %d | %.1f |\n| HAProxy | %d | %.1f |\n\ntorii/HAProxy: %.2f× (target ≤ 1)\n' \
        "$HEALTH_BACKENDS" "$HEALTH_BACKENDS" "$seconds" "$warmup" "$torii_checks" "$torii_per" "$haproxy_checks" "$haproxy_per" "$(calc "$torii_per / $haproxy_per")")
}

# ---------------------------------------------------------------- scenario 2: HTTP/2 over TLS
H2_STREAMS=10 H2_REPORT=""
run_h2load() { # proxy round seconds: one h2load run; round 0 is a warm-up. Sets H2_REQUESTS, H2_SECONDS, H2_CPU_US, H2_FAILED.
    local proxy=$1 round=$2 seconds=$3 output=$TMP/wrk/2-$1-$2.txt pids before after
    ((round == 0)) || wait_quiet
    read -r -a pids <<<"${PIDS_OF[$proxy]}"
    before=$(cpu_ticks "${pids[@]}")
    ${PIN[load]} h2load -c "$CONNECTIONS" -m "$H2_STREAMS" -t "$THREADS" -D "$seconds" "https://127.0.0.1:${HTTPS_PORT[$proxy]}/small" >"$output" 2>&1 ||
        { cat "$output" >&2; die "h2load failed against $proxy"; }
    after=$(cpu_ticks "${pids[@]}")
    grep -q "Application protocol: h2" "$output" || { cat "$output" >&2; die "$proxy did not negotiate h2"; }
    H2_REQUESTS=$(awk '/^requests:/ {print $8}' "$output")
    H2_FAILED=$(awk '/^requests:/ {print $10 + $12 + $14}' "$output")
    H2_SECONDS=$(awk '/^finished in/ {sub(/s,$/, "", $3); print $3}' "$output")
    H2_CPU_US=$(((after - before) * 1000000 / CLK_TCK))
    ((H2_REQUESTS > 0 || round == 0)) || { cat "$output" >&2; die "no request completed over h2 against $proxy"; }
    if ((round > 0)); then
        log "$(printf '(2) round %d %-7s %8.0f req/s  %6.1f µs CPU/req  failed %d' "$round" "$proxy" \
            "$(calc "$H2_REQUESTS / $H2_SECONDS")" "$(calc "$H2_CPU_US / $H2_REQUESTS")" "$H2_FAILED")"
    else
        log "$(printf '(2) warm-up %-7s %ds: %d requests' "$proxy" "$seconds" "$H2_REQUESTS")"
    fi
}
scenario_h2() { # 2: h2load, CONNECTIONS connections x H2_STREAMS concurrent streams each, small body, over TLS
    local proxy round
    declare -A requests=() seconds=() cpu=() failed=()
    log "scenario (2): h2load over TLS, $CONNECTIONS connections x $H2_STREAMS streams"
    for proxy in "${HTTP_PROXIES[@]}"; do run_h2load "$proxy" 0 "$(warmup_of "$proxy")"; done
    for ((round = 1; round <= ROUNDS; round++)); do
        for proxy in $(rotated "$round" "${HTTP_PROXIES[@]}"); do
            run_h2load "$proxy" "$round" "$DURATION"
            requests[$proxy]=$((${requests[$proxy]:-0} + H2_REQUESTS))
            seconds[$proxy]=$(calc "${seconds[$proxy]:-0} + $H2_SECONDS")
            cpu[$proxy]=$((${cpu[$proxy]:-0} + H2_CPU_US))
            failed[$proxy]=$((${failed[$proxy]:-0} + H2_FAILED))
        done
    done
    local rows="" rps per
    declare -A rate=() cost=()
    for proxy in "${HTTP_PROXIES[@]}"; do
        rate[$proxy]=$(calc "${requests[$proxy]} / ${seconds[$proxy]}")
        cost[$proxy]=$(calc "${cpu[$proxy]} / ${requests[$proxy]}")
        rows+=$(printf '| %s | %.0f | %.1f | %d |\n' "$(proxy_name "$proxy")" "${rate[$proxy]}" "${cost[$proxy]}" "${failed[$proxy]}")$'\n'
    done
    H2_REPORT=$(printf '\n### (2) HTTP/2 over TLS\n\nh2load, %d connections × %d concurrent streams, `GET /small` (49 B) over TLS 1.3 with ALPN h2 (HAProxy `alpn h2,http/1.1`, nginx http2, YARP Kestrel `Http1AndHttp2`), %d s × %d round(s) per proxy after the warm-up; HTTP/1.1 to the backend.\n\n| proxy | req/s | CPU µs per request | failed |\n|---|---:|---:|---:|\n%s\ntorii/HAProxy: %.2f× req/s, %.2f× CPU per request (target ≤ 1); torii/nginx: %.2f× req/s, %.2f× CPU per request; YARP/HAProxy: %.2f× req/s, %.2f× CPU per request\n' \
        "$CONNECTIONS" "$H2_STREAMS" "$DURATION" "$ROUNDS" "$rows" \
        "$(calc "${rate[torii]} / ${rate[haproxy]}")" "$(calc "${cost[torii]} / ${cost[haproxy]}")" \
        "$(calc "${rate[torii]} / ${rate[nginx]}")" "$(calc "${cost[torii]} / ${cost[nginx]}")" \
        "$(calc "${rate[yarp]} / ${rate[haproxy]}")" "$(calc "${cost[yarp]} / ${cost[haproxy]}")")
}

proxy_name() { # proxy -> its name in the report
    case $1 in haproxy) echo HAProxy ;; yarp) echo YARP ;; *) echo "$1" ;; esac
}

# ---------------------------------------------------------------- scenario p: PostgreSQL through the TCP listeners
# A throwaway cluster in TMP (trust auth, unix socket in TMP, no fsync, no synchronous commit: the proxy is what
# is measured, not the disk), `pgbench -i -s 10`, then pgbench select-only (-S) and TPC-B with PGBENCH_CLIENTS
# clients straight to PostgreSQL (the reference) and through each proxy's TCP listener, alternating per round.
PG_REPORT="" PG_BIN=""
start_postgres() {
    local dir=$TMP/postgres
    PG_BIN=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)
    [ -x "$PG_BIN/pgbench" ] && [ -x "$PG_BIN/initdb" ] || die "PostgreSQL (initdb, pg_ctl, pgbench under /usr/lib/postgresql/*/bin) is missing"
    mkdir -p "$dir/socket"
    [ "$(id -u)" -ne 0 ] || chown -R postgres: "$dir"
    as_postgres "$PG_BIN/initdb" -D "$dir/data" --auth=trust --username=bench --no-sync --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    PG_DATA=$dir/data
    as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -w -t 60 -l "$dir/postgres.log" -o "-p $POSTGRES_PORT -k $dir/socket \
        -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=$((PGBENCH_CLIENTS + 20))" \
        >"$dir/pg_ctl.log" 2>&1 || { cat "$dir/pg_ctl.log" "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
    "$PG_BIN/createdb" -h "$dir/socket" -p "$POSTGRES_PORT" -U bench bench || die "createdb failed"
    log "(p) PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$POSTGRES_PORT; pgbench -i -s 10"
    "$PG_BIN/pgbench" -i -s 10 -q -h "$dir/socket" -p "$POSTGRES_PORT" -U bench bench >"$dir/init.log" 2>&1 ||
        { cat "$dir/init.log" >&2; die "pgbench -i failed"; }
}
postgres_ticks() { # the cluster's CPU: the postmaster, its live children, and the sessions it reaped (cutime+cstime)
    local master stat f
    master=$(head -n 1 "$PG_DATA/postmaster.pid")
    stat=$(cat "/proc/$master/stat") && stat=${stat##*) } && read -r -a f <<<"$stat"
    # shellcheck disable=SC2046
    echo $((f[11] + f[12] + f[13] + f[14] + $(cpu_ticks $(pgrep -P "$master"))))
}
run_pgbench() { # workload(select|tpcb) target(direct|proxy) round seconds: one pgbench run; round 0 is a warm-up.
    # Sets PG_TRANSACTIONS, PG_SECONDS, PG_CPU_US (0 for direct), PG_LATENCY_MS, PG_FAILED, PG_OTHER_PCT.
    local workload=$1 target=$2 round=$3 seconds=$4 output=$TMP/wrk/p-$1-$2-$3.txt pids=() before after mode=()
    local started system_before system_after children_before children_after pg_before pg_after other_ticks
    [ "$workload" = select ] && mode=(-S)
    ((round == 0)) || wait_quiet
    [ "$target" = direct ] || read -r -a pids <<<"${PIDS_OF[$target]}"
    started=$EPOCHREALTIME
    system_before=$(system_busy_ticks)
    children_before=$(waited_children_ticks)
    pg_before=$(postgres_ticks)
    before=$(cpu_ticks "${pids[@]}")
    # -n: no vacuum before the run, so the runs of every target do the same work and only pgbench's
    # transactions go through the proxy.
    ${PIN[load]} "$PG_BIN/pgbench" -n "${mode[@]}" -c "$PGBENCH_CLIENTS" -j "$THREADS" -T "$seconds" \
        -h 127.0.0.1 -p "${PG_PORT[$target]}" -U bench bench >"$output" 2>&1 ||
        { cat "$output" >&2; die "pgbench ($workload) failed against $target"; }
    after=$(cpu_ticks "${pids[@]}")
    pg_after=$(postgres_ticks)
    children_after=$(waited_children_ticks)
    system_after=$(system_busy_ticks)
    # Other work on the machine: busy CPU minus the proxy's, PostgreSQL's and pgbench's (as in run_load).
    other_ticks=$(((system_after - system_before) - (after - before) - (pg_after - pg_before) - (children_after - children_before)))
    ((other_ticks > 0)) || other_ticks=0
    PG_OTHER_PCT=$(calc "100 * $other_ticks / ($CLK_TCK * ($EPOCHREALTIME - $started) * $(nproc))")
    PG_TRANSACTIONS=$(awk -F': ' '/^number of transactions actually processed/ {split($2, n, "/"); print n[1] + 0}' "$output")
    PG_FAILED=$(awk -F': ' '/^number of failed transactions/ {print $2 + 0} END {}' "$output")
    PG_FAILED=${PG_FAILED:-0}
    PG_LATENCY_MS=$(awk '/^latency average/ {print $4}' "$output")
    # pgbench's tps leaves out the connection time: the seconds the transactions took are transactions / tps.
    PG_SECONDS=$(awk -v n="$PG_TRANSACTIONS" -v s="$seconds" '/^tps = / {t = $3} END {printf "%.3f", (t > 0 ? n / t : s)}' "$output")
    PG_CPU_US=$(((after - before) * 1000000 / CLK_TCK))
    ((PG_TRANSACTIONS > 0 || round == 0)) || { cat "$output" >&2; die "no pgbench transaction completed against $target"; }
    if ((round > 0)); then
        log "$(printf '(p) %-6s round %d %-7s %8.0f TPS  %6.1f µs CPU/transaction  latency %s ms  failed %d  other load %4.1f%%' "$workload" "$round" "$target" \
            "$(calc "$PG_TRANSACTIONS / $PG_SECONDS")" "$(calc "$PG_CPU_US / $PG_TRANSACTIONS")" "$PG_LATENCY_MS" "$PG_FAILED" "$PG_OTHER_PCT")"
    else
        log "$(printf '(p) warm-up %-7s %ds: %d transactions' "$target" "$seconds" "$PG_TRANSACTIONS")"
    fi
}
scenario_postgres() {
    local workload target round rows="" table="" proxies=(direct "${TCP_PROXIES[@]}")
    start_postgres
    for target in "${proxies[@]}"; do run_pgbench select "$target" 0 "$(warmup_of "$target")"; done
    for workload in select tpcb; do
        declare -A transactions=() seconds=() cpu=() failed=() latency=() other=() tps=() cost=()
        for ((round = 1; round <= ROUNDS; round++)); do
            for target in $(rotated "$round" "${proxies[@]}"); do
                run_pgbench "$workload" "$target" "$round" "$DURATION"
                transactions[$target]=$((${transactions[$target]:-0} + PG_TRANSACTIONS))
                seconds[$target]=$(calc "${seconds[$target]:-0} + $PG_SECONDS")
                cpu[$target]=$((${cpu[$target]:-0} + PG_CPU_US))
                failed[$target]=$((${failed[$target]:-0} + PG_FAILED))
                latency[$target]="${latency[$target]:+${latency[$target]}, }$PG_LATENCY_MS"
                other[$target]="${other[$target]:+${other[$target]}, }$(printf '%.0f' "$PG_OTHER_PCT")"
            done
        done
        rows=""
        for target in "${proxies[@]}"; do
            tps[$target]=$(calc "${transactions[$target]} / ${seconds[$target]}")
            cost[$target]=$(calc "${cpu[$target]} / ${transactions[$target]}")
            if [ "$target" = direct ]; then
                rows+=$(printf '| direct to PostgreSQL (reference) | %.0f | — | %s | %d | %s |' "${tps[$target]}" "${latency[$target]}" "${failed[$target]}" "${other[$target]}")$'\n'
            else
                rows+=$(printf '| %s | %.0f | %.1f | %s | %d | %s |' "$(proxy_name "$target")" "${tps[$target]}" "${cost[$target]}" "${latency[$target]}" "${failed[$target]}" "${other[$target]}")$'\n'
            fi
        done
        local met=✗
        awk "BEGIN { exit !(${cost[torii]} <= ${cost[haproxy]}) }" && met=✓
        table+=$(printf '\n#### %s\n\n| target | TPS | proxy CPU µs per transaction | latency average (ms, per round) | failed | other load (%% of all CPUs, per round) |\n|---|---:|---:|---:|---:|---:|\n%s\ntorii/HAProxy: %.2f× TPS, **%.2f× CPU per transaction** (target ≤ 1.00× %s); nginx/HAProxy: %.2f× TPS, %.2f× CPU per transaction; torii/direct: %.2f× TPS\n' \
            "$([ "$workload" = select ] && echo 'select-only (`pgbench -S`)' || echo 'TPC-B (pgbench default)')" "$rows" \
            "$(calc "${tps[torii]} / ${tps[haproxy]}")" "$(calc "${cost[torii]} / ${cost[haproxy]}")" "$met" \
            "$(calc "${tps[nginx]} / ${tps[haproxy]}")" "$(calc "${cost[nginx]} / ${cost[haproxy]}")" \
            "$(calc "${tps[torii]} / ${tps[direct]}")")$'\n'
    done
    stop_postgres
    PG_REPORT=$(printf '\n### (p) PostgreSQL through the TCP listeners\n\n`pgbench -n -c %d -j %d -T %d` against a throwaway PostgreSQL %s cluster (`pgbench -i -s 10`; trust auth, `fsync=off`, `synchronous_commit=off`, `full_page_writes=off`, so the proxy is what is measured), over TCP on 127.0.0.1: straight to PostgreSQL and through the TCP listeners of torii, HAProxy (`mode tcp`) and nginx (`stream`); YARP has no TCP proxying. %d round(s), the targets alternating (start rotated each round), after a select-only warm-up; TPS = transactions / time summed over the rounds; proxy CPU = utime+stime of the proxy'"'"'s processes over the run / transactions.\n%s' \
        "$PGBENCH_CLIENTS" "$THREADS" "$DURATION" "$("$PG_BIN/postgres" --version | awk '{print $3}')" "$ROUNDS" "$table")
}

# shellcheck source=bench/scale.sh
source "$ROOT/bench/scale.sh" # scenario (s), state at scale
# shellcheck source=bench/profile.sh
source "$ROOT/bench/profile.sh" # --profile
QUIET_PCT=$(printf "%.1f" "$(busy_percent 3)")
log "machine load before measuring (nothing running against the proxies): ${QUIET_PCT}% of all CPUs"
awk "BEGIN { exit !($QUIET_PCT > 10) }" && log "warning: other work is using the machine; the numbers will be noisy (see 'other load' in the report)"
log "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per run, $ROUNDS round(s); warm-up torii and YARP ${WARMUP}s, others ${WARMUP_OTHERS}s"
log "note: wrk, the backend and the proxy share this machine's $(nproc) CPUs ($PIN_NOTE)"
for scenario in a b c d; do
    if has_scenario "$scenario"; then scenario_load "$scenario"; fi
done
if has_scenario e; then scenario_idle; fi
if has_scenario f; then scenario_churn; fi
if has_scenario g; then scenario_g; fi
if has_scenario m; then scenario_metrics; fi
if has_scenario h; then scenario_health; fi
if has_scenario u; then scenario_upgrade; fi
if has_scenario 2; then scenario_h2; fi
if has_scenario p; then scenario_postgres; fi
if has_scenario s; then scenario_scale; fi

# ---------------------------------------------------------------- report
runtime=$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.NETCore.App" {v = $2} END {print v}')
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ] || commit="$commit + uncommitted changes in src/"
META=$TMP/meta.env
cat >"$META" <<EOF
date=$(date -u '+%Y-%m-%d %H:%M UTC')
command=$COMMAND_LINE
nproc=$(nproc)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
memory=$(awk '/^MemTotal:/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo)
kernel=Linux $(uname -r)
haproxy=$(haproxy -v | awk 'NR == 1 {print "HAProxy " $3}')
nginx=$(nginx -v 2>&1 | sed 's|.*nginx/|nginx |')
wrk=$(wrk --version 2>&1 | awk 'NR == 1 {print "wrk " $2}')
yarp=YARP $(awk -F'"' '/"Yarp.ReverseProxy\// {sub(/.*\//, "", $2); print $2; exit}' "$ROOT/out/torii-bench-yarp/torii-bench-yarp.deps.json")
dotnet=$runtime
torii_commit=$commit
duration=$DURATION
rounds=$ROUNDS
warmup=$WARMUP
warmup_others=$WARMUP_OTHERS
connections=$CONNECTIONS
threads=$THREADS
idle_connections=$IDLE_CONNECTIONS
churn_rate=$CHURN_RATE
churn_target=$CHURN_TARGET
churn_target_note=$CHURN_TARGET_NOTE
pinning=$PIN_NOTE
access_logs=$ACCESS_LOG_NOTE
torii_env=${TORII_ENV:-none}
torii_worker_count=${TORII_WORKER_COUNT:-one socket loop per CPU (shipped default)}
idle_rounds=$IDLE_ROUNDS
load_before=$QUIET_PCT
quiet_wait=$QUIET_WAIT
tls_certificate=$TLS_CERTIFICATE_NOTE
tls_negotiated=${TLS_NEGOTIATED:-not checked}
torii_tls_env=$TORII_TLS_NOTE
metrics_rounds=$METRICS_ROUNDS
EOF
mkdir -p "$(dirname "$OUT")"
status=0
"$BENCH" report --raw "$RAW" --meta "$META" --out "$OUT" || status=$?
((status == 0 || status == 3)) || die "torii-bench report failed"
[ -z "$UPGRADE_REPORT" ] || printf '%s\n' "$UPGRADE_REPORT" >>"$OUT"
[ -z "$HEALTH_REPORT" ] || printf '%s\n' "$HEALTH_REPORT" >>"$OUT"
[ -z "$H2_REPORT" ] || printf '%s\n' "$H2_REPORT" >>"$OUT"
[ -z "$PG_REPORT" ] || printf '%s\n' "$PG_REPORT" >>"$OUT"
[ -z "$SCALE_REPORT" ] || printf '%s\n' "$SCALE_REPORT" >>"$OUT"
profile_report
[ -z "$PROFILE_REPORT" ] || printf '%s\n' "$PROFILE_REPORT" >>"$OUT"
echo
cat "$OUT"
log "written to $OUT"
if ((status == 3)); then
    log "scenario (f) lost requests or commands while backends were churned: see the (f) row"
    exit 1
fi
if ((UPGRADE_FAILED)); then
    log "scenario (u) lost requests while torii was upgraded: see the (u) table"
    exit 1
fi
exit 0
}
