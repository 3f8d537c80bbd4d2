# Sourced by the benchmarks: times our command and a baseline alternately, process start included.
# side_by_side RUNS LABEL TARGET OURS BASELINE — OURS and BASELINE are shell commands (with their redirections);
# BASE_LABEL names the baseline in the output (default mawk).
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

side_by_side() {
  local runs=$1 label=$2 target=$3 ours=$4 base=$5 r t0 t1 t2 j m
  local ours_times base_times
  ours_times=$(mktemp); base_times=$(mktemp)
  for ((r = 1; r <= runs; r++)); do
    t0=$(now); eval "$ours"; t1=$(now)
    eval "$base"; t2=$(now)
    j=$(echo "$t1 - $t0" | bc); m=$(echo "$t2 - $t1" | bc)
    echo "$j" >> "$ours_times"; echo "$m" >> "$base_times"
    printf 'run %d: %s %.2fs  %s %.2fs  ratio %.2f\n' "$r" "$label" "$j" "${BASE_LABEL:-mawk}" "$m" "$(echo "$j / $m" | bc -l)"
  done
  j=$(median < "$ours_times"); m=$(median < "$base_times")
  printf 'median: %s %.2fs  %s %.2fs  ratio %.2f (target <= %s)\n' "$label" "$j" "${BASE_LABEL:-mawk}" "$m" "$(echo "$j / $m" | bc -l)" "$target"
  rm -f "$ours_times" "$base_times"
}

# big_series COPIES: the path of a series of COPIES copies of the 40-snapshot live capture (300 copies: ~292 MB),
# made under $TMPDIR/slabtrace-bench when missing (written aside, then moved in whole). Needs $root.
big_series() {
  local work="${TMPDIR:-/tmp}/slabtrace-bench" src="$root/samples/live-6.18/dentry-storm/slabinfo-loop.log" i
  local series="$work/series-$1.log"
  mkdir -p "$work"
  if [ ! -s "$series" ]; then
    for ((i = 0; i < $1; i++)); do cat "$src"; done > "$series.tmp" && mv "$series.tmp" "$series"
  fi
  echo "$series"
}

# The per-cache peak in awk, the yardstick of the series benchmarks: a timestamp line names the snapshot; a 2.1 row
# gives name, pagesperslab ($6) and num_slabs ($15); keep each cache's largest num_slabs x pagesperslab x 4096 and when.
peak_awk='NF == 1 { ts = $1; next }
$13 == "slabdata" { m = $15 * $6 * 4096; if (!($1 in peak) || m > peak[$1]) { peak[$1] = m; at[$1] = ts } }
END { print "name,peak_memory_bytes,peak_at"; for (c in peak) print c "," peak[c] "," at[c] }'
