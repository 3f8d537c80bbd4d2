#!/usr/bin/env bash
# The collector's own CPU time per snapshot in steady state (from the kernel's accounting of the
# process, the first ten snapshots excluded: meta.json's cpu_ms_per_snapshot), for /proc/slabinfo
# alone and with --sysfs, against 'grep -r . /sys/kernel/slab' measured in the same run, and the
# ratio of --sysfs to grep (issue 18: at most 0.3).
# Usage: cli/bench/collect-overhead.sh [SNAPSHOTS]   (default 60; needs root)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/slabtrace" --version > /dev/null
for mode in plain sysfs; do
  args=(collect -o "$work/$mode" --interval 100ms --count "$n")
  [ "$mode" = sysfs ] && args+=(--sysfs)
  "$root/slabtrace" "${args[@]}" 2> /dev/null
  grep -o '"cpu_ms_per_snapshot" : [0-9.]*' "$work/$mode/meta.json" | awk '{print $3}' > "$work/$mode.ms"
  printf '%-6s collector: %.1f ms CPU per snapshot\n' "$mode" "$(cat "$work/$mode.ms")"
done
# /usr/bin/time counts in clock ticks (10 ms): ten runs under one count, its waited-for children summed
runs=10
/usr/bin/time -f '%U %S' -o "$work/grep.time" bash -c "for i in \$(seq $runs); do grep -r . /sys/kernel/slab > /dev/null 2>&1 || true; done"
grep_ms="$(awk -v r="$runs" '{ printf "%.1f", ($1 + $2) * 1000 / r }' "$work/grep.time")"
printf 'grep -r . /sys/kernel/slab: %s ms CPU per run (mean of %d)\n' "$grep_ms" "$runs"
printf 'ratio --sysfs / grep -r: %.2f (target <= 0.3)\n' "$(echo "$(cat "$work/sysfs.ms") / $grep_ms" | bc -l)"
