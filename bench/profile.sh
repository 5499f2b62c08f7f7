# shellcheck shell=bash
# --profile: where each proxy's CPU goes in the load scenarios (issue 14 asks, for every target not met, for the
# profile that shows what stands in the way). Sourced by bench/run.sh, which provides TMP, PIDS_OF, log, calc,
# cpu_user_sys, url_of, proxy_name, CLK_TCK, THREADS, CONNECTIONS, PIN.
#
# After a scenario's measured rounds, each proxy gets one more run of PROFILE_SECONDS under the same wrk load,
# not counted in the tables above it: `perf stat` counts its system calls and context switches, `perf record`
# samples where its CPU goes (by binary, then by function), and /proc gives its user and system time. The proxies run
# exactly as measured: naming .NET's JIT-compiled methods would take DOTNET_PerfMapEnabled=1 and
# DOTNET_EnableWriteXorExecute=0, which change the process being compared, so that code is one block.
PROFILE_SECONDS=${PROFILE_SECONDS:-6}
PROFILE_REPORT=""
PROFILE_ROWS=""
PROFILE_FUNCTIONS=""
# System calls counted one by one (those a proxy's data path makes); the total counts every kind.
PROFILE_SYSCALLS=(read write readv writev recvfrom sendto recvmsg sendmsg poll ppoll epoll_wait epoll_pwait epoll_ctl futex
    sched_yield accept4 connect close shutdown splice setsockopt getsockopt ioctl io_uring_enter)
PROFILE_EVENTS="" # perf stat's event list, made once by profile_events

# profile_events: sets PROFILE_EVENTS, keeping the system calls this kernel has a tracepoint for
profile_events() {
    [ -z "$PROFILE_EVENTS" ] || return 0
    local call
    PROFILE_EVENTS=task-clock,context-switches,raw_syscalls:sys_enter
    for call in "${PROFILE_SYSCALLS[@]}"; do
        if perf list "syscalls:sys_enter_$call" 2>/dev/null | grep -q .; then PROFILE_EVENTS+=",syscalls:sys_enter_$call"; fi
    done
}

# profile_top FILE SORT N -> "name 12.3%, name 4.5%, ..." from perf report, the N largest (percent of samples)
profile_top() {
    # awk reads to the end: leaving early would stop perf with SIGPIPE, which pipefail makes the pipeline's failure.
    perf report -i "$1" --no-children --sort "$2" --stdio 2>/dev/null |
        awk -v n="$3" '/^#/ || NF < 2 || count >= n { next } $1 ~ /%$/ {
            pct = $1; $1 = ""; sub(/^ +/, ""); gsub(/\|/, "/"); sub(/memfd:doublemapper \(deleted\)/, "JIT-compiled .NET code");
            if (length($0) > 70) $0 = substr($0, 1, 67) "...";
            out = out (count++ ? ", " : "") "`" $0 "` " pct } END { print out }'
}

# profile_load SCENARIO PROXY: one profiled run; appends its row to PROFILE_ROWS and its functions to PROFILE_FUNCTIONS
profile_load() {
    local scenario=$1 proxy=$2 url extra=() pids csv dir=$TMP/profile/$1-$2
    mkdir -p "$dir"
    url=$(url_of "$scenario" "$proxy")
    case $scenario in c | g2) extra=(-H "Connection: close") ;; esac
    read -r -a pids <<<"${PIDS_OF[$proxy]}"
    csv=$(IFS=,; echo "${pids[*]}")
    local user_before sys_before user_after sys_after
    profile_events
    read -r user_before sys_before <<<"$(cpu_user_sys "${pids[@]}")"
    perf stat -x, -e "$PROFILE_EVENTS" -p "$csv" -o "$dir/stat.csv" -- sleep "$PROFILE_SECONDS" &
    local stat_pid=$!
    perf record -q -F 999 -p "$csv" -o "$dir/perf.data" -- sleep "$PROFILE_SECONDS" >/dev/null 2>&1 &
    local record_pid=$!
    ${PIN[load]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${PROFILE_SECONDS}s" "${extra[@]}" "$url" >"$dir/wrk.txt" 2>&1
    wait "$stat_pid" "$record_pid" || log "(profile) perf failed for $proxy in ($scenario): see $dir"
    read -r user_after sys_after <<<"$(cpu_user_sys "${pids[@]}")"
    local requests switches syscalls
    requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
    ((requests > 0)) || { log "(profile) no request completed against $proxy in ($scenario)"; return; }
    switches=$(awk -F, '$3 == "context-switches" {print $1}' "$dir/stat.csv")
    syscalls=$(awk -F, '$3 == "raw_syscalls:sys_enter" {print $1}' "$dir/stat.csv")
    # The kinds that make at least 0.05 calls per request, most frequent first.
    local kinds
    kinds=$(awk -F, -v n="$requests" '$3 ~ /^syscalls:sys_enter_/ && $1 / n >= 0.05 {
            sub(/^syscalls:sys_enter_/, "", $3); printf "%.2f %s\n", $1 / n, $3 }' "$dir/stat.csv" |
        sort -rn | awk '{ out = out (NR > 1 ? ", " : "") $2 " " $1 } END { print out }')
    PROFILE_ROWS+="| ($scenario) | $(proxy_name "$proxy") | $(calc "($user_after - $user_before) * 1000000 / $CLK_TCK / $requests") | $(calc "($sys_after - $sys_before) * 1000000 / $CLK_TCK / $requests") | $(calc "${syscalls:-0} / $requests") ($kinds) | $(calc "${switches:-0} / $requests") | $(profile_top "$dir/perf.data" dso 5) |"$'\n'
    PROFILE_FUNCTIONS+="- ($scenario) $(proxy_name "$proxy"): $(profile_top "$dir/perf.data" sym 10)"$'\n'
    log "(profile) ($scenario) $proxy: $requests requests profiled"
}

profile_report() { # sets PROFILE_REPORT from the rows gathered
    [ -n "$PROFILE_ROWS" ] || return 0
    PROFILE_REPORT="### Profiles (--profile)

One more run of ${PROFILE_SECONDS} s per proxy after each scenario's measured rounds, under the same load, not counted in the tables above: user and system CPU per request from /proc, system calls and context switches per request from \`perf stat\` (raw_syscalls:sys_enter, context-switches), and where the CPU goes from \`perf record -F 999\` (share of the proxy's samples, by binary, then by function; .NET's JIT-compiled code, torii's and YARP's, is one unnamed block: naming its methods would change the process). perf adds its own cost to these runs.

| scenario | proxy | user µs/req | system µs/req | system calls/req (by kind) | context switches/req | CPU by binary |
|---|---|---:|---:|---:|---:|---|
${PROFILE_ROWS}
Largest functions (share of the proxy's samples):

${PROFILE_FUNCTIONS}"
}
