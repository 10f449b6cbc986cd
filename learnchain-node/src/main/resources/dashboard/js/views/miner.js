// Miner: this node's mining account, where it listens, live training progress, its commitment, wins and
// losses with the reason, and an action log; start and stop buttons.

import {get, getOptional, post} from '../api.js';
import {addressLink, badge, coins, empty, errorBox, facts, fill, h, hashLink, loading, percent, table} from '../dom.js';
import {describeEvent} from './events.js';

const LOG_EVENTS = ['trained', 'below_minimum', 'committed', 'revealed', 'candidate', 'candidate_received', 'round',
  'rejected', 'sealed', 'keys_released'];
const PHASES = {
  STOPPED: 'stopped', IDLE: 'idle: no open task, sealing hash-work blocks', TRAINING: 'training',
  BELOW_MINIMUM: 'trained below the task\'s minimum: no commitment', NO_DATA: 'waiting for the task\'s data',
  NO_KEYS: 'private task: waiting for the requester\'s round keys', DECRYPTING: 'private task: decrypting the round\'s features',
  COMMITTED: 'committed: waiting for the reveal',
  NOT_LISTED: 'the reveal did not list our commitment (it came late): no candidate this round', CANDIDATE_SENT: 'candidate sent: waiting for the decision',
};

export async function render(root, _params, live) {
  const body = h('div', {}, loading('the miner'));
  fill(root, h('h1', {}, 'Miner'), body);
  let miner = null;
  const refresh = async () => {
    try {
      const [m, status] = await Promise.all([getOptional('/miner?limit=50'), get('/status')]);
      miner = m;
      draw(body, m, status, refresh);
    } catch (e) {
      fill(body, e.status === 409 ? empty(e.message) : errorBox(e, refresh));
    }
  };
  await refresh();
  // progress and the action log change with every round event; a refresh per event keeps them exact
  let pending = null;
  for (const name of LOG_EVENTS) {
    live.on(name, () => {
      if (miner === null || pending) return;
      pending = setTimeout(() => { pending = null; refresh(); }, 250);
    });
  }
  live.on('block', refresh);
}

function draw(body, m, status, refresh) {
  if (m === null) {
    fill(body, empty(status.mining ? 'This node mines hash-work blocks; it runs no proof-of-learning miner.'
      : 'This node does not mine: start it with a miner key (learnchain node --miner-key FILE, or --dev).'));
    return;
  }
  const outcomes = m.outcomes ?? [];
  const actions = m.actions ?? [];
  fill(body,
    actionError ? errorBox(actionError) : null,
    h('div', {class: 'title-row'}, h('p', {}, badge(m.mining ? 'mining' : 'stopped', m.mining ? 'on' : 'off')),
      h('button', {type: 'button', 'data-testid': 'miner-toggle', onclick: () => toggle(m.mining, refresh)},
        m.mining ? 'Stop mining' : 'Start mining')),
    facts([
      ['Address', addressLink(m.address)],
      ['Balance', h('span', {'data-testid': 'miner-balance'}, coins(m.balance))],
      ['API at', location.host],
      ['Commitment', m.commitment ? h('span', {class: 'mono wrap'}, m.commitment) : 'none this round'],
      ['Wins / losses', `${m.wins} / ${m.losses}`],
    ]),
    h('h2', {}, 'Training progress ', h('small', {}, '(live)')),
    progress(m),
    h('h2', {}, 'Wins and losses'),
    outcomes.length === 0 ? empty('No round with a candidate of this miner has been decided yet.')
      : table(['When', 'Block', 'Claimed', 'Outcome', 'Reason'], outcomes, o => h('tr', {class: o.won ? 'winner' : 'loser'},
        h('td', {}, clock(o.timeMillis)),
        h('td', {}, hashLink('blocks', o.block, 6)),
        h('td', {class: 'num'}, o.claimedScore),
        h('td', {}, badge(o.won ? 'won' : 'lost')),
        h('td', {class: 'reason'}, o.won ? '' : o.reason ?? '-'))),
    h('h2', {}, 'Action log ', h('small', {}, '(live)')),
    actions.length === 0 ? empty('No actions yet.')
      : h('ol', {class: 'feed', 'data-testid': 'action-log'}, actions.map(a => h('li', {class: 'event'},
        h('time', {}, clock(a.timeMillis)), ' ', describeEvent(a.event?.kind, a.event ?? {})))));
}

function progress(m) {
  return h('div', {class: 'progress-box', 'data-testid': 'miner-progress'},
    facts([
      ['Phase', h('span', {'data-testid': 'phase'}, PHASES[m.phase] ?? String(m.phase).toLowerCase())],
      ['Task', m.taskId ? h('a', {href: `#/tasks/${m.taskId}`}, `task ${m.taskId}`) : '-'],
      ['Steps', m.steps ? `${m.step} / ${m.steps}` : '-'],
      ['Training accuracy', percent(m.trainingAccuracy)],
    ]),
    m.steps ? h('progress', {max: m.steps, value: m.step}) : null);
}

function clock(millis) {
  return millis ? new Date(millis).toLocaleTimeString() : '-';
}

// The last start/stop the node refused: drawn at the top until the next attempt, since every block redraws
// the page (an error box merely prepended would vanish within a block time).
let actionError = null;

async function toggle(running, refresh) {
  try {
    await post(running ? '/miner/stop' : '/miner/start');
    actionError = null;
  } catch (e) {
    actionError = e;
  }
  await refresh();
}
