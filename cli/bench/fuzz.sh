#!/usr/bin/env bash
# Runs the fuzzer (cli/src/test/java/io/slabtrace/cli/fuzz) longer than the minute 'mvn verify' gives it, from a new
# seed each run unless one is given. Inputs that break a rule land in cli/target/fuzz-crashes/TARGET/; copy each to
# cli/src/test/resources/fuzz-regressions/TARGET/ (every build replays them) and fix the reader.
# Usage: cli/bench/fuzz.sh [SECONDS] [SEED]      (default 600 s, seed from the clock)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds="${1:-600}"
seed="${2:-$(date +%s)}"
rm -rf cli/target/fuzz-crashes  # only this run's finds
echo "fuzzing for ${seconds} s from seed ${seed}" >&2
mvn -B -q -o -pl cli -am test -Dtest='ReaderFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dslabtrace.fuzz.seconds="$seconds" -Dslabtrace.fuzz.seed="$seed" 2>&1 | grep -E '^fuzz |broke the rule|Tests run' || true
ls cli/target/fuzz-crashes 2>/dev/null && echo "crashes kept under cli/target/fuzz-crashes" >&2 || echo "no crash" >&2
