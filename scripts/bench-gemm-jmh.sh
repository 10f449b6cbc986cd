#!/usr/bin/env bash
# JMH benchmark of the engine's GEMM (scripts/bench-jmh.sh GemmBenchmark). Usage: scripts/bench-gemm-jmh.sh [JMH options,
# e.g. -p threads=1 -wi 2 -i 3]. Prints microseconds per product; GFLOP/s = 2*m*n*k / (us * 1000).
exec "$(dirname "$0")/bench-jmh.sh" GemmBenchmark "$@"
