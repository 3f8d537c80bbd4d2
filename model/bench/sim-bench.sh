#!/usr/bin/env bash
# Benchmark of the allocator simulators: 50 million mixed allocations and frees (one cache, 4 CPUs,
# no listener) through SLUB and classic SLAB. Usage: model/bench/sim-bench.sh [EVENTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
(cd "$root" && mvn -q -B -DskipTests install -pl model -am 2>&1 | sed "s/\x1b\[0m//g")
(cd "$root/model" && mvn -q -B test-compile 2>&1 | sed "s/\x1b\[0m//g")
exec java -XX:+UseSerialGC -cp "$root/model/target/classes:$root/model/target/test-classes" io.slabtrace.model.sim.SimBench "$@"
