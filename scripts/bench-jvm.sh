#!/usr/bin/env bash
# Runs a main class of the bench module with the engine's JVM flags and PyTorch offline (DJL):
# scripts/bench-jvm.sh CLASS [ARGS...]. Build first: ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
# LEARNCHAIN_JAVA_OPTS adds JVM options, e.g. "-XX:UseAVX=2" (the engine's 256-bit path on an AVX-512
# machine) or "-XX:MaxVectorSize=16" (its 128-bit path).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk25.sh && learnchain_find_jdk25 >/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP_FILE=learnchain-bench/target/classpath.txt
if [[ ! -f "$CP_FILE" ]]; then
  echo "error: $CP_FILE missing; build first: ./mvnw -q -B -pl learnchain-bench -am package -DskipTests" >&2
  exit 2
fi
# PyTorch comes from the pytorch-native-cpu jar on the class path; DJL unpacks it into this cache
# and never downloads anything (ai.djl.offline=true).
export PYTORCH_FLAVOR=cpu
# OpenMP workers (PyTorch) sleep instead of spinning at barriers: on a shared 2-core machine the
# default spinning makes PyTorch with 2 threads several times slower than with 1 (docs/benchmarks.md).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$PWD/learnchain-bench/target/djl-cache}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ENGINE_CACHE_DIR}"
# shellcheck disable=SC2086
exec "$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m -Xmx4g ${LEARNCHAIN_JAVA_OPTS:-} \
  -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "learnchain-bench/target/classes:$(cat "$CP_FILE")" "$@"
