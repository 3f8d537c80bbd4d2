#!/usr/bin/env bash
# Benchmark: 'slabtrace replay' of a kmem trace against mawk counting live objects per cache on the same
# file, side by side, process start included. Default: the largest trace in samples/ (gunzipped, 39 MB);
# give a bigger one (ftrace text, e.g. 137 MB read from trace_pipe) with its slabinfo before and after.
# Usage: cli/bench/replay-vs-mawk.sh [RUNS [TRACE BEFORE AFTER]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
work="${TMPDIR:-/tmp}/slabtrace-bench"
mkdir -p "$work"
trace="$work/kmem-trace-lsR.txt"
before="$root/samples/live-6.18/slabinfo.before"
after="$root/samples/live-6.18/slabinfo.after"
if [ $# -ge 4 ]; then
  trace="$2" before="$3" after="$4"
else
  [ -s "$trace" ] || zcat "$root/samples/live-6.18/kmem-trace-lsR/kmem-trace.txt.gz" > "$trace"
fi
command -v mawk >/dev/null || { echo "mawk is needed (apt-get install mawk)" >&2; exit 1; }
"$root/slabtrace" --version > /dev/null
echo "trace: $trace ($(du -h "$trace" | cut -f1), $(grep -vc '^#' "$trace") events)"

# The same job in awk: pair allocations and frees by pointer, count live objects per cache
# (kmalloc by its size class), print the counts.
awk_prog='
$5 == "kmem_cache_alloc:" || $5 == "kmalloc:" || $5 == "kmem_cache_free:" || $5 == "kfree:" {
  ptr = ""; name = ""; size = ""
  for (i = 6; i <= NF; i++) {
    if (substr($i, 1, 4) == "ptr=") ptr = substr($i, 5)
    else if (substr($i, 1, 5) == "name=") name = substr($i, 6)
    else if (substr($i, 1, 12) == "bytes_alloc=") size = substr($i, 13)
  }
  if ($5 == "kmalloc:") name = "kmalloc-" size
  if ($5 == "kmem_cache_alloc:" || $5 == "kmalloc:") { owner[ptr] = name; live[name]++ }
  else if (ptr in owner) { live[owner[ptr]]--; delete owner[ptr] }
}
END { for (c in live) print c, live[c] }'

. "$root/cli/bench/side-by-side.sh"
side_by_side "$runs" "slabtrace replay" 0.5 \
  '"$root/slabtrace" replay "$trace" --before "$before" --after "$after" --cpus 2 --format csv > "$work/replay.csv"' \
  'mawk "$awk_prog" "$trace" > "$work/mawk-live.txt"'
