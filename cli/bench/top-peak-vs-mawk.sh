#!/usr/bin/env bash
# Benchmark: per-cache peak memory over a ~300 MB slabinfo series, 'slabtrace top --format csv'
# against mawk doing the same aggregation on the same file, side by side, process start included.
# Usage: cli/bench/top-peak-vs-mawk.sh [COPIES] [RUNS]   (defaults 300 copies of the 40-snapshot
# live capture = ~300 MB, 5 runs each, alternating). Prints each run and the medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${1:-300}"
runs="${2:-5}"
command -v mawk >/dev/null || { echo "mawk is needed (apt-get install mawk)" >&2; exit 1; }
"$root/slabtrace" --version > /dev/null  # builds the jar and its class-data archive when needed
. "$root/cli/bench/side-by-side.sh"
series="$(big_series "$copies")"
work="$(dirname "$series")"
echo "series: $series ($(du -h "$series" | cut -f1), $(grep -c '^slabinfo - version' "$series") snapshots)"

side_by_side "$runs" slabtrace 0.5 \
  '"$root/slabtrace" top --format csv "$series" > "$work/java.csv"' \
  'mawk "$peak_awk" "$series" > "$work/mawk.csv"'
# both must agree on every cache's peak
diff <(cut -d, -f1,19 "$work/java.csv" | tail -n +2 | sort) <(cut -d, -f1,2 "$work/mawk.csv" | tail -n +2 | sort) > /dev/null \
  && echo "peaks agree for every cache" || { echo "peaks differ between slabtrace and mawk" >&2; exit 1; }
