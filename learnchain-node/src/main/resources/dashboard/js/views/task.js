// One task: terms and status, model downloads (the round a download gives and why), best accuracy against height
// (on the whole test set where this node holds it, else on each round's shard), per-round leaderboard.

import {BASE, get, post} from '../api.js';
import {addressLink, badge, coins, empty, errorBox, facts, fill, h, hashLink, loading, percent, table} from '../dom.js';
import {bestAccuracyChart} from '../chart.js';
import {statusText} from './tasks.js';
import {candidatesOf, taskOf} from './rounds.js';

export async function render(root, [id], live) {
  const body = h('div', {}, loading(`task ${id}`));
  fill(root, h('h1', {}, `Task ${id}`), body);
  const refresh = async () => {
    try {
      const [detail, status] = await Promise.all([get(`/tasks/${id}`), get('/status')]);
      draw(body, taskOf(detail), status.height, refresh);
    } catch (e) {
      fill(body, errorBox(e, refresh));
    }
  };
  live.on('block', refresh);
  await refresh();
}

function draw(body, t, tip, refresh) {
  const won = t.roundList.filter(r => r.kind === 'pole');
  const onTestSet = won.length > 0 && won.every(r => r.testAccuracy !== null && r.testAccuracy !== undefined);
  const points = won.map(r => ({x: r.height, y: onTestSet ? r.testAccuracy : r.accuracy}));
  fill(body,
    h('p', {}, badge(statusText(t), t.status), t.mine ? ' posted by this node' : '',
      t.mine && (t.status === 'open' || t.status === 'running') ? cancelControl(t, body, refresh) : null),
    facts([
      ['Requester', addressLink(t.requester)],
      ['Model', h('span', {class: 'mono wrap'}, t.modelSpec ?? t.model ?? '-')],
      ['Data set', t.dataset ?? '-'],
      ['Training set', t.trainingSet ? h('span', {class: 'mono wrap'}, t.trainingSet) : null],
      ['Training data', t.privacy
        ? h('span', {'data-testid': 'privacy'}, `encrypted: ${t.privacy.height}x${t.privacy.width} samples pooled`
          + ` ${t.privacy.pool}x${t.privacy.pool} to 0..${t.privacy.levels}; miners train on ${t.privacy.k}`
          + ' projections a round and never see a sample')
        : 'in the clear'],
      ['Reward per round', coins(t.rewardPerRound)],
      ['Rounds', h('span', {'data-testid': 'rounds-done'}, `${t.roundsDone ?? won.length} of ${t.rounds} done`
        + (t.forfeits ? `, ${t.forfeits} forfeited` : ''))],
      ['Escrow left', coins(t.escrow)],
      ['Required training accuracy', t.minTrainingAccuracyBp !== undefined ? percent(t.minTrainingAccuracyBp / 10000) : null],
      ['Phases', t.minPhaseSeconds !== undefined
        ? `training ${t.minPhaseSeconds}-${t.maxPhaseSeconds} s (expected ${t.expectedSeconds} s)` : null],
      ['Posted at height', t.postedHeight ?? null],
    ]),
    downloads(t, won.length > 0),
    h('h2', {}, onTestSet ? 'Best accuracy on the whole test set by height' : 'Best shard accuracy by height'),
    onTestSet ? null : h('p', {class: 'note'}, 'Each round\'s accuracy on the shard it was verified on: this node does'
      + ' not hold the task\'s whole test set (the requester\'s node does, and every node once all shards are revealed).'),
    bestAccuracyChart(points, tip, onTestSet ? 'best test-set accuracy' : 'best shard accuracy'),
    h('h2', {}, 'Leaderboard by round'),
    leaderboard(t.roundList));
}

// What this page asked to cancel, and the node's answer: shown until the task closes.
const cancelling = new Map();

// What a cancel gives back (docs/api.md): the escrow left less 10%, after the round in progress: one not yet
// revealed is forfeited (its reward burned) with the cancel; one already revealed is decided and paid, and
// the round its block opens is forfeited with the cancel. Exact, in base units (1 LC = 10^8).
function refundText(t) {
  const units = x => BigInt(x?.units ?? 0);
  const lc = u => {
    const whole = u / 100000000n;
    const frac = (u % 100000000n).toString().padStart(8, '0').replace(/0+$/, '');
    return `${whole}${frac ? '.' + frac : ''} LC`;
  };
  const escrow = units(t.escrow);
  const reward = units(t.rewardPerRound);
  const back = rounds => {
    const left = escrow > reward * rounds ? escrow - reward * rounds : 0n;
    return lc(left - left * 10n / 100n);
  };
  return `Escrow left: ${lc(escrow)}. You get back ${back(1n)} if this node has not yet revealed the round in`
    + ` progress (it is forfeited and its ${lc(reward)} reward burned), or ${back(2n)} if it has (that round is`
    + ' decided and paid, the next one forfeited); in both cases the rest less the 10% penalty.';
}

// The last cancel the node refused, by task: drawn until the next attempt (every block redraws the page).
const cancelErrors = new Map();

// Withdraws a task of this node's key (POST /tasks/{id}/cancel): the escrow left comes back less a 10% penalty.
function cancelControl(t, body, refresh) {
  if (cancelling.has(t.id)) return h('span', {class: 'note', 'data-testid': 'cancel-state'}, ' ', cancelling.get(t.id));
  const error = cancelErrors.get(t.id);
  const button = h('button', {type: 'button', 'data-testid': 'cancel-task'}, 'Cancel task');
  button.addEventListener('click', async () => {
    if (!confirm(`Cancel task ${t.id}?\n\n${refundText(t)}`)) return;
    button.disabled = true;
    try {
      const answer = await post(`/tasks/${t.id}/cancel`);
      cancelling.set(t.id, answer.state === 'submitted'
        ? `Cancel submitted (${answer.tx.slice(0, 12)}...): ${answer.detail}.`
        : `Cancel waiting: ${answer.detail}.`);
      cancelErrors.delete(t.id);
      await refresh();
    } catch (e) {
      cancelErrors.set(t.id, e);
      await refresh();
    }
  });
  return h('span', {}, ' ', button, error ? errorBox(error) : null);
}

function downloads(t, hasModel) {
  const round = t.delivery?.round;
  if (!hasModel || round === null || round === undefined) {
    return h('p', {class: 'note'}, 'The model can be downloaded once a round has a winner.');
  }
  // the round is named in the links, so the three files are one model even if another round is decided meanwhile
  const url = format => `${BASE}/tasks/${t.id}/model?format=${format}&round=${round}`;
  const name = `task-${t.id}-round-${round}`;
  return h('div', {'data-testid': 'downloads'},
    h('p', {'data-testid': 'delivery'}, h('strong', {}, `Round ${round}'s model`), `: ${t.delivery.reason}. `,
      'It predicts your own class labels (the round\'s label mapping is undone in its last layer).'),
    h('div', {class: 'actions'},
      h('a', {class: 'button', href: url('onnx'), download: `${name}.onnx`, 'data-testid': 'download-onnx'},
        'Download ONNX'),
      h('a', {class: 'button', href: url('safetensors'), download: `${name}.safetensors`,
        'data-testid': 'download-safetensors'}, 'Download safetensors'),
      h('a', {href: url('metadata'), download: `${name}-metadata.json`, 'data-testid': 'download-metadata'},
        'metadata.json')));
}

function roundAccuracy(r) {
  const shard = `${percent(r.accuracy)} on its shard`;
  return r.testAccuracy === null || r.testAccuracy === undefined ? shard
    : `${percent(r.testAccuracy)} on the test set, ${shard}`;
}

function leaderboard(rounds) {
  if (rounds.length === 0) {
    return empty('No round decided yet: miners train, commit, and the round closes once the requester reveals'
      + ' its test shard.');
  }
  return h('div', {class: 'rounds', 'data-testid': 'leaderboard'}, [...rounds].reverse().map(r => {
    const cands = candidatesOf(r);
    return h('section', {class: 'round', 'data-round': r.round},
      h('h3', {}, `Round ${r.round} `, h('small', {}, 'block ', hashLink('blocks', r.block, 6), ` at height ${r.height}`),
        ' ', r.kind === 'forfeit' ? badge('forfeit')
          : h('span', {class: 'note', 'data-testid': 'round-accuracy'}, ` ${roundAccuracy(r)}`)),
      r.kind === 'forfeit' ? h('p', {class: 'note'}, 'The requester did not reveal the shard in time; the round was closed'
        + ' by a forfeit block.')
        : cands.length === 0 ? empty('This node did not see the round\'s candidates.')
          : table(['Rank', 'Block', 'Miner', 'Claimed', 'Verified', 'Shard accuracy', 'Outcome'], cands,
            (c, i) => h('tr', {class: c.won ? 'winner' : 'loser'},
              h('td', {class: 'num'}, c.won ? '1' : '-'),
              h('td', {}, c.block ? hashLink('blocks', c.block, 6) : '-'),
              h('td', {}, addressLink(c.miner)),
              h('td', {class: 'num'}, c.claimedScore ?? '-'),
              h('td', {class: 'num'}, c.verifiedScore ?? '-'),
              h('td', {class: 'num'}, percent(c.accuracy)),
              h('td', {class: 'reason'}, c.reason))));
  }));
}
