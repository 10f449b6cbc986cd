#!/usr/bin/env bash
# A JMH benchmark of learnchain-bench by class name. Build first: ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
# Usage: scripts/bench-jmh.sh NAME [JMH options, e.g. -p threads=1 -wi 2 -i 3]
#   scripts/bench-jmh.sh GemmBenchmark        the engine's GEMM at training shapes (microseconds per product)
#   scripts/bench-jmh.sh SignatureBenchmark   Ed25519 sign and verify, learnchain's keys and the JDK provider
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: scripts/bench-jmh.sh NAME [JMH options]" >&2; exit 2; }
. scripts/find-jdk25.sh && learnchain_find_jdk25 >/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP_FILE=learnchain-bench/target/classpath.txt
[[ -f "$CP_FILE" ]] || { echo "error: build first: ./mvnw -q -B -pl learnchain-bench -am package -DskipTests" >&2; exit 2; }
exec "$JAVA" --add-modules jdk.incubator.vector -cp "learnchain-bench/target/classes:$(cat "$CP_FILE")" \
  org.openjdk.jmh.Main "$@"
