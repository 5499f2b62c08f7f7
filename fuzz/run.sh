#!/usr/bin/env bash
# Coverage-guided fuzzing of one Torii component with afl++ and SharpFuzz.
# Usage: fuzz/run.sh TARGET SECONDS    (TARGET: a folder name under fuzz/seeds/)
# Work files (instrumented build, afl's queue, crashes, hangs) go to $FUZZ_WORK/TARGET,
# by default fuzz/work/TARGET.
set -euo pipefail

if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 TARGET SECONDS" >&2
    exit 2
fi

target=$1
seconds=$2
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
seeds=$fuzz_dir/seeds/$target
if [[ ! -d $seeds ]]; then
    echo "unknown target $target; targets: $(ls "$fuzz_dir/seeds" | tr '\n' ' ')" >&2
    exit 2
fi

# The assemblies whose code afl's coverage map follows; the harness itself stays uninstrumented.
case $target in
    request-head | response-head | chunked-body | proxy-header) assemblies=(Torii.Proxy.dll) ;;
    command-frame | state-file) assemblies=(Torii.Protocol.dll) ;;
    toml) assemblies=(Torii.Config.dll) ;;
    pulsar-frame) assemblies=(Torii.Pulsar.dll) ;;
    *) echo "no assemblies listed for $target" >&2; exit 2 ;;
esac

if ! command -v afl-fuzz > /dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ > /dev/null
fi

work=${FUZZ_WORK:-$fuzz_dir/work}/$target
mkdir -p "$work"

# One build at a time: two runs started together would otherwise share obj/.
(
    flock 9
    cd "$fuzz_dir"
    dotnet tool restore > /dev/null
    dotnet build Torii.Fuzz/Torii.Fuzz.csproj -c Release -o "$fuzz_dir/work/build" -nologo -v quiet > "$work/build.log" \
        || { cat "$work/build.log" >&2; exit 1; }
    rm -rf "$work/bin"
    cp -r "$fuzz_dir/work/build" "$work/bin"
    for assembly in "${assemblies[@]}"; do
        dotnet sharpfuzz "$work/bin/$assembly" > /dev/null
    done
) 9> "$fuzz_dir/.build.lock"

# dotnet is not an afl-instrumented binary (SharpFuzz speaks afl's fork-server protocol itself);
# a container has no CPU frequency control, no crash handler set for afl, no terminal for its UI,
# and other work on its cores.
export AFL_SKIP_BIN_CHECK=1
export AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1
export AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000
export AFL_SHUFFLE_QUEUE=1
export DOTNET_TieredPGO=0

rm -rf "$work/findings"
status=0
afl-fuzz -i "$seeds" -o "$work/findings" -V "$seconds" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none \
    -- dotnet "$work/bin/Torii.Fuzz.dll" "$target" > "$work/afl.log" 2>&1 || status=$?

stats=$work/findings/default/fuzzer_stats
if [[ ! -f $stats ]]; then
    echo "afl-fuzz exited with $status before fuzzing; see $work/afl.log:" >&2
    tail -20 "$work/afl.log" >&2
    exit 1
fi

stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
crashes=$(find "$work/findings/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$work/findings/default/hangs" -type f -name 'id:*' | wc -l)
echo "target:     $target"
echo "run time:   $(stat run_time) s"
echo "executions: $(stat execs_done) ($(stat execs_per_sec)/s)"
echo "corpus:     $(stat corpus_count) inputs, $(stat bitmap_cvg) of the map"
echo "crashes:    $crashes"
echo "hangs:      $hangs"
for file in "$work"/findings/default/crashes/id:* "$work"/findings/default/hangs/id:*; do
    [[ -f $file ]] && echo "  $file"
done
echo "replay one: dotnet $work/bin/Torii.Fuzz.dll $target --replay FILE"
[[ $crashes -eq 0 && $hangs -eq 0 ]]
