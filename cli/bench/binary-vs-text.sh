#!/usr/bin/env bash
# Benchmark: 'slabtrace replay' of a binary capture (trace.dat or perf.data) against the same replay of the
# text the standard tool prints for it (trace-cmd report, perf script), side by side, process start included.
# Two comparisons: against replaying text made once beforehand (the reading alone), and against what a user
# without a binary reader runs, the tool's text conversion piped into replay. Target: at most 1/3 of the text's time.
# Usage: cli/bench/binary-vs-text.sh [CAPTURE [RUNS]]
#   CAPTURE defaults to samples/traces-6.18/kmem-v7-zstd.dat (28,479 events: start-up dominates). For figures that
#   mean something, record a larger one as samples/traces-6.18/README.md shows, with a bigger buffer and workload.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
capture="${1:-$root/samples/traces-6.18/kmem-v7-zstd.dat}"
runs="${2:-5}"
work="${TMPDIR:-/tmp}/slabtrace-bench"
mkdir -p "$work"
text="$work/$(basename "$capture").txt"
case "$(head -c 10 "$capture" | tr -d "\\000")" in
  PERFILE2) command -v perf >/dev/null || { echo "perf is needed" >&2; exit 1; }
            convert='perf script -i "$capture" 2>/dev/null'; maker="perf script" ;;
  *tracing*) command -v trace-cmd >/dev/null || { echo "trace-cmd is needed (apt-get install trace-cmd)" >&2; exit 1; }
            convert='trace-cmd report -i "$capture" 2>/dev/null'; maker="trace-cmd report" ;;
  *) echo "$capture: neither a trace.dat nor a perf.data" >&2; exit 1 ;;
esac
[ -s "$text" ] || eval "$convert" > "$text"
"$root/slabtrace" --version > /dev/null
echo "capture: $capture ($(du -h "$capture" | cut -f1)); its $maker text: $(du -h "$text" | cut -f1)"
. "$root/cli/bench/side-by-side.sh"
BASE_LABEL="replay of the text" side_by_side "$runs" "replay of the binary" 0.33 \
  '"$root/slabtrace" replay "$capture" --cpus 2 --format csv > "$work/binary.csv" 2>/dev/null' \
  '"$root/slabtrace" replay "$text" --cpus 2 --format csv > "$work/text.csv" 2>/dev/null'
BASE_LABEL="$maker | replay -" side_by_side "$runs" "replay of the binary" 0.33 \
  '"$root/slabtrace" replay "$capture" --cpus 2 --format csv > "$work/binary.csv" 2>/dev/null' \
  'eval "$convert" | "$root/slabtrace" replay - --cpus 2 --format csv > "$work/piped.csv" 2>/dev/null'
cmp -s "$work/binary.csv" "$work/text.csv" && echo "same per-cache table from both" || echo "NOTE: the two tables differ (lost events are only in the binary, call sites may be addresses in perf.data)"
