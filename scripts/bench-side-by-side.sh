#!/usr/bin/env bash
# Side-by-side benchmark: learnchain engine vs PyTorch CPU (DJL, offline) vs ONNX Runtime.
# Prints one JSON line per measurement. Usage (from the repository root):
#   ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
#   scripts/bench-side-by-side.sh [--repeats N | --quick]
# LEARNCHAIN_JAVA_OPTS adds JVM options, e.g. "-XX:UseAVX=2" (the engine's 256-bit path on an AVX-512
# machine) or "-XX:MaxVectorSize=16" (its 128-bit path); the machine line says which width ran.
# See docs/benchmarks.md for the figures and how to read them.
exec "$(dirname "$0")/bench-jvm.sh" io.learnchain.bench.SideBySide "$@"
