#!/usr/bin/env bash
# Side-by-side single-query latency: this binding vs Debian's python3-faiss on one HNSW32 index.
# Usage (from the repository root): bash backend-faiss/src/test/bench/latency.sh [rounds]
# Builds the module's test classes first; runs Python and Java alternately, one process at a time.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
rounds=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -o -pl backend-faiss -am test-compile
repo=${MAVEN_REPO:-$HOME/.m2/repository}
cp="api/target/classes:backend-faiss/target/classes:backend-faiss/target/test-classes"
cp="$cp:$repo/org/bytedeco/javacpp/1.5.14/javacpp-1.5.14.jar:$repo/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar:$repo/org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar"
/usr/bin/python3 backend-faiss/src/test/bench/hnsw_latency.py build "$work"
for i in $(seq "$rounds"); do
  OMP_NUM_THREADS=1 /usr/bin/python3 backend-faiss/src/test/bench/hnsw_latency.py measure "$work"
  OMP_NUM_THREADS=1 java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.mnemo.backend.faiss.FaissLatencyMain "$work"
done
