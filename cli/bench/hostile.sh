#!/usr/bin/env bash
# Runs a set of hostile inputs (issue 16's reproducers: damaged values, overflows, quadratic and huge
# inputs, a series whose clock steps back, pipes and FIFOs) through the matching commands with a 256 MB
# heap, and checks each ends within 20 s with status 0 or 1, with no internal error and no stack trace.
# --limit -1 is a usage error (status 2), as every bad option value is.
# Usage: cli/bench/hostile.sh [WORKDIR] [FILTER]   (WORKDIR defaults to a fresh temporary directory)
# Prints one line per case: PASS/FAIL, status, seconds, case, first line of stderr.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/cli/target/slabtrace.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -o -DskipTests package) >&2
w="${1:-$(mktemp -d)}"; filter="${2:-}"
mkdir -p "$w"; cd "$w"
s="$root/samples"
before="$s/live-6.18/slabinfo.before"
sysfs="$s/lab/debian-6.1.0-56-slub/seed/sysfs-test-cache.txt"
trace="$s/lab/debian-6.1.0-56-slub/seed/kmem-trace.txt"
dmesg="$s/lab/custom-6.1.192-slab/seed/dmesg.txt"
big=99999999999999999999999   # 23 digits: past 2^63
max=9223372036854775807

# ---- damaged values
head -2 "$before" > head.txt
{ cat head.txt; echo "huge $big 10 64 64 1 : tunables 0 0 0 : slabdata 1 1 0"; tail -n +3 "$before"; } > slab-overflow.txt
{ cat head.txt; echo "max $max $max $max 64 1 : tunables 0 0 0 : slabdata $max $max 0"; tail -n +3 "$before"; } > slab-max.txt
{ cat head.txt; echo "kmalloc-4294967296 10 10 4294967296 1 1024 : tunables 0 0 0 : slabdata 10 10 0"; tail -n +3 "$before"; } > slab-kmalloc-name.txt
grep '/object_size:' "$s/live-6.18/sysfs-all.before.txt" > sysfs-only-object-size.txt
grep -v '/align:' "$sysfs" > sysfs-no-align.txt
grep -v '/object_size:' "$sysfs" > sysfs-no-object-size.txt
sed "s/^\(.*\/objects:\).*/\1$big N0=$big/" "$sysfs" > sysfs-overflow.txt
sed "s/^\(.*\/slab_size:\).*/\1$max/" "$sysfs" > sysfs-max-slab-size.txt
sed "s/^\(.*\/order:\).*/\1$max/" "$sysfs" > sysfs-max-order.txt
{ head -3 "$trace"; echo "CPU:0 [LOST $big EVENTS]"; tail -n +4 "$trace"; } > trace-lost.txt
{ echo "# tracer: nop"; echo "# entries-in-buffer/entries-written: $big/$big   #P:$big"; tail -n +3 "$trace"; } > trace-entries.txt
{ echo "# tracer: nop"; echo "# entries-in-buffer/entries-written: 10/10   #P:4096000"; tail -n +3 "$trace"; } > trace-cpus.txt
sed 's/name=slab_test_cache/name=kmalloc-4294967296/' "$trace" > trace-kmalloc-name.txt
printf '6,%s,1000,-;slab_test: ctor called\n6,%s,1001,-;slab_test: ctor called\n' $big $big > kmsg-seq.txt
printf '6,1,%s,-;slab_test: ctor called\n' $big > kmsg-time.txt
{ echo "2025-02-30T21:60:00"; cat "$before"; echo "2025-03-01T10:00:00"; cat "$before"; } > series-bad-time.txt
{ echo "1795618235"; cat "$before"; echo "1795618240"; cat "$before"; echo "1795618230"; cat "$before"; echo "1795618245"; cat "$before"; } > series-back.txt
cat "$s/live-6.18/collect-find-drop/slabinfo.log" "$s/live-6.18/collect-find-drop/slabinfo.log" > series-concat.log
# a tar whose one member has a negative size field (base-256, first byte 0xff)
mkdir -p tarsrc/slab/x && echo 40 > tarsrc/slab/x/object_size && tar -C tarsrc -cf neg.tar slab/x/object_size
printf '\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff' | dd of=neg.tar bs=1 seek=$((512+124)) count=12 conv=notrunc 2>/dev/null
tar -C tarsrc -cf neg-header.tar slab/x/object_size
printf '\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff' | dd of=neg-header.tar bs=1 seek=124 count=12 conv=notrunc 2>/dev/null
# scenarios
printf 'cache c size=40\nalloc 200000000\nsnapshot s\n' > scn-alloc-huge.scn
printf 'cache c size=40\nalloc 10\ntick %s\nsnapshot s\n' $max > scn-tick-max.scn
printf 'cache c size=40\nalloc 10\ntick 10000000000000\nsnapshot s\n' > scn-tick-1e13.scn
printf 'cache c size=40\nalloc 10\ntick -1\nsnapshot s\n' > scn-tick-neg.scn
printf 'cache c size=40\nalloc %s\nsnapshot s\n' $big > scn-alloc-overflow.scn
printf 'cache c size=%s\nalloc 1\nsnapshot s\n' $max > scn-size-max.scn
printf 'cache c size=40 align=%s\nalloc 1\nsnapshot s\n' $max > scn-align-max.scn
printf 'cache c size=40\ncpu %s\nalloc 1\nsnapshot s\n' $max > scn-cpu-max.scn
printf 'cache c size=40\nalloc 10\nfree #1..%s\nsnapshot s\n' $max > scn-free-range.scn

# ---- quadratic inputs
{ cat head.txt; echo -n "cont"; for i in $(seq 1 30000); do printf '\n  1'; done; echo; } > slab-continuations.txt
{ printf '[    1.000000] '; yes 'ctor ' | head -c 100000 | tr -d '\n'; echo; } > dmesg-ctor-line.txt
{ cat "$sysfs"; yes "$(grep -m1 '/objects:' "$sysfs")" | head -100000; } > sysfs-repeat.txt
{ cat head.txt; awk 'BEGIN{for(i=0;i<12000;i++) printf "cache%05d 100 128 256 16 1 : tunables 0 0 0 : slabdata 8 8 0\n", i}'; } > slab-12000.txt
awk 'BEGIN{for(i=0;i<12000;i++){c=sprintf("/sys/kernel/slab/c%05d/",i); print c "object_size:40"; print c "slab_size:64"; print c "align:8"; print c "objs_per_slab:64"; print c "order:0"; print c "objects:10"; print c "total_objects:64"; print c "slabs:1"}}' > sysfs-12000.txt

# ---- huge inputs (sparse or generated on the fly)
truncate -s 0 hole.txt; head -c 9000 "$before" > hole.txt; truncate -s 2G hole.txt
{ cat "$before"; head -c $((1024*1024*1024 + 16)) /dev/zero | tr '\0' 'a'; echo; cat "$before"; } | gzip -1 > gig-line.txt.gz
printf 'cache c size=40\n' > scn-long.scn; head -c $((3*1024*1024)) /dev/zero | tr '\0' ' ' >> scn-long.scn; printf 'alloc 1\nsnapshot s\n' >> scn-long.scn

results=0 fails=0
run() { # NAME TIMEOUT -- ARGS...
  local name="$1"; shift
  [ -n "$filter" ] && [[ "$name" != *$filter* ]] && return
  local t0 t1 rc
  t0=$(date +%s.%N)
  timeout -k 2 20 java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@" > "out.$name" 2> "err.$name" < /dev/null
  rc=$?
  t1=$(date +%s.%N)
  local verdict=PASS
  if [ $rc -ne 0 ] && [ $rc -ne 1 ] && ! { [ $rc -eq 2 ] && [[ "$name" == limit-* ]]; }; then verdict=FAIL; fi
  if grep -qE 'internal error|Exception|^\s+at [a-z]' "err.$name" "out.$name"; then verdict=FAIL; fi
  # one line says what is wrong; a usage error may add where to look ("try 'slabtrace top --help'")
  if [ $rc -ge 1 ] && [ "$(grep -v 'warning' "err.$name" | grep -vc "^try 'slabtrace")" -ne 1 ]; then verdict=FAIL; fi
  results=$((results+1)); [ $verdict = FAIL ] && fails=$((fails+1))
  printf '%s %3d %6.2fs %-28s %s\n' $verdict $rc "$(echo "$t1 - $t0" | bc)" "$name" "$(grep -v '^slabtrace: warning' "err.$name" | head -1 | cut -c1-110)"
}
run slab-overflow          top slab-overflow.txt
run slab-max               top slab-max.txt
run slab-max-report        report slab-max.txt -o max.html
run slab-kmalloc-name      top slab-kmalloc-name.txt
run sysfs-only-object-size explain --all --from sysfs-only-object-size.txt
run sysfs-no-align         explain --all --from sysfs-no-align.txt
run sysfs-no-object-size   explain --all --from sysfs-no-object-size.txt
run sysfs-overflow         explain --all --from sysfs-overflow.txt
run sysfs-max-slab-size    explain --all --from sysfs-max-slab-size.txt
run sysfs-max-order        explain --all --from sysfs-max-order.txt
run sysfs-report           report sysfs-no-align.txt -o sysfs.html
run trace-lost             replay trace-lost.txt
run trace-entries          replay trace-entries.txt
run trace-cpus             replay trace-cpus.txt
run trace-kmalloc-name     replay trace-kmalloc-name.txt
run kmsg-seq               dmesg kmsg-seq.txt
run kmsg-time              dmesg kmsg-time.txt
run series-bad-time        top series-bad-time.txt
run series-bad-time-report report series-bad-time.txt -o bt.html
run series-back            top series-back.txt
run series-back-report     report series-back.txt -o back.html
run series-concat-report   report series-concat.log -o concat.html
run series-concat-diff     diff series-concat.log
run tar-neg-size           explain --all --from neg.tar
run tar-neg-header         explain --all --from neg-header.tar
run scn-alloc-huge         simulate scn-alloc-huge.scn
run scn-alloc-huge-slab    simulate --allocator slab scn-alloc-huge.scn
run scn-tick-max           simulate --allocator slab scn-tick-max.scn
run scn-tick-max-slub      simulate scn-tick-max.scn
run scn-tick-1e13          simulate --allocator slab scn-tick-1e13.scn
run scn-tick-neg           simulate scn-tick-neg.scn
run scn-alloc-overflow     simulate scn-alloc-overflow.scn
run scn-size-max           simulate scn-size-max.scn
run scn-align-max          simulate scn-align-max.scn
run scn-cpu-max            simulate scn-cpu-max.scn
run scn-free-range         simulate scn-free-range.scn
run scn-long-line          simulate scn-long.scn
run limit-neg              top --limit -1 "$before"   # a usage error: status 2 is the right answer here
run slab-continuations     top slab-continuations.txt
run dmesg-ctor-line        dmesg dmesg-ctor-line.txt
run dmesg-ctor-report      report dmesg-ctor-line.txt -o ctor.html
run sysfs-repeat           explain --all --from sysfs-repeat.txt
run slab-12000             top slab-12000.txt
run slab-12000-report      report slab-12000.txt -o 12000.html
run sysfs-12000            explain --all --from sysfs-12000.txt
run hole                   top hole.txt
run hole-dmesg             dmesg hole.txt
run gig-line-gz            top gig-line.txt.gz
run gig-line-gz-replay     replay gig-line.txt.gz
run gig-line-gz-dmesg      dmesg gig-line.txt.gz
# non-seekable inputs
run_sh() { local name="$1"; shift; [ -n "$filter" ] && [[ "$name" != *$filter* ]] && return
  local t0 t1 rc; t0=$(date +%s.%N)
  timeout -k 2 20 bash -c "$*" > "out.$name" 2> "err.$name" < /dev/null; rc=$?; t1=$(date +%s.%N)
  local verdict=PASS; { [ $rc -ne 0 ] && [ $rc -ne 1 ]; } && verdict=FAIL
  grep -qE 'internal error|Exception|^\s+at [a-z]' "err.$name" "out.$name" && verdict=FAIL
  results=$((results+1)); [ $verdict = FAIL ] && fails=$((fails+1))
  printf '%s %3d %6.2fs %-28s %s\n' $verdict $rc "$(echo "$t1 - $t0" | bc)" "$name" "$(grep -v '^slabtrace: warning' "err.$name" | head -1 | cut -c1-110)"
}
J="java -Xmx256m -jar $jar"
run_sh procsub-top      "$J top <(cat $before)"
run_sh procsub-gz       "$J top <(gzip -c $before)"
run_sh procsub-explain  "$J explain --all --from <(cat $sysfs)"
run_sh procsub-dmesg    "$J dmesg <(cat $dmesg)"
run_sh procsub-replay   "$J replay <(cat $trace)"
run_sh procsub-report   "$J report <(cat $before) -o ps.html"
run_sh procsub-simulate "$J simulate <(cat $s/scenarios/seed.scn)"
run_sh procsub-diff     "$J diff <(cat $before) <(cat $s/live-6.18/slabinfo.after)"
rm -f fifo; mkfifo fifo
run_sh fifo-no-writer   "$J top fifo"
echo "$results cases, $fails failed"
