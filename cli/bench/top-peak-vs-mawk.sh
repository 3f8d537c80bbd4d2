#!/usr/bin/env bash
# Benchmark: per-cache peak memory over a ~300 MB slabinfo series, 'slabtrace top --format csv'
# against mawk doing the same aggregation on the same file, side by side, process start included.
# Usage: cli/bench/top-peak-vs-mawk.sh [COPIES] [RUNS]   (defaults 300 copies of the 40-snapshot
# live capture = ~300 MB, 5 runs each, alternating). Prints each run and the medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${1:-300}"
runs="${2:-5}"
src="$root/samples/live-6.18/dentry-storm/slabinfo-loop.log"
work="${TMPDIR:-/tmp}/slabtrace-bench"
series="$work/series-${copies}.log"
mkdir -p "$work"
command -v mawk >/dev/null || { echo "mawk is needed (apt-get install mawk)" >&2; exit 1; }
"$root/slabtrace" --version > /dev/null  # builds the jar and its class-data archive when needed
if [ ! -s "$series" ]; then
  for ((i = 0; i < copies; i++)); do cat "$src"; done > "$series.tmp" && mv "$series.tmp" "$series"
fi
echo "series: $series ($(du -h "$series" | cut -f1), $(grep -c '^slabinfo - version' "$series") snapshots)"

# The same job in awk: a timestamp line names the snapshot; a 2.1 row gives name, pagesperslab ($6)
# and num_slabs ($15); keep each cache's largest num_slabs x pagesperslab x 4096 and when.
awk_prog='NF == 1 { ts = $1; next }
$13 == "slabdata" { m = $15 * $6 * 4096; if (!($1 in peak) || m > peak[$1]) { peak[$1] = m; at[$1] = ts } }
END { print "name,peak_memory_bytes,peak_at"; for (c in peak) print c "," peak[c] "," at[c] }'

. "$root/cli/bench/side-by-side.sh"
side_by_side "$runs" slabtrace 0.5 \
  '"$root/slabtrace" top --format csv "$series" > "$work/java.csv"' \
  'mawk "$awk_prog" "$series" > "$work/mawk.csv"'
# both must agree on every cache's peak
diff <(cut -d, -f1,19 "$work/java.csv" | tail -n +2 | sort) <(cut -d, -f1,2 "$work/mawk.csv" | tail -n +2 | sort) > /dev/null \
  && echo "peaks agree for every cache" || { echo "peaks differ between slabtrace and mawk" >&2; exit 1; }
