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
