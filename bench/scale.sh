# shellcheck shell=bash
# Scenario (s), state at scale (issue 14): sourced by bench/run.sh, which provides TMP, TORII, BENCH, RAW,
# log, die, next_port, wait_listening, cpu_ticks, rss_kib, calc, parse_wrk, system_busy_ticks, CLK_TCK, STARTED, PIN,
# BACKEND_PORT, TORII_ACCESS_LOG, CHURN_RATE, CONNECTIONS, THREADS, DURATION, WARMUP, MAXCONN, TORII_ENV.
#
# A torii of its own (nothing else configured but one HTTP listener and the cluster "web" that (a) uses)
# loads SCALE_CLUSTERS clusters x (1 frontend + 1 backend) from a state file written by torii-bench
# state-file, then: `cluster list --json` and `state save` are timed; backends of one of the loaded
# clusters are added and removed at CHURN_RATE per second and the proxy's CPU per change is its CPU
# over the churn minus its CPU over as long a time idle, divided by the changes; last, the same churn
# on "web" while wrk runs (a) through it, for the command latencies and failed requests: sent through
# Torii.Client, then again by a blocking client, so the proxy's share of the latency shows apart from the client's.
SCALE_CLUSTERS=${SCALE_CLUSTERS:-100000}
SCALE_REPORT=""

# scale_churn CLUSTER SECONDS OUT: torii-bench churn against the scale torii; sets SCALE_CHURN_* from its summary.
scale_churn() {
    local cluster=$1 seconds=$2 out=$3 result applied failed seconds_ rate p50_us p99_us max_us
    ${PIN[load]} "$BENCH" churn --socket "$SCALE_DIR/torii.sock" --cluster "$cluster" --address "127.0.0.1:$BACKEND_PORT" \
        --rate "$CHURN_RATE" --seconds "$seconds" --warmup-pairs 20 >"$out" 2>"$out.err" || { cat "$out.err" >&2; die "(s) torii-bench churn failed"; }
    result=$(<"$out")
    eval "${result/seconds=/seconds_=}"
    SCALE_CHURN_APPLIED=$applied SCALE_CHURN_FAILED=$failed SCALE_CHURN_P99=$p99_us SCALE_CHURN_MAX=$max_us
    [ -s "$out.err" ] && sed 's/^/    /' "$out.err" >&2
    return 0
}

# scale_under_load CLIENT PORT: wrk (a) through the scale torii for DURATION s while torii-bench churn --client CLIENT
# adds and removes backends of "web"; sets SCALE_LOAD_* from wrk's and the churn's summaries.
scale_under_load() {
    local client=$1 port=$2 output=$TMP/wrk/s-torii-$1.txt out=$SCALE_DIR/churn-load-$1.out churn_pid parsed
    local secs p50 p99 errors non2xx result applied failed seconds_ rate p50_us p99_us max_us
    ${PIN[load]} "$BENCH" churn --client "$client" --socket "$SCALE_DIR/torii.sock" --cluster web --address "127.0.0.1:$BACKEND_PORT" \
        --rate "$CHURN_RATE" --seconds "$((DURATION + 1))" --warmup-pairs 20 >"$out" 2>"$out.err" &
    churn_pid=$!
    STARTED+=("$churn_pid")
    sleep 0.5
    ${PIN[load]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port/small" >"$output" 2>&1 ||
        { cat "$output" >&2; die "(s) wrk failed"; }
    wait "$churn_pid" || { cat "$out.err" >&2; die "(s) torii-bench churn --client $client failed under load"; }
    result=$(<"$out")
    eval "${result/seconds=/seconds_=}"
    parsed=$(parse_wrk "$output")
    IFS=$'\t' read -r SCALE_LOAD_REQUESTS secs p50 p99 errors non2xx <<<"$parsed"
    SCALE_LOAD_FAILED_REQUESTS=$((errors + non2xx)) SCALE_LOAD_APPLIED=$applied SCALE_LOAD_FAILED=$failed
    SCALE_LOAD_P50=$p50_us SCALE_LOAD_P99=$p99_us SCALE_LOAD_MAX=$max_us
}

# scale_timed VAR COMMAND...: runs the torii CLI command against the scale torii, VAR = wall seconds.
scale_timed() {
    local var=$1 started output
    shift
    started=$EPOCHREALTIME
    output=$("$TORII" "$@" --socket "$SCALE_DIR/torii.sock" --timeout 600000 2>&1) || { echo "$output" >&2; die "(s) torii $* failed"; }
    printf -v "$var" '%s' "$(calc "$EPOCHREALTIME - $started")"
    SCALE_OUTPUT=$output
}

scale_row() { # metric measured target met(0/1, empty: no target)
    local verdict=no
    if [[ -z $4 ]]; then verdict="—"; elif (($4)); then verdict=yes; fi
    printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$verdict"
}

scenario_scale() { # s
    local dir=$TMP/scale pid port state n=$SCALE_CLUSTERS seconds=$DURATION
    local busy_before scenario_started
    busy_before=$(system_busy_ticks) scenario_started=$EPOCHREALTIME
    SCALE_DIR=$dir/torii
    mkdir -p "$SCALE_DIR"
    next_port; port=$PORT
    printf 'command_socket = "torii.sock"\nlog_level = "warn"\naccess_logs_target = "%s"\nmax_connections = %d\n\n[[listeners]]\nprotocol = "http"\naddress = "127.0.0.1:%d"\n\n[clusters.web]\nprotocol = "http"\nload_balancing = "ROUND_ROBIN"\nfrontends = [{ address = "127.0.0.1:%d", hostname = "127.0.0.1" }]\nbackends = [{ address = "127.0.0.1:%d", backend_id = "origin" }]\n' \
        "$TORII_ACCESS_LOG" "$MAXCONN" "$port" "$port" "$BACKEND_PORT" >"$SCALE_DIR/config.toml"
    state=$dir/state.json
    "$BENCH" state-file --clusters "$n" --listener "127.0.0.1:$port" --backend "127.0.0.1:$BACKEND_PORT" --out "$state" >/dev/null ||
        die "(s) torii-bench state-file failed"
    log "scenario (s): $n clusters x (1 frontend + 1 backend), $((n * 3)) requests in $(du -h "$state" | cut -f1) of state file"

    # shellcheck disable=SC2086
    (cd "$SCALE_DIR" && exec env $TORII_ENV ${PIN[torii]} "$TORII" start -c "$SCALE_DIR/config.toml") >"$TMP/torii-scale.log" 2>&1 &
    pid=$!
    STARTED+=("$pid")
    wait_listening torii-scale "$pid" "$port"
    sleep 1
    local rss_before rss_after load_s list_s save_s per_cluster
    rss_before=$(rss_kib "$pid")
    scale_timed load_s state load -f "$state"
    [[ $SCALE_OUTPUT == *"$((n * 3)) requests applied, 0 failed"* ]] || die "(s) the state did not load cleanly: $SCALE_OUTPUT"
    sleep 2
    rss_after=$(rss_kib "$pid")
    per_cluster=$(((rss_after - rss_before) * 1024 / n))
    log "(s) state load: ${load_s} s; RSS $rss_before -> $rss_after KiB, $per_cluster bytes per cluster"
    scale_timed list_s cluster list --json
    local listed
    listed=$(grep -o '"c[0-9]*"' <<<"$SCALE_OUTPUT" | wc -l)
    ((listed >= n)) || die "(s) cluster list --json listed $listed clusters, not $n"
    scale_timed save_s state save -f "$dir/saved.json"
    (($(wc -l <"$dir/saved.json") >= n * 3)) || die "(s) the saved state has fewer than $((n * 3)) lines"
    log "(s) cluster list --json: ${list_s} s ($listed clusters); state save: ${save_s} s"

    # Proxy CPU per backend change: a warm-up churn as long as torii's warm-up (the tiered JIT recompiles the
    # command path for seconds: 60% of the proxy's CPU over a first 5 s churn), then idle and churn over the same time.
    scale_churn c1 "$WARMUP" "$dir/churn-warmup.out"
    local idle_before idle_ticks churn_before churn_ticks change_us
    idle_before=$(cpu_ticks "$pid")
    sleep "$seconds"
    idle_ticks=$(($(cpu_ticks "$pid") - idle_before))
    churn_before=$(cpu_ticks "$pid")
    scale_churn c1 "$seconds" "$dir/churn-alone.out"
    churn_ticks=$(($(cpu_ticks "$pid") - churn_before))
    ((SCALE_CHURN_APPLIED > 0)) || die "(s) no backend change was applied"
    change_us=$(calc "($churn_ticks - $idle_ticks) * 1000000 / $CLK_TCK / $SCALE_CHURN_APPLIED")
    log "(s) backend add/remove: $SCALE_CHURN_APPLIED changes, proxy CPU $churn_ticks ticks (idle $idle_ticks over as long): $change_us µs per change"

    # The churn on "web" while wrk runs (a) through it, after the same warm-up of the HTTP path as every other
    # scenario gives torii: the first seconds of traffic in a fresh process run while the JIT tiers the HTTP path
    # up (p99 ~150 ms in the first second after start, with or without a state), which is the cold start, not
    # the cost of commands under load; it is reported on its own in the notes, not folded into this row.
    ${PIN[load]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port/small" >/dev/null 2>&1 ||
        die "(s) wrk warm-up failed"
    scale_under_load pooled "$port"
    local requests=$SCALE_LOAD_REQUESTS failed_requests=$SCALE_LOAD_FAILED_REQUESTS failed=$SCALE_LOAD_FAILED
    local p99_us=$SCALE_LOAD_P99 max_us=$SCALE_LOAD_MAX applied=$SCALE_LOAD_APPLIED
    log "(s) under (a), pooled client: $requests requests ($failed_requests failed), $applied changes ($failed failed), command p99 $p99_us µs, max $max_us µs"
    scale_under_load blocking "$port"
    local blocking_p50=$SCALE_LOAD_P50 blocking_p99=$SCALE_LOAD_P99 blocking_max=$SCALE_LOAD_MAX
    failed_requests=$((failed_requests + SCALE_LOAD_FAILED_REQUESTS)) failed=$((failed + SCALE_LOAD_FAILED))
    log "(s) under (a), blocking client: $SCALE_LOAD_REQUESTS requests ($SCALE_LOAD_FAILED_REQUESTS failed), $SCALE_LOAD_APPLIED changes ($SCALE_LOAD_FAILED failed), command p50 $blocking_p50 µs, p99 $blocking_p99 µs, max $blocking_max µs"
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true

    local kib_per_cluster busy_pct
    kib_per_cluster=$(calc "$per_cluster / 1024")
    busy_pct=$(calc "100 * ($(system_busy_ticks) - $busy_before) / ($CLK_TCK * ($EPOCHREALTIME - $scenario_started) * $(nproc))")
    SCALE_REPORT=$(
        printf '\n### (s) state at scale\n\n'
        printf '%d clusters x (1 HTTP frontend + 1 backend) loaded by `torii state load` from a state file of %d requests (torii-bench state-file) into a torii with nothing else configured; backend changes at %s per second through the command socket (torii-bench churn); (a) is wrk -t%d -c%d for %d s through that torii while its cluster'"'"'s backends are churned, after %d s of (a) alone to warm the HTTP path up as in the other scenarios; it runs twice: the churn is sent first through Torii.Client (the pooled async client that the CLI and the connectors use: the rows with targets), then from one thread making blocking socket calls on one connection (torii-bench churn --client blocking: the proxy'"'"'s own answer time plus one wake-up of that thread, with no thread pool hand-off in the client).\n\n' \
            "$n" "$((n * 3))" "$CHURN_RATE" "$THREADS" "$CONNECTIONS" "$seconds" "$WARMUP"
        printf 'The CPUs were %s%% busy over the scenario (every process, this torii and its load included): the times are wall-clock and grow with other work on the machine.\n\n' "$busy_pct"
        printf '| metric | measured | target | met |\n|---|---:|---:|---|\n'
        scale_row "state load" "$load_s s" "≤ 5 s" "$(awk "BEGIN { print ($load_s <= 5) }")"
        scale_row "RSS per cluster with its routes" "$kib_per_cluster KiB" "≤ 2 KiB" "$(awk "BEGIN { print ($per_cluster <= 2048) }")"
        scale_row '`torii cluster list --json`' "$list_s s" "≤ 1 s" "$(awk "BEGIN { print ($list_s <= 1) }")"
        scale_row '`torii state save`' "$save_s s" "≤ 1 s" "$(awk "BEGIN { print ($save_s <= 1) }")"
        scale_row "proxy CPU per backend add/remove" "$change_us µs" "≤ 50 µs" "$(awk "BEGIN { print ($change_us <= 50) }")"
        scale_row "command answer p99 under (a)" "$(calc "$p99_us / 1000") ms" "≤ 2 ms" "$(awk "BEGIN { print ($p99_us <= 2000) }")"
        scale_row "command answer max under (a)" "$(calc "$max_us / 1000") ms" "≤ 20 ms" "$(awk "BEGIN { print ($max_us <= 20000) }")"
        scale_row "failed requests / commands under (a)" "$failed_requests / $failed" "0 / 0" "$((failed_requests + failed == 0))"
        scale_row "command answer p50 / p99 / max under (a), blocking client" "$(calc "$blocking_p50 / 1000") / $(calc "$blocking_p99 / 1000") / $(calc "$blocking_max / 1000") ms" "—" ""
    )
}
