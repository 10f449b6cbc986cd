#!/usr/bin/env bash
# Issue 20's cost figures for a private task (inner-product functional encryption): encryption per
# sample at the data node, key derivation and key checks per round, decoding and decryption per
# sample per SML row at a miner, extrapolated to fashion-mnist-small (6,000) and the full set (60,000).
# Usage (from the repository root):
#   ./mvnw -q -B -pl learnchain-bench -am package -DskipTests
#   scripts/bench-ipfe.sh [K] [POOL] [INPUT_LEVELS] [WEIGHT_RANGE] [SAMPLES]   (defaults 16 2 15 1 40)
exec "$(dirname "$0")/bench-jvm.sh" io.learnchain.bench.FunctionalEncryptionCost "$@"
