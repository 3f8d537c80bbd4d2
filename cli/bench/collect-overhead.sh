#!/usr/bin/env bash
# The collector's own CPU time per snapshot in steady state (from the kernel's accounting of the
# process, the first ten snapshots excluded: meta.json's cpu_ms_per_snapshot), for /proc/slabinfo
# alone and with --sysfs, against 'grep -r . /sys/kernel/slab' measured in the same run.
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
  printf '%-6s collector: %s ms CPU per snapshot\n' "$mode" "$(grep -o '"cpu_ms_per_snapshot" : [0-9.]*' "$work/$mode/meta.json" | awk '{print $3}')"
done
for i in 1 2 3 4 5; do
  /usr/bin/time -f '%U %S' -o "$work/time.$i" grep -r . /sys/kernel/slab > /dev/null 2>&1 || true
done
cat "$work"/time.* | awk '{ s += ($1 + $2) * 1000 } END { printf "grep -r . /sys/kernel/slab: %.1f ms CPU per run (mean of %d)\n", s / NR, NR }'
