#!/usr/bin/env bash
# Prints one line: how many cases of the third-party conformance data (../shared/conformance) ran, or why
# they were skipped. It counts the results the run itself recorded in the .trx files of folder $1, so it
# reports what ran, not what was expected to.
set -euo pipefail
results=$1

# The results whose test name starts with $1 and that ran (passed or failed; a skipped one did not).
ran() {
    cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' | grep -F "testName=\"$1" \
        | grep -cE 'outcome="(Passed|Failed)"' || true
}

toml=$(ran 'Torii.Config.Tests.Toml.TomlConformanceTests.Case(')
frames=$(ran 'Torii.Pulsar.Tests.CapturedFrameTests.Frame_decodes_to_the_command_its_name_says_and_reencodes_to_the_same_bytes(')
reasons=$(cat "$results"/*.trx 2>/dev/null | grep -o 'conformance data not found at [^<&"]*' | sort -u | paste -sd ';' - | sed 's/;/; /g' || true)

if [ "$toml" -eq 0 ] && [ "$frames" -eq 0 ] && [ -n "$reasons" ]; then
    echo "conformance: skipped ($reasons)"
else
    echo "conformance: $toml TOML cases, $frames Pulsar frames ran${reasons:+ (skipped: $reasons)}"
fi
