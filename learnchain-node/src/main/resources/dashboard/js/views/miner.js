// Miner: this node's mining account, where it listens, live training progress, its commitment, wins and
// losses with the reason, and an action log; start and stop buttons.

import {get, getOptional, listOf, post} from '../api.js';
import {addressLink, badge, coins, empty, errorBox, facts, fill, h, hashLink, loading, percent, table, when} from '../dom.js';
import {describeEvent} from './events.js';

const LOG_EVENTS = ['trained', 'progress', 'below_minimum', 'committed', 'commitment', 'revealed', 'reveal',
  'candidate', 'round_decided', 'rejected', 'sealed'];

export async function render(root, _params, live) {
  const body = h('div', {}, loading('the miner'));
  const progress = h('div', {class: 'progress-box', 'data-testid': 'miner-progress'});
  const log = h('ol', {class: 'feed', 'data-testid': 'action-log'});
  fill(root, h('h1', {}, 'Miner'), body);
  const refresh = async () => {
    try {
      const [miner, status] = await Promise.all([getOptional('/miner'), get('/status')]);
      draw(body, miner, status, progress, log, refresh);
    } catch (e) {
      fill(body, errorBox(e, refresh));
    }
  };
  await refresh();
  for (const name of LOG_EVENTS) {
    live.on(name, data => {
      const line = describeEvent(name, data);
      if (log.querySelector('.empty')) log.replaceChildren();
      log.prepend(h('li', {class: `event ${name}`}, h('time', {}, new Date().toLocaleTimeString()), ' ', line));
      while (log.children.length > 50) log.lastChild.remove();
      if (name === 'trained' || name === 'progress') showProgress(progress, data);
    });
  }
  live.on('block', refresh);
}

function draw(body, miner, status, progress, log, refresh) {
  if (miner === null) {
    fill(body, empty(status.mining ? 'This node mines hash-work blocks but has no miner API.'
      : 'This node does not mine: start it with a miner key (learnchain node --miner-key FILE, or --dev).'));
    return;
  }
  if (!progress.hasChildNodes()) showProgress(progress, miner);
  if (!log.hasChildNodes()) {
    const actions = listOf(miner.actions ?? miner.log, 'actions');
    fill(log, actions.length ? actions.slice().reverse().map(a => h('li', {class: 'event'},
      a.time ? when(a.time) : null, ' ', a.text ?? a.message ?? a.action ?? JSON.stringify(a)))
      : empty('No actions yet.'));
  }
  const running = miner.running ?? miner.mining ?? status.mining;
  const outcomes = listOf(miner.outcomes ?? miner.results ?? miner.rounds, 'outcomes');
  fill(body,
    h('div', {class: 'title-row'}, badge(running ? 'mining' : 'stopped', running ? 'on' : 'off'),
      h('button', {type: 'button', 'data-testid': 'miner-toggle',
        onclick: () => toggle(running, refresh, body)}, running ? 'Stop mining' : 'Start mining')),
    facts([
      ['Address', addressLink(miner.address)],
      ['Balance', coins(miner.balance)],
      ['Listens on', miner.listen ?? (miner.host ? `${miner.host}:${miner.port}` : null)],
      ['Commitment', miner.commitment ? commitment(miner.commitment) : 'none this round'],
      ['Wins / losses', `${miner.wins ?? outcomes.filter(o => o.won).length} / ${miner.losses ?? outcomes.filter(o => !o.won).length}`],
    ]),
    h('h2', {}, 'Training progress ', h('small', {}, '(live)')), progress,
    h('h2', {}, 'Wins and losses'),
    outcomes.length === 0 ? empty('No rounds decided yet.')
      : table(['Task', 'Block', 'Outcome', 'Reason'], outcomes, o => h('tr', {class: o.won ? 'winner' : 'loser'},
        h('td', {}, o.taskId ? h('a', {href: `#/tasks/${o.taskId}`}, `task ${o.taskId}`) : '-'),
        h('td', {}, hashLink('blocks', o.block ?? o.blockHash, 6)),
        h('td', {}, badge(o.won ? 'won' : 'lost')),
        h('td', {class: 'reason'}, o.reason ?? (o.won ? '' : '-')))),
    h('h2', {}, 'Action log ', h('small', {}, '(live)')), log);
}

function commitment(c) {
  if (typeof c === 'string') return h('span', {class: 'mono'}, c);
  return h('span', {}, `model `, h('span', {class: 'mono', title: c.modelHash}, (c.modelHash ?? '').slice(0, 12)),
    c.taskId ? ` for task ${c.taskId}` : '');
}

export function showProgress(el, p) {
  const acc = p.trainingAccuracy ?? (p.trainCount ? p.trainCorrect / p.trainCount : null);
  const total = p.totalSteps ?? null;
  fill(el, facts([
    ['Phase', h('span', {'data-testid': 'phase'}, p.phase ?? (p.steps !== undefined ? 'trained' : 'idle'))],
    ['Task', p.taskId ? h('a', {href: `#/tasks/${p.taskId}`}, `task ${p.taskId}`) : '-'],
    ['Steps', p.steps !== undefined ? (total ? `${p.steps} / ${total}` : String(p.steps)) : '-'],
    ['Training accuracy', percent(acc)],
  ]), total ? h('progress', {max: total, value: p.steps ?? 0}) : null);
}

async function toggle(running, refresh, body) {
  try {
    await post(running ? '/miner/stop' : '/miner/start');
    await refresh();
  } catch (e) {
    body.prepend(errorBox(e));
  }
}
