#!/usr/bin/env bash
# The dqn "replacing time with space" measurement on chain (docs/dqn.md): learnchain simulate
# --engine dqn for N = 1, 2, 4, 8 nodes and several seeds, one run at a time, each run's --json line
# appended to $OUT/runs.jsonl and its files kept in $OUT/n<N>-s<seed>/.
#   scripts/dqn-measure.sh OUT BLOCKS WINDOW "SEEDS" [learnchain command]
# DQN_EXTRA adds simulate options (e.g. DQN_EXTRA=--random-policy for the control run); DQN_NODES
# replaces the node counts (default "1 2 4 8").
set -euo pipefail
out=$1; blocks=$2; window=$3; seeds=$4; shift 4
cmd=("${@:-./learnchain}")
mkdir -p "$out"
for seed in $seeds; do
  for n in ${DQN_NODES:-1 2 4 8}; do
    LEARNCHAIN_LOG_LEVEL=WARN nice -n 10 "${cmd[@]}" simulate --engine dqn --env cartpole --nodes "$n" \
      --blocks "$blocks" --window "$window" --seed "$seed" --out "$out/n$n-s$seed" ${DQN_EXTRA:-} --json | tail -n 1 >> "$out/runs.jsonl"
  done
done
