#!/usr/bin/env bash
# JMH benchmark of the engine's GEMM. Build first: ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
# Usage: scripts/bench-gemm-jmh.sh [JMH options, e.g. -p threads=1 -wi 2 -i 3]
# Prints microseconds per product; GFLOP/s = 2*m*n*k / (us * 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk25.sh && learnchain_find_jdk25 >/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP_FILE=learnchain-bench/target/classpath.txt
[[ -f "$CP_FILE" ]] || { echo "error: build first: ./mvnw -q -B -pl learnchain-bench -am package -DskipTests" >&2; exit 2; }
exec "$JAVA" --add-modules jdk.incubator.vector -cp "learnchain-bench/target/classes:$(cat "$CP_FILE")" \
  org.openjdk.jmh.Main GemmBenchmark "$@"
