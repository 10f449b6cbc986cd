// Block detail: header, engine proof (task, claimed and verified score, accuracy, shard), the round's
// other candidates and why each lost (from the task's leaderboard), and the transactions.

import {get, getOptional} from '../api.js';
import {addressLink, coins, empty, errorBox, facts, fill, h, hashLink, loading, percent, table, when} from '../dom.js';
import {proofBadge} from './blocks.js';
import {candidatesOf, roundOfBlock} from './rounds.js';

export async function render(root, [id]) {
  fill(root, h('h1', {}, 'Block'), loading(`block ${id}`));
  const b = await get(`/blocks/${id}`);
  const round = b.proof?.type === 'pole' ? await findRound(b) : {round: null, error: null};
  fill(root,
    h('h1', {}, `Block #${b.height} `, proofBadge(b), b.canonical ? null : h('span', {class: 'badge side'}, 'side branch')),
    h('nav', {class: 'pager'},
      b.height > 0 ? h('a', {href: `#/blocks/${b.previous}`}, '< previous') : null,
      h('a', {href: `#/blocks/${b.height + 1}`}, 'next >')),
    facts([
      ['Hash', h('span', {class: 'mono wrap'}, b.hash)],
      ['Time', when(b.timestamp)],
      ['Previous', b.genesis ? '-' : hashLink('blocks', b.previous, 12)],
      ['Miner', addressLink(b.miner)],
      ['State root', h('span', {class: 'mono wrap'}, b.stateRoot)],
      ['Transactions', String(b.transactionCount)],
    ]),
    proofSection(b, round.round),
    b.proof?.type === 'pole' ? candidatesSection(b, round) : null,
    h('h2', {}, 'Transactions'),
    transactions(b.transactions || []));
}

async function findRound(b) {
  try {
    const task = await getOptional(`/tasks/${b.proof.taskId}`);
    return {round: task ? roundOfBlock(task, b.hash) : null, error: null, noApi: task === null};
  } catch (e) {
    return {round: null, error: e};
  }
}

function proofSection(b, round) {
  const p = b.proof;
  if (!p) return h('p', {class: 'note'}, 'The genesis has no proof: it fixes the initial accounts and rules.');
  if (p.type !== 'pole') {
    return h('section', {}, h('h2', {}, p.type === 'forfeit' ? 'Forfeit proof' : 'Hash-work proof'),
      facts([['Difficulty', String(p.difficulty)], ['Nonce', p.nonce],
        p.taskId ? ['Task forfeited', h('a', {href: `#/tasks/${p.taskId}`}, `task ${p.taskId}`)] : null]),
      p.type === 'forfeit' ? h('p', {class: 'note'}, 'The requester did not reveal the round\'s test shard in time;'
        + ' this block closes the round and returns the reward to the escrow.') : null);
  }
  const mine = round && round.block === b.hash ? round : null;
  const of = mine?.shardSize ? ` of ${mine.shardSize}` : '';
  return h('section', {'data-testid': 'pole-proof'}, h('h2', {}, 'Proof of learning'),
    facts([
      ['Task', h('a', {href: `#/tasks/${p.taskId}`}, `task ${p.taskId}`)],
      ['Round', mine ? String(mine.round) : null],
      ['Claimed score', `${p.claimedScore}${of} correct`],
      ['Verified score', mine?.verifiedScore !== undefined && mine?.verifiedScore !== null
        ? `${mine.verifiedScore}${of} correct` : 'verified by every node that connected the block'],
      ['Shard accuracy', h('span', {'data-testid': 'shard-accuracy'}, mine ? percent(mine.accuracy) : '-')],
      ['Shard', h('span', {}, `#${p.shardIndex} `, h('span', {class: 'mono wrap'}, p.shardHash))],
      ['Model hash (as mined, in the round\'s labels)', h('span', {class: 'mono wrap'}, p.modelHash)],
      ['Training record', h('span', {class: 'mono wrap'}, p.trainingRecordHash)],
    ]));
}

function candidatesSection(b, {round, error, noApi}) {
  const title = h('h2', {}, 'Candidates of the round');
  if (error) return h('section', {}, title, errorBox(error));
  if (noApi) return h('section', {}, title, empty('This node has no task API, so it cannot show the round\'s candidates.'));
  const all = round ? candidatesOf(round) : [];
  const others = all.filter(c => c.block !== b.hash);
  if (others.length === 0) {
    return h('section', {}, title, empty(all.length ? 'This block was the round\'s only candidate.'
      : 'This node did not see the round\'s candidates (it joined later or synced the block).'));
  }
  return h('section', {'data-testid': 'candidates'}, title,
    table(['Candidate', 'Miner', 'Claimed', 'Verified', 'Accuracy', 'Outcome'], all, c =>
      h('tr', {class: c.block === b.hash ? 'winner' : 'loser'},
        h('td', {}, c.block ? hashLink('blocks', c.block) : '-'),
        h('td', {}, addressLink(c.miner)),
        h('td', {class: 'num'}, c.claimedScore ?? '-'),
        h('td', {class: 'num'}, c.verifiedScore ?? '-'),
        h('td', {class: 'num'}, percent(c.accuracy)),
        h('td', {class: 'reason'}, c.reason))));
}

function transactions(txs) {
  if (txs.length === 0) return empty('No transactions.');
  return table(['#', 'Hash', 'Kind', 'From', 'To', 'Amount', 'Fee'], txs, t => h('tr', {},
    h('td', {class: 'num'}, String(t.index)),
    h('td', {}, h('span', {class: 'mono', title: t.hash}, t.hash.slice(0, 12))),
    h('td', {}, t.kind + (t.task?.taskId ? ` (task ${t.task.taskId})` : '')),
    h('td', {}, addressLink(t.from)),
    h('td', {}, addressLink(t.to)),
    h('td', {class: 'num'}, coins(t.amount)),
    h('td', {class: 'num'}, t.fee ? coins(t.fee) : '-')));
}
