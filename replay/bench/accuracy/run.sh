#!/usr/bin/env bash
# The strict figure as an outside checker counts it, for captures made by capture.sh (or any directory holding
# kmem-trace.txt, slabinfo.before, slabinfo.after): replay from the counters alone (no sysfs), then strict.py.
# Usage: replay/bench/accuracy/run.sh DIR... [-- -v|-c|-n]   (-v: every miss; -c: misses by category; -n: against before + traced net)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
dirs=(); while [ $# -gt 0 ] && [ "$1" != -- ]; do dirs+=("$1"); shift; done; [ $# -gt 0 ] && shift
for c in "${dirs[@]}"; do
  "$root/slabtrace" replay "$c/kmem-trace.txt" --before "$c/slabinfo.before" --after "$c/slabinfo.after" --format json > "$c/replay.json"
  printf "%s  " "$c"; python3 "$root/replay/bench/accuracy/strict.py" "$c/kmem-trace.txt" "$c/slabinfo.before" "$c/slabinfo.after" "$c/replay.json" "$@"
done
