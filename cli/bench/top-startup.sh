#!/usr/bin/env bash
# Benchmark: './slabtrace top' of the live host, wall time per run (median of RUNS, process start
# included, as users run it), against the JVM's own start ('java -version' with the launcher's flags)
# and slabtop --once, measured alternately in the same run. Target (issue 18): <= 100 ms.
# Usage: cli/bench/top-startup.sh [RUNS]   (default 7)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
"$root/slabtrace" --version > /dev/null  # builds the jar and its class-data archive when needed
ms() { local t0 t1; t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ours=() jvm=() peer=()
for ((r = 1; r <= runs; r++)); do
  ours+=("$(ms "$root/slabtrace" top)")
  jvm+=("$(ms java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -version)")
  command -v slabtop > /dev/null && peer+=("$(ms slabtop --once)")
  echo "run $r: slabtrace top ${ours[-1]} ms  java -version ${jvm[-1]} ms${peer:+  slabtop --once ${peer[-1]} ms}"
done
o=$(printf '%s\n' "${ours[@]}" | median); j=$(printf '%s\n' "${jvm[@]}" | median)
printf 'median: slabtrace top %s ms (target <= 100)  java -version %s ms  ours beyond the JVM %s ms' "$o" "$j" "$(echo "$o - $j" | bc)"
[ ${#peer[@]} -gt 0 ] && printf '  slabtop --once %s ms' "$(printf '%s\n' "${peer[@]}" | median)"
echo
