#!/usr/bin/env bash
# Builds the benchmarks jar and runs a profile; results go to benchmarks/results/<UTC date>/
# (JMH JSON per plan, facts.jsonl, python-faiss.json, report.md, latency-recall.png).
#
#   benchmarks/run.sh            # = quick: 10k vectors, 384 (search also 1024) dims; < 15 min on 2 idle cores
#   benchmarks/run.sh full       # 10k and 100k, 384 and 1024 dims, 2 forks for search: several hours
#   benchmarks/run.sh large      # 1M x 128 search and build only
#   benchmarks/run.sh quick --only search,python --keep-cache
#   benchmarks/run.sh retrieval  # retrieval quality on shared/data (LoCoMo dev, CMRC 2018 trial): ~15 min
#                                # -> benchmarks/results/<UTC date>-retrieval-<commit>/report.md
#
# Needs Maven with the reactor's artifacts cached (it builds offline when it can); FAISS runs
# need libfaiss-dev (scripts/setup.sh). Forks use JDK 25 when installed, else the JDK running
# this script; MNEMO_BENCH_JVM=/path/to/java overrides. Run it on an otherwise idle machine:
# the report records the load average at start and end.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-quick}
[ $# -gt 0 ] && shift
java=java
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ "${MNEMO_BENCH_SKIP_BUILD:-}" != "1" ]; then
  mvn -q -o -pl benchmarks -am package -DskipTests || mvn -q -pl benchmarks -am package -DskipTests
fi
if [ "$profile" = retrieval ]; then
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  exec "$java" --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar retrieval \
    --out "benchmarks/results/$(date -u +%F)-retrieval-$commit" --work benchmarks/target/retrieval-work \
    --commit "$commit" "$@"
fi
out="benchmarks/results/$(date -u +%F)"
exec "$java" -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar "$profile" \
  --out "$out" --cache benchmarks/target/bench-cache "$@"
