// Reading a task's rounds and candidates from GET /api/v1/tasks/{id} (docs/api.md, "Tasks").

import {accuracyOf} from '../api.js';

/** The task's rounds, oldest first. */
export function roundsOf(task) {
  const rounds = task.rounds ?? task.leaderboard ?? [];
  return Array.isArray(rounds) ? rounds : [];
}

/** The round whose winning block, or one of whose candidates, is {@code hash}. */
export function roundOfBlock(task, hash) {
  return roundsOf(task).find(r => winnerBlock(r) === hash || candidatesOf(r).some(c => c.block === hash)) ?? null;
}

export function winnerBlock(round) {
  return round.block ?? round.blockHash ?? round.winner?.block ?? round.winner?.blockHash ?? null;
}

/** Candidates normalised to {block, miner, claimedScore, verifiedScore, accuracy, reason, won}. */
export function candidatesOf(round) {
  const list = round.candidates ?? [];
  return list.map(c => ({
    block: c.block ?? c.blockHash ?? c.hash ?? null,
    miner: c.miner ?? null,
    claimedScore: c.claimedScore ?? null,
    verifiedScore: c.verifiedScore ?? null,
    accuracy: c.accuracy !== undefined ? accuracyOf(c.accuracy)
      : c.verifiedScore !== undefined && c.verifiedScore !== null ? accuracyOf(c.verifiedScore, round.shardSize) : null,
    reason: c.reason ?? c.outcome ?? null,
    won: c.won ?? (c.outcome === 'won' || (c.block ?? c.blockHash) === winnerBlock(round)),
  }));
}

/** The round's winning accuracy as a fraction, or null when no candidate won. */
export function roundAccuracy(round) {
  if (round.accuracy !== undefined && round.accuracy !== null) return accuracyOf(round.accuracy);
  const won = candidatesOf(round).find(c => c.won);
  return won?.accuracy ?? null;
}

/** The height of the round's block, or null. */
export function roundHeight(round) {
  return round.height ?? round.winner?.height ?? null;
}
