// Reading GET /api/v1/tasks/{id} (docs/api.md, "Tasks"): {summary, terms, rounds, latestModel, delivery}. Each
// round: {round, height, block, kind (pole|forfeit), winner, claimedScore, verifiedScore, shardSize,
// accuracy (0..1, on the round's shard), testAccuracy (0..1 on the whole test set, or null), candidates:
// [{block, miner, claimedScore, outcome}]}; a candidate's outcome is "won", "rejected: REASON" or "not
// chosen". delivery: {round, rule, reason}, the round a model download gives.

/** The task's summary and terms flattened into one object (id, status, model, rounds, ...). */
export function taskOf(detail) {
  return {...(detail.terms ?? {}), ...(detail.summary ?? detail), rounds: detail.summary?.rounds ?? detail.rounds,
    roundList: roundsOf(detail), latestModel: detail.latestModel ?? null, delivery: detail.delivery ?? null};
}

/** The task's decided rounds, oldest first. */
export function roundsOf(detail) {
  const rounds = Array.isArray(detail.rounds) ? detail.rounds : [];
  return [...rounds].sort((a, b) => (a.height ?? 0) - (b.height ?? 0));
}

/** The round whose block, or one of whose candidates, is {@code hash}. */
export function roundOfBlock(detail, hash) {
  return roundsOf(detail).find(r => r.block === hash || candidatesOf(r).some(c => c.block === hash)) ?? null;
}

/** Candidates as {block, miner, claimedScore, verifiedScore, accuracy, reason, won}; the winner first. */
export function candidatesOf(round) {
  const winnerClaim = round.kind === 'pole' ? round.claimedScore ?? null : null;
  const list = (round.candidates ?? []).map(c => {
    const won = c.outcome === 'won' || (round.kind === 'pole' && c.block === round.block);
    return {
      block: c.block ?? null,
      miner: c.miner ?? null,
      claimedScore: c.claimedScore ?? null,
      verifiedScore: won ? round.verifiedScore ?? null : null,
      accuracy: won ? round.accuracy ?? null : null,
      reason: won ? 'won' : explain(c, winnerClaim),
      won,
    };
  });
  if (round.kind === 'pole' && round.block && !list.some(c => c.won)) {
    list.push({block: round.block, miner: round.winner, claimedScore: round.claimedScore,
      verifiedScore: round.verifiedScore, accuracy: round.accuracy, reason: 'won', won: true});
  }
  return list.sort((a, b) => (b.won - a.won) || ((b.claimedScore ?? 0) - (a.claimedScore ?? 0)));
}

/** "not chosen" said with the numbers: a lower claim than the winner's, or too late for the decision. */
function explain(c, winnerClaim) {
  if (c.outcome !== 'not chosen' || winnerClaim === null || c.claimedScore === undefined) return c.outcome ?? 'lost';
  if (c.claimedScore < winnerClaim) {
    return `not chosen: a lower claim than the winner's (${c.claimedScore} < ${winnerClaim} correct)`;
  }
  return c.claimedScore === winnerClaim ? 'not chosen: an equal claim, committed after the winner\'s'
    : 'not chosen: it arrived after the round was decided';
}
