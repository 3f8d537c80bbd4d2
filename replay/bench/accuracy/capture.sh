#!/usr/bin/env bash
# Made for issue 15: real captures like the held-out one (run as root). Keep them out of the repo (e.g. under /tmp/acc).
# Example: capture.sh /tmp/acc/c1 off-then-after 'ls -lR /usr/share/doc /usr/share/man >/dev/null'
# capture.sh OUT MODE WORKLOAD... : slabinfo.before, a lossless kmem trace (own tracefs instance), the workload, slabinfo.after
# MODE: off-then-after (stop tracing, then snapshot) | after-then-off (snapshot while tracing, then stop)
set -euo pipefail
out=$1; mode=$2; shift 2
mkdir -p "$out"
inst=/sys/kernel/tracing/instances/acc$$
mkdir "$inst"
trap 'echo 0 > $inst/tracing_on; rmdir $inst' EXIT
echo 150000 > "$inst/buffer_size_kb"
for e in kmem_cache_alloc kmem_cache_free kmalloc kfree; do echo 1 > "$inst/events/kmem/$e/enable"; done
echo 0 > "$inst/tracing_on"; echo > "$inst/trace"
cat /proc/slabinfo > "$out/slabinfo.before"
echo 1 > "$inst/tracing_on"
bash -c "$*" > "$out/workload.log" 2>&1 || true
if [ "$mode" = after-then-off ]; then cat /proc/slabinfo > "$out/slabinfo.after"; echo 0 > "$inst/tracing_on";
else echo 0 > "$inst/tracing_on"; cat /proc/slabinfo > "$out/slabinfo.after"; fi
cat "$inst/trace" > "$out/kmem-trace.txt"
head -3 "$out/kmem-trace.txt" | tail -1
cat "$inst/per_cpu/cpu0/stats" "$inst/per_cpu/cpu1/stats" | grep -E "overrun|dropped"
echo "$* ($mode)" > "$out/README"
