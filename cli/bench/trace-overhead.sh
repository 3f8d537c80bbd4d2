#!/usr/bin/env bash
# collect --trace kmem against perf record -a on the same four kmem events, the same workload run once under
# each, side by side in one invocation: events recorded and lost (both files read by slabtrace replay), each
# recorder's own CPU time (utime + stime of the recorder process and its threads, from the kernel's accounting
# of a reaped child; for collect also meta.json's trace_cpu_ms: its trace reader threads alone, JVM start and
# snapshots left out) and its peak resident memory (VmHWM).
# Targets (issue 14): no event lost; collect's recorder CPU at most perf record's.
# Usage: cli/bench/trace-overhead.sh [--full] [RUNS]   (root; perf; default 1 run of a short workload, ~20 s)
#   short:  find /usr over cold dentry and inode caches, 200 fork/execs, 2,000 files made and removed in a tmpfs
#   --full: the reference workload: a cold find /, 2,000 fork/execs, 20,000 files (about 4.3 M kmem events)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tree=/usr forks=200 files=2000
if [ "${1:-}" = --full ]; then tree=/ forks=2000 files=20000; shift; fi
runs="${1:-1}"
T=/sys/kernel/tracing
mountpoint -q "$T" || mount -t tracefs nodev "$T"
work="$(mktemp -d /var/tmp/slabtrace-bench.XXXXXX)"
cleanup() { mountpoint -q "$work/tmpfs" && umount "$work/tmpfs"; rm -rf "$work"; }
trap cleanup EXIT
"$root/slabtrace" --version > /dev/null

workload() {
  sync; echo 2 > /proc/sys/vm/drop_caches  # dentries and inodes out: the find allocates them again
  find "$tree" -xdev > /dev/null 2>&1 || true
  for ((i = 0; i < forks; i++)); do /bin/true; done
  mkdir -p "$work/tmpfs"; mount -t tmpfs tmpfs "$work/tmpfs"
  for ((i = 0; i < files; i++)); do : > "$work/tmpfs/f$i"; done
  rm -f "$work"/tmpfs/f*; umount "$work/tmpfs"
}

# run_recorder NAME READY-TEST COMMAND...: starts COMMAND in a subshell of its own, waits until READY-TEST
# (given the pid) succeeds, runs the workload, sends SIGTERM; writes NAME.cpu (ms) and NAME.hwm (kB).
run_recorder() {
  local name=$1 ready=$2; shift 2
  ( "$@" 2> "$work/$name.err" & echo $! > "$work/$name.pid"; wait $! || true
    times > "$work/$name.times"  # not in a pipe: a pipe's subshell has no children to count
    awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' \
      "$work/$name.times" > "$work/$name.cpu" ) &
  local sub=$! pid
  while [ ! -s "$work/$name.pid" ]; do sleep 0.05; done
  pid=$(cat "$work/$name.pid")
  for ((i = 0; i < 600; i++)); do "$ready" "$pid" && break; sleep 0.05; done
  sleep 0.5
  workload
  sleep 0.2
  awk '/VmHWM/ { print $2 }' "/proc/$pid/status" > "$work/$name.hwm"
  kill -TERM "$pid"
  wait "$sub"
}
collect_ready() { [ "$(cat "$T/instances/slabtrace-$1/tracing_on" 2> /dev/null)" = 1 ] &&
  [ "$(cat "$T/instances/slabtrace-$1/events/kmem/kfree/enable" 2> /dev/null)" = 1 ]; }
perf_ready() { grep -q 'perf' "/proc/$1/comm" 2> /dev/null && [ "$(ls "/proc/$1/fd" | wc -l)" -gt 10 ]; }

# events and lost events of a trace file, as replay's JSON says
counts() { "$root/slabtrace" replay "$1" --limit 0 --format json 2> /dev/null |
  python3 -c 'import json,sys; t = json.load(sys.stdin)["trace"]; print(t["events"], t["lost_events"])'; }

printf '%-8s %-7s %10s %8s %12s %14s %10s\n' run tool events lost "cpu ms" "reader cpu ms" "peak RSS"
for ((r = 1; r <= runs; r++)); do
  rm -rf "$work/c" "$work/perf.data"
  run_recorder perf perf_ready perf record -q -e kmem:kmem_cache_alloc -e kmem:kmem_cache_free -e kmem:kmalloc -e kmem:kfree -a -o "$work/perf.data"
  read -r pe pl < <(counts "$work/perf.data")
  printf '%-8s %-7s %10s %8s %12s %14s %8s kB\n' "$r" perf "$pe" "$pl" "$(cat "$work/perf.cpu")" - "$(cat "$work/perf.hwm")"
  run_recorder collect collect_ready "$root/slabtrace" collect -o "$work/c" --interval 1h --trace kmem
  read -r ce cl < <(counts "$work/c")
  reader=$(python3 -c 'import json,sys; m = json.load(open(sys.argv[1])); print("%.0f" % m["trace_cpu_ms"], m["lost_events"])' "$work/c/meta.json")
  printf '%-8s %-7s %10s %8s %12s %14s %8s kB\n' "$r" collect "$ce" "$cl" "$(cat "$work/collect.cpu")" "${reader% *}" "$(cat "$work/collect.hwm")"
  [ "${reader#* }" = "$cl" ] || echo "  meta.json says ${reader#* } lost events, replay $cl"
done
echo "collect's cpu ms includes the JVM's start (~1 s of JIT and class loading on this VM); 'reader cpu ms' is its trace reader alone."
