// One line of text per live event, for the overview feed and the miner's action log.

import {h, hashLink, percent, short} from '../dom.js';

export function describeEvent(name, d) {
  switch (name) {
    case 'hello':
    case 'pole':
      return null;
    case 'block':
      return [`block #${d.height} `, hashLink('blocks', d.hash, 6), ` with ${d.transactions} transactions`];
    case 'reorg':
      return `the chain switched branches at height ${d.forkHeight}: ${d.disconnected} blocks left, ${d.connected} joined`;
    case 'transaction':
      return [`transaction ${short(d.hash, 6)} from `, h('span', {class: 'mono'}, short(d.from, 10)), ' entered the mempool'];
    case 'trained':
      return trained(d);
    case 'below_minimum':
      return `the model reached ${percent(ratio(d.trainCorrect, d.trainCount))} training accuracy, below the task's minimum: no commitment`;
    case 'committed':
      return [`committed to model ${short(d.modelHash, 6)}`, d.parent ? [' on ', hashLink('blocks', d.parent, 6)] : ''];
    case 'revealed':
      return `task ${d.taskId}: the requester revealed test shard ${d.shardIndex}`;
    case 'keys_released':
      return `task ${d.taskId}: the requester released the ${d.keys} keys of its private round`;
    case 'candidate':
      return [`sent candidate `, hashLink('blocks', d.block, 6), ` claiming ${d.claimedScore} correct`];
    case 'candidate_received':
      return [`candidate `, hashLink('blocks', d.block, 6), ` from ${short(d.miner, 10)} claims ${d.claimedScore} correct`];
    case 'round':
      return [`round decided: `, hashLink('blocks', d.winner, 6), ` won among ${d.candidates} candidates`
        + ` (${d.evaluations} evaluated${d.verifySeconds !== undefined ? ` in ${Number(d.verifySeconds).toFixed(2)} s` : ''})`];
    case 'rejected':
      return [`candidate `, hashLink('blocks', d.block, 6), ` of ${short(d.miner, 10)} lost: ${d.reason}`];
    case 'sealed':
      return [d.forfeit ? 'sealed forfeit block ' : 'sealed hash-work block ', hashLink('blocks', d.block, 6)];
    default:
      return `${name}: ${JSON.stringify(d)}`;
  }
}

function trained(d) {
  const parts = [`task ${d.taskId ?? '?'}: `];
  if (d.phase) parts.push(`${d.phase}, `);
  if (d.steps !== undefined) parts.push(`${d.steps} steps, `);
  const acc = d.trainingAccuracy ?? ratio(d.trainCorrect, d.trainCount);
  parts.push(`training accuracy ${percent(acc)}`);
  return parts.join('');
}

function ratio(a, b) {
  return b ? a / b : null;
}
