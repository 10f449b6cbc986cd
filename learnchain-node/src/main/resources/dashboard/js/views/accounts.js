// Accounts: look up an address; balance, nonce, reputation, history and a CSV export of the history.

import {get, getOptional, listOf} from '../api.js';
import {addressLink, coins, empty, errorBox, facts, fill, h, loading, short, table, when} from '../dom.js';

export async function render(root, [address]) {
  const input = h('input', {name: 'address', placeholder: 'lc1...', value: address ?? '', class: 'mono',
    'aria-label': 'address', 'data-testid': 'address-input', autocomplete: 'off', spellcheck: 'false'});
  const form = h('form', {class: 'search', onsubmit: e => {
    e.preventDefault();
    const a = input.value.trim();
    if (a) location.hash = `#/accounts/${a}`;
  }}, input, h('button', {type: 'submit'}, 'Show'));
  const body = h('div', {});
  fill(root, h('h1', {}, 'Accounts'), form, body);
  if (address) await showAccount(body, address);
  else await showKnown(body);
}

/** Without an address: the accounts this node knows of (its miner, recent block miners) as links. */
async function showKnown(body) {
  fill(body, loading('known accounts'));
  const [miner, page] = await Promise.all([getOptional('/miner').catch(() => null), get('/blocks?limit=50')]);
  const known = new Map();
  if (miner?.address) known.set(miner.address, 'this node\'s miner');
  for (const b of page.blocks) if (b.miner && !known.has(b.miner)) known.set(b.miner, `mined block #${b.height}`);
  if (known.size === 0) {
    fill(body, empty('Enter an address above. No blocks have been mined yet, so no accounts are known here.'));
    return;
  }
  fill(body, h('h2', {}, 'Accounts seen recently'),
    table(['Address', 'Seen as'], [...known], ([a, why]) => h('tr', {}, h('td', {}, addressLink(a)), h('td', {}, why))));
}

async function showAccount(body, address) {
  fill(body, loading(`account ${address}`));
  let account;
  try {
    account = await get(`/accounts/${address}`);
  } catch (e) {
    fill(body, errorBox(e, () => showAccount(body, address)));
    return;
  }
  const history = h('div', {}, loading('history'));
  fill(body,
    facts([
      ['Address', h('span', {class: 'mono wrap', 'data-testid': 'account-address'}, account.address)],
      ['Balance', h('span', {'data-testid': 'balance'}, coins(account.balance))],
      ['Next nonce', String(account.nonce)],
      ['Reputation', String(account.reputation)],
      ['Pending transactions', String(account.pendingTransactions)],
    ]),
    h('h2', {}, 'History'), history);
  await showHistory(history, address, null);
}

async function showHistory(el, address, before) {
  let json;
  try {
    json = await getOptional(`/accounts/${address}/history?limit=50${before === null ? '' : `&before=${before}`}`);
  } catch (e) {
    fill(el, errorBox(e));
    return;
  }
  if (json === null) {
    fill(el, empty('This node keeps no account history.'));
    return;
  }
  const entries = listOf(json, 'entries');
  const next = json.nextBefore ?? null;
  const pager = h('div', {class: 'pager'},
    before !== null ? h('button', {type: 'button', onclick: () => showHistory(el, address, null)}, 'Newest') : null,
    next !== null ? h('button', {type: 'button', onclick: () => showHistory(el, address, next)}, 'Older') : null);
  if (entries.length === 0) {
    fill(el, empty(before === null ? 'Nothing has moved this account\'s balance in the blocks scanned.'
      : 'No older entries in the blocks scanned.'), pager);
    return;
  }
  fill(el,
    h('div', {class: 'actions'}, h('button', {type: 'button', 'data-testid': 'csv-export',
      onclick: () => downloadCsv(address, entries)}, 'Export CSV'),
    h('span', {class: 'note'}, `${entries.length} entries on this page`)),
    table(['Height', 'Time', 'Kind', 'Amount', 'Fee', 'Counterparty', 'Task', 'Transaction'], entries, e => h('tr', {},
      h('td', {class: 'num'}, h('a', {href: `#/blocks/${e.block ?? e.height}`}, String(e.height))),
      h('td', {}, when(e.timestamp)),
      h('td', {}, e.kind),
      h('td', {class: `num ${String(e.amount).startsWith('-') ? 'out' : 'in'}`}, `${e.amount} LC`),
      h('td', {class: 'num'}, e.fee ? `${e.fee} LC` : '-'),
      h('td', {}, addressLink(e.counterparty)),
      h('td', {}, e.taskId ? h('a', {href: `#/tasks/${e.taskId}`}, `task ${e.taskId}`)
        : e.taskReward ? `reward ${e.taskReward} LC` : '-'),
      h('td', {class: 'mono', title: e.tx ?? ''}, short(e.tx, 6)))),
    pager);
}

/** Entries as CSV: height, time (ISO), kind, amount (signed coins), units, fee, counterparty, task, transaction, block. */
export function toCsv(entries) {
  const esc = v => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = entries.map(e => [e.height, e.timestamp ? new Date(e.timestamp * 1000).toISOString() : '', e.kind,
    e.amount, e.amountUnits, e.fee, e.counterparty, e.taskId, e.tx, e.block]);
  return [['height', 'time', 'kind', 'amount', 'units', 'fee', 'counterparty', 'task', 'transaction', 'block'], ...rows]
    .map(r => r.map(esc).join(',')).join('\n') + '\n';
}

function downloadCsv(address, entries) {
  const url = URL.createObjectURL(new Blob([toCsv(entries)], {type: 'text/csv'}));
  const a = h('a', {href: url, download: `${address}-history.csv`});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
