// Small DOM and formatting helpers shared by the views. Text always goes in as text nodes
// (never innerHTML), so nothing a node returns can inject markup.

/** h('a', {href: '#/'}, 'text', child, [more]) builds an element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** SVG element with attributes. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function loading(what) {
  return h('p', {class: 'state loading', role: 'status'}, `Loading ${what}...`);
}

export function empty(text, ...more) {
  return h('div', {class: 'state empty'}, h('p', {}, text), ...more);
}

/** An error box with the API's message and a retry button. */
export function errorBox(err, retry) {
  return h('div', {class: 'state error', role: 'alert'},
    h('p', {}, h('strong', {}, err.title || 'The node did not answer'), ': ', err.message || String(err)),
    retry ? h('button', {type: 'button', onclick: retry}, 'Try again') : null);
}

export function short(hex, n = 8) {
  if (!hex) return '-';
  return hex.length > 2 * n + 1 ? `${hex.slice(0, n)}...${hex.slice(-4)}` : hex;
}

export function hashLink(kind, hex, n) {
  return hex ? h('a', {href: `#/${kind}/${hex}`, class: 'mono', title: hex}, short(hex, n)) : '-';
}

export function addressLink(address) {
  return address ? h('a', {href: `#/accounts/${address}`, class: 'mono', title: address}, short(address, 10)) : '-';
}

export function coins(amount) {
  if (amount === null || amount === undefined) return '-';
  if (typeof amount === 'object') return `${amount.coins} LC`;
  return `${amount} LC`;
}

export function percent(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  return `${(value * 100).toFixed(1)} %`;
}

export function when(seconds) {
  if (!seconds) return '-';
  const date = new Date(seconds * 1000);
  const age = Math.max(0, Math.round(Date.now() / 1000 - seconds));
  const ago = age < 90 ? `${age} s ago` : age < 5400 ? `${Math.round(age / 60)} min ago`
    : `${Math.round(age / 3600)} h ago`;
  return h('time', {datetime: date.toISOString(), title: date.toLocaleString()}, ago);
}

/** A two-column list of label/value pairs. */
export function facts(rows) {
  return h('dl', {class: 'facts'}, rows.filter(r => r).map(([label, value]) => [
    h('dt', {}, label), h('dd', {}, value === null || value === undefined ? '-' : value)]));
}

/** A table whose rows come from fn(item); a caption-less, scrollable table. */
export function table(headers, items, fn, attrs = {}) {
  return h('div', {class: 'table-wrap'},
    h('table', attrs,
      h('thead', {}, h('tr', {}, headers.map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, items.map(item => fn(item)))));
}

export function card(label, value, note, attrs = {}) {
  return h('div', {class: 'card', ...attrs}, h('div', {class: 'label'}, label),
    h('div', {class: 'value'}, value), note ? h('div', {class: 'note'}, note) : null);
}

export function badge(text, kind) {
  return h('span', {class: `badge ${kind || text}`}, text);
}

/** Replaces the content of el with children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
