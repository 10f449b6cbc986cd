// One line of text per live event, for the overview feed and the miner's action log.

import {h, hashLink, percent, short} from '../dom.js';

export function describeEvent(name, d) {
  switch (name) {
    case 'hello':
      return null;
    case 'block':
      return [`block #${d.height} `, hashLink('blocks', d.hash, 6), ` with ${d.transactions} transactions`];
    case 'reorg':
      return `the chain switched branches at height ${d.forkHeight}: ${d.disconnected} blocks left, ${d.connected} joined`;
    case 'transaction':
      return [`transaction ${short(d.hash, 6)} from `, h('span', {class: 'mono'}, short(d.from, 10)), ' entered the mempool'];
    case 'trained':
    case 'progress':
      return trained(d);
    case 'below_minimum':
      return `the model reached ${percent(ratio(d.trainCorrect, d.trainCount))} training accuracy, below the task's minimum: no commitment`;
    case 'committed':
    case 'commitment':
      return [`commitment to model ${short(d.modelHash, 6)}`, d.miner ? ` by ${short(d.miner, 10)}` : '',
        d.parent ? [' on ', hashLink('blocks', d.parent, 6)] : ''];
    case 'revealed':
    case 'reveal':
      return `task ${d.taskId}: shard ${d.shardIndex} revealed`;
    case 'candidate':
      return [`candidate `, hashLink('blocks', d.block, 6), ` claims ${d.claimedScore} correct`];
    case 'round_decided':
      return [`round decided: `, hashLink('blocks', d.winner, 6), ` won among ${d.candidates} candidates`
        + ` (${d.evaluations} evaluated${d.verifySeconds !== undefined ? ` in ${Number(d.verifySeconds).toFixed(2)} s` : ''})`];
    case 'rejected':
      return [`candidate `, hashLink('blocks', d.block, 6), ` of ${short(d.miner, 10)} lost: ${d.reason}`];
    case 'sealed':
      return [d.forfeit ? 'forfeit block ' : 'hash-work block ', hashLink('blocks', d.block, 6), ' sealed'];
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
