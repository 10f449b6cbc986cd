// Blocks: the canonical chain newest first, paged with ?before=, new blocks added live on the first page.

import {get} from '../api.js';
import {addressLink, badge, empty, errorBox, fill, h, hashLink, loading, when} from '../dom.js';

const PAGE = 25;

export async function render(root, _params, live) {
  const body = h('div', {});
  fill(root, h('h1', {}, 'Blocks'), body);
  live.on('block', async event => {
    const tbody = body.querySelector('tbody');
    if (body.dataset.page !== 'newest' || !tbody) return;
    const b = await get(`/blocks/${event.hash}`);
    tbody.prepend(row(b));
    tbody.firstChild.classList.add('fresh');
    while (tbody.children.length > PAGE) tbody.lastChild.remove();
  });
  await showPage(body, null);
}

async function showPage(body, before) {
  body.dataset.page = 'loading';
  fill(body, loading('blocks'));
  let page;
  try {
    page = await get(`/blocks?limit=${PAGE}${before === null ? '' : `&before=${before}`}`);
  } catch (e) {
    fill(body, errorBox(e, () => showPage(body, before)));
    return;
  }
  if (page.blocks.length === 0) {
    fill(body, empty('No blocks below this height.'));
    return;
  }
  const rows = page.blocks.map(row);
  const tbody = h('tbody', {}, rows);
  const pager = h('div', {class: 'pager'},
    before !== null ? h('button', {type: 'button', onclick: () => showPage(body, null)}, 'Newest') : null,
    page.nextBefore !== null ? h('button', {type: 'button', onclick: () => showPage(body, page.nextBefore)},
      'Older blocks') : null);
  fill(body, h('p', {class: 'note'}, `The tip is at height ${page.tipHeight}.`),
    h('div', {class: 'table-wrap'}, h('table', {'data-testid': 'blocks-table'},
      h('thead', {}, h('tr', {}, ['Height', 'Hash', 'Time', 'Miner', 'Proof', 'Task', 'Txs'].map(t => h('th', {}, t)))),
      tbody)), pager);
  body.dataset.page = before === null ? 'newest' : String(before);
}

export function proofBadge(b) {
  if (b.genesis) return badge('genesis');
  return badge(b.proof?.type || '?');
}

function row(b) {
  return h('tr', {'data-height': b.height},
    h('td', {class: 'num'}, h('a', {href: `#/blocks/${b.hash}`}, String(b.height))),
    h('td', {}, hashLink('blocks', b.hash)),
    h('td', {}, when(b.timestamp)),
    h('td', {}, addressLink(b.miner)),
    h('td', {}, proofBadge(b)),
    h('td', {}, b.proof?.taskId ? h('a', {href: `#/tasks/${b.proof.taskId}`}, `task ${b.proof.taskId}`) : '-'),
    h('td', {class: 'num'}, String(b.transactionCount)));
}
