// Peers: the nodes this node is connected to (GET /api/v1/peers), refreshed every 5 s.

import {getOptional, listOf} from '../api.js';
import {empty, errorBox, fill, h, loading, table, when} from '../dom.js';

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
  fill(body, table(['Address', 'Direction', 'Height', 'Connected', 'Score'], peers, p => h('tr', {},
    h('td', {class: 'mono'}, p.address ?? `${p.host}:${p.port}`),
    h('td', {}, p.direction ?? (p.inbound === undefined ? '-' : p.inbound ? 'inbound' : 'outbound')),
    h('td', {class: 'num'}, p.height ?? p.bestHeight ?? '-'),
    h('td', {}, p.connectedSince ? when(p.connectedSince) : '-'),
    h('td', {class: 'num'}, p.score ?? '-'))));
}
