#!/usr/bin/env bash
# Runs every command over the bundled samples and keeps what each printed (stdout, stderr, exit status)
# in OUTDIR, one file a run, so two builds can be compared byte for byte: `diff -r BEFORE AFTER`.
# Usage: cli/bench/outputs.sh OUTDIR [JAR]   (JAR defaults to cli/target/slabtrace.jar)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: outputs.sh OUTDIR [JAR]}"
jar="${2:-$root/cli/target/slabtrace.jar}"
mkdir -p "$out"
cd "$root"
n=0
run() {  # run NAME ARGS...: NAME's first word is the command; its output, with report files' bytes folded in
  local name="$1"; shift
  n=$((n + 1))
  local f="$out/$(printf '%03d' "$n")-$name.txt"
  { echo "\$ slabtrace ${name%%-*} $*"; java -XX:TieredStopAtLevel=1 -jar "$jar" "${name%%-*}" "$@" 2>&1; echo "exit $?"; } > "$f"
}
s=samples
lab=$s/lab/custom-6.1.192-slab/seed
slub=$s/lab/debian-6.1.0-56-slub/seed
for f in $s/public/slabinfo/*.txt $s/live-6.18/slabinfo.before $lab/slabinfo.after; do
  for fmt in table csv json; do run top "$f" --format $fmt --sort memory; done
done
run top-series $s/live-6.18/dentry-storm/slabinfo-loop.log
run top-series-json $s/live-6.18/dentry-storm/slabinfo-loop.log --format json
run top-collect $s/live-6.18/collect-find-drop
run diff $s/live-6.18/slabinfo.before $s/live-6.18/slabinfo.after
run diff-all $s/live-6.18/slabinfo.before $s/live-6.18/slabinfo.after --all --format json
run diff-series $s/live-6.18/dentry-storm/slabinfo-loop.log --format csv
run explain-all --all --from $s/live-6.18/sysfs-all.after.txt --from $s/live-6.18/slabinfo.after
run explain-json dentry --from $s/live-6.18/sysfs-all.after.txt --format json
run explain-zh slab_test_cache --from $slub/sysfs-test-cache.txt --lang zh
for a in slub slab; do
  run layout --size 40 --align 8 --flags HWCACHE_ALIGN --ctor --allocator $a
  run layout-json --size 40 --align 8 --flags HWCACHE_ALIGN --ctor --allocator $a --format json
done
run layout-debug --size 40 --align 8 --flags HWCACHE_ALIGN --ctor --allocator slab --debug-slab --lang zh
run layout-compare --size 192 --kmalloc --compare-flags RED_ZONE,POISON
for d in $s/public/dmesg/*.txt $lab/dmesg.txt $slub/dmesg.txt; do
  run dmesg "$d" --flags HWCACHE_ALIGN
  run dmesg-json "$d" --format json
done
run dmesg-csv $lab/dmesg.txt --format csv
for sc in $s/scenarios/*.scn; do
  run simulate "$sc"
  run simulate-slab "$sc" --allocator slab --format json
done
for t in $s/public/ftrace-kmem/*.txt; do run replay "$t"; done
run replay-live $s/live-6.18/kmem-trace-lsR/kmem-trace.txt.gz --before $s/live-6.18/slabinfo.before --after $s/live-6.18/slabinfo.after --sysfs $s/live-6.18/sysfs-all.before.txt
run replay-live-json $s/live-6.18/kmem-trace-lsR/kmem-trace.txt.gz --before $s/live-6.18/slabinfo.before --after $s/live-6.18/slabinfo.after --format json
run replay-live-csv $s/live-6.18/kmem-trace-lsR/kmem-trace.txt.gz --before $s/live-6.18/slabinfo.before --after $s/live-6.18/slabinfo.after --format csv
run replay-lab $lab/kmem-trace.txt --before $lab/slabinfo.before --after $lab/slabinfo.after --cache slab_test_cache
run replay-lab-zh $slub/kmem-trace.txt --before $slub/slabinfo.before --after $slub/slabinfo.after --lang zh
run concepts
run concepts-zh --lang zh
tmp="$out/.report"; mkdir -p "$tmp"
for r in "$s/live-6.18/dentry-storm/slabinfo-loop.log" "$s/live-6.18/collect-find-drop" "$lab/slabinfo.after $lab/dmesg.txt $lab/kmem-trace.txt"; do
  # shellcheck disable=SC2086
  run report $r -o "$tmp/r.html" --png-dir "$tmp/png"
  f="$out/$(printf '%03d' "$n")-report.txt"
  # the page's generation time is the one line that differs from run to run; the paths are this run's
  { sed -E 's/ at [0-9-]{10} [0-9:]{8} UTC\././' "$tmp/r.html" | sha256sum | cut -d' ' -f1; (cd "$tmp/png" && sha256sum -- *.png); } >> "$f"
  sed -i "s|$tmp|OUT|g" "$f"
  rm -rf "${tmp:?}"/*
done
rmdir "$tmp"
echo "$n runs in $out"
