#!/usr/bin/env bash
# Issue 15's cost figure: a miner's training for one round against one node's verification of its
# block (default level), and the verification's parts, on the full Fashion-MNIST; one JSON line per
# repeat and the medians. Usage (from the repository root):
#   ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
#   scripts/bench-verification.sh [mlp|lenet5] [STEPS] [REPEATS] [ROUNDS]   (ROUNDS: the task's rounds = test shards, default 20)
exec "$(dirname "$0")/bench-jvm.sh" io.learnchain.bench.VerificationCost "$@"
