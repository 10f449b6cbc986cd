// Overview: height, tip, peers, open tasks, the share of recent blocks won by learning, a live
// strip of the latest blocks and a feed of the rounds' events.

import {get, getOptional, listOf} from '../api.js';
import {card, empty, errorBox, fill, h, hashLink, loading, percent, short, when} from '../dom.js';
import {describeEvent} from './events.js';

const STRIP = 12;
const SHARE_WINDOW = 100;

export async function render(root, _params, live) {
  fill(root, h('h1', {}, 'Overview'), loading('the node status'));
  const [status, page, tasks, peers, miner] = await Promise.all([get('/status'), get(`/blocks?limit=${SHARE_WINDOW}`),
    getOptional('/tasks'), getOptional('/peers'), getOptional('/miner?limit=200').catch(() => null)]);
  const cards = h('div', {class: 'cards'});
  const strip = h('ol', {class: 'strip', 'data-testid': 'block-strip'});
  const feed = h('ol', {class: 'feed', 'data-testid': 'event-feed'});
  const state = {status, blocks: page.blocks, tasks: tasks === null ? null : listOf(tasks, 'tasks'), peers,
    cpu: cpuOf(miner?.actions ?? [])};
  fill(root, h('h1', {}, 'Overview'), cards,
    h('h2', {}, 'Latest blocks ', h('small', {}, '(live)')), strip,
    h('h2', {}, 'Round activity ', h('small', {}, '(live)')), feed);
  drawCards(cards, state);
  drawStrip(strip, state.blocks);
  fill(feed, empty('No round events yet. Commitments, reveals and training progress appear here as they happen.'));

  live.on('block', async event => {
    try {
      const b = await get(`/blocks/${event.hash}`);
      state.blocks = [b, ...state.blocks.filter(x => x.hash !== b.hash)].slice(0, SHARE_WINDOW);
      state.status = {...state.status, height: b.height, tipHash: b.hash, tipTimestamp: b.timestamp};
      drawCards(cards, state);
      drawStrip(strip, state.blocks, b.hash);
    } catch (e) {
      fill(strip, errorBox(e));
    }
  });
  live.on('reorg', () => render(root, _params, live));
  live.on('trained', d => { state.cpu.training += d.cpuSeconds ?? 0; drawCards(cards, state); });
  live.on('sealed', d => { state.cpu.hashing += d.cpuSeconds ?? 0; drawCards(cards, state); });
  live.on('*', (data, name) => {
    const line = describeEvent(name, data);
    if (!line) return;
    if (feed.querySelector('.empty')) feed.replaceChildren();
    feed.prepend(h('li', {class: `event ${name}`}, h('span', {class: 'event-name'}, name), ' ', line));
    while (feed.children.length > 30) feed.lastChild.remove();
  });
}

/** CPU seconds this node's miner spent training and hashing, from its recent actions. */
function cpuOf(actions) {
  const cpu = {training: 0, hashing: 0};
  for (const a of actions) {
    if (a.event?.kind === 'trained') cpu.training += a.event.cpuSeconds ?? 0;
    if (a.event?.kind === 'sealed') cpu.hashing += a.event.cpuSeconds ?? 0;
  }
  return cpu;
}

function drawCards(el, {status, blocks, tasks, peers, cpu}) {
  const cpuTotal = cpu.training + cpu.hashing;
  const learned = blocks.filter(b => b.proof?.type === 'pole').length;
  const mined = blocks.filter(b => !b.genesis).length;
  const open = tasks?.filter(t => t.status !== 'finished' && t.status !== 'cancelled').length;
  const peerList = peers === null ? null : listOf(peers, 'peers');
  fill(el,
    card('Height', h('span', {'data-testid': 'height'}, String(status.height)), when(status.tipTimestamp)),
    card('Tip', hashLink('blocks', status.tipHash, 10), `${status.mempoolSize} pending transactions`),
    card('Peers', peerList === null ? '-' : String(peerList.length),
      peerList === null ? 'this node reports no peers (single node)' : h('a', {href: '#/peers'}, 'see peers')),
    card('Open tasks', tasks === null ? '-' : String(open),
      tasks === null ? 'this node has no task API' : h('a', {href: '#/tasks'}, 'marketplace')),
    card('Compute into training', mined ? percent(learned / mined) : '-',
      [`${learned} of the last ${mined} blocks were won by training a model; the rest by hash work.`,
        cpuTotal > 0 ? ` This miner: ${percent(cpu.training / cpuTotal)} of ${cpuTotal.toFixed(1)} CPU s training.` : ''],
      {'data-testid': 'training-share'}));
}

function drawStrip(el, blocks, fresh) {
  const latest = blocks.slice(0, STRIP);
  if (latest.length === 0) {
    fill(el, empty('No blocks yet.'));
    return;
  }
  fill(el, latest.map(b => h('li', {class: `tile ${b.proof?.type || 'genesis'}${b.hash === fresh ? ' fresh' : ''}`},
    h('a', {href: `#/blocks/${b.hash}`, title: b.hash},
      h('span', {class: 'tile-height'}, `#${b.height}`),
      h('span', {class: 'tile-kind'}, b.genesis ? 'genesis' : b.proof?.type === 'pole' ? `task ${b.proof.taskId}` : b.proof?.type),
      h('span', {class: 'tile-hash mono'}, short(b.hash, 6)),
      h('span', {class: 'tile-txs'}, `${b.transactionCount} tx`)))));
}
