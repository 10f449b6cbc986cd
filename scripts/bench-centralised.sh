#!/usr/bin/env bash
# The centralised reference of issue 15: the mlp on full Fashion-MNIST for given step budgets, on
# PyTorch (DJL, offline) and on the engine; one JSON line per budget. Usage (from the repository root):
#   ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
#   scripts/bench-centralised.sh [STEPS ...]        (default: 12000 48000)
exec "$(dirname "$0")/bench-jvm.sh" io.learnchain.bench.CentralisedRun "$@"
