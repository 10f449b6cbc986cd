// Peers: the nodes this node is connected to (GET /api/v1/peers: {peers: [{address, inbound, ready,
// bestHeight, bestHash, nodeId, misbehaviour}]}), refreshed every 5 s.

import {getOptional, listOf} from '../api.js';
import {badge, empty, errorBox, fill, h, hashLink, loading, short, table} from '../dom.js';

const REFRESH_MS = 5000;

export async function render(root, _params, live) {
  const body = h('div', {}, loading('peers'));
  fill(root, h('h1', {}, 'Peers'), body);
  let timer = null;
  const refresh = async () => {
    if (!body.isConnected) return;
    try {
      draw(body, await getOptional('/peers'));
    } catch (e) {
      fill(body, errorBox(e, refresh));
    }
    timer = setTimeout(refresh, REFRESH_MS);
  };
  live.on('hello', () => {
    clearTimeout(timer);
    refresh();
  });
  await refresh();
}

function draw(body, json) {
  if (json === null) {
    fill(body, empty('This node reports no peers: it runs alone (no peer-to-peer port), so every block here is its own.'));
    return;
  }
  const peers = listOf(json, 'peers');
  if (peers.length === 0) {
    fill(body, empty('No peers connected. Start another node with --peer pointing at this one.'));
    return;
  }
  fill(body, table(['Address', 'Direction', 'State', 'Best height', 'Best block', 'Node id', 'Misbehaviour'], peers,
    p => h('tr', {},
      h('td', {class: 'mono'}, p.address ?? '-'),
      h('td', {}, p.inbound === undefined ? '-' : p.inbound ? 'inbound' : 'outbound'),
      h('td', {}, p.ready === undefined ? '-' : p.ready ? badge('ready', 'on') : badge('handshake', 'off')),
      h('td', {class: 'num'}, p.bestHeight ?? '-'),
      h('td', {}, p.bestHash ? hashLink('blocks', p.bestHash, 6) : '-'),
      h('td', {class: 'mono', title: p.nodeId ?? ''}, short(p.nodeId, 6)),
      h('td', {class: 'num'}, p.misbehaviour ?? '-'))));
}
