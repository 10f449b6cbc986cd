// One task: terms and status, the per-round leaderboard, best accuracy against height, model downloads.

import {BASE, accuracyOf, get} from '../api.js';
import {addressLink, badge, coins, empty, errorBox, facts, fill, h, hashLink, loading, percent, table} from '../dom.js';
import {bestAccuracyChart} from '../chart.js';
import {groupOf} from './tasks.js';
import {candidatesOf, roundAccuracy, roundHeight, roundsOf, winnerBlock} from './rounds.js';

export async function render(root, [id], live) {
  const body = h('div', {}, loading(`task ${id}`));
  fill(root, h('h1', {}, `Task ${id}`), body);
  const refresh = async () => {
    try {
      draw(body, await get(`/tasks/${id}`));
    } catch (e) {
      fill(body, errorBox(e, refresh));
    }
  };
  live.on('block', refresh);
  await refresh();
}

function draw(body, t) {
  const rounds = roundsOf(t);
  const won = rounds.filter(r => winnerBlock(r));
  const points = won.map(r => ({x: roundHeight(r), y: roundAccuracy(r)})).filter(p => p.x !== null);
  fill(body,
    h('p', {}, badge(groupOf(t)), ' ', t.status ?? ''),
    facts([
      ['Requester', addressLink(t.requester)],
      ['Model', h('span', {class: 'mono wrap'}, t.model ?? t.modelSpec ?? '-')],
      ['Data set', t.dataset ?? (t.trainingSet ? hashLink('blobs', t.trainingSet) : '-')],
      ['Reward per round', coins(t.rewardPerRound)],
      ['Rounds', `${t.roundsDone ?? won.length} of ${t.rounds} done`],
      ['Escrow left', t.escrow ? coins(t.escrow) : null],
      ['Required training accuracy', percent(accuracyOf(t.minTrainingAccuracy ?? t.minTrainingAccuracyBp))],
    ]),
    downloads(t, won.length > 0),
    h('h2', {}, 'Best accuracy by height'),
    bestAccuracyChart(points),
    h('h2', {}, 'Leaderboard by round'),
    leaderboard(rounds));
}

function downloads(t, hasModel) {
  if (!hasModel) {
    return h('p', {class: 'note'}, 'The model can be downloaded once a round has a winner.');
  }
  const url = format => `${BASE}/tasks/${t.id}/model?format=${format}`;
  return h('div', {class: 'actions', 'data-testid': 'downloads'},
    h('a', {class: 'button', href: url('onnx'), download: `task-${t.id}.onnx`, 'data-testid': 'download-onnx'},
      'Download ONNX'),
    h('a', {class: 'button', href: url('safetensors'), download: `task-${t.id}.safetensors`,
      'data-testid': 'download-safetensors'}, 'Download safetensors'),
    h('a', {href: url('metadata'), download: `task-${t.id}.json`}, 'metadata (JSON)'));
}

function leaderboard(rounds) {
  if (rounds.length === 0) return empty('No rounds yet: miners are training; the first round closes when the'
    + ' requester reveals its test shard.');
  return h('div', {class: 'rounds', 'data-testid': 'leaderboard'}, rounds.map((r, i) => {
    const cands = candidatesOf(r);
    return h('section', {class: 'round'},
      h('h3', {}, `Round ${r.round ?? i + 1}`, ' ', r.height !== undefined ? ['at height ', hashLink('blocks', winnerBlock(r), 6)]
        : null, ' ', r.outcome ? badge(r.outcome) : null),
      cands.length === 0 ? empty(winnerBlock(r) ? 'This node did not see the round\'s candidates.' : 'No candidates yet.')
        : table(['#', 'Miner', 'Block', 'Claimed', 'Verified', 'Accuracy', 'Outcome'],
          [...cands].sort((a, b) => (b.verifiedScore ?? b.claimedScore ?? 0) - (a.verifiedScore ?? a.claimedScore ?? 0)),
          c => h('tr', {class: c.won ? 'winner' : 'loser'},
            h('td', {}, c.won ? '1' : ''),
            h('td', {}, addressLink(c.miner)),
            h('td', {}, c.block ? hashLink('blocks', c.block, 6) : '-'),
            h('td', {class: 'num'}, c.claimedScore ?? '-'),
            h('td', {class: 'num'}, c.verifiedScore ?? '-'),
            h('td', {class: 'num'}, percent(c.accuracy)),
            h('td', {class: 'reason'}, c.won ? 'won' : c.reason || 'lost'))));
  }));
}
