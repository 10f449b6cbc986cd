// One EventSource on /api/v1/events shared by all views. Views subscribe to event names and get
// the parsed JSON data; the subscriptions of a view end when the router leaves it.

import {BASE} from './api.js';

// The events the node sends: chain events, and 'pole' (what the proof-of-learning roles did), whose
// payload's kind (trained, below_minimum, committed, revealed, candidate, candidate_received, round,
// rejected, sealed) is dispatched as a name of its own too, so views can subscribe to 'trained'.
export const EVENT_NAMES = ['hello', 'block', 'reorg', 'transaction', 'pole'];

const listeners = new Map();
let source = null;
let statusListener = () => {};

export function start(onStatus) {
  statusListener = onStatus;
  connect();
}

function connect() {
  if (source) source.close();
  source = new EventSource(`${BASE}/events`);
  source.onopen = () => statusListener('live');
  source.onerror = () => statusListener(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, e => dispatch(name, e.data));
  }
}

function dispatch(name, raw) {
  let data;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return;
  }
  const kind = name === 'pole' && data.kind ? data.kind : null;
  call(listeners.get(name), data, name);
  if (kind) call(listeners.get(kind), data, kind);
  call(listeners.get('*'), data, kind ?? name);
}

function call(fns, data, as) {
  for (const fn of [...(fns || [])]) {
    try {
      fn(data, as);
    } catch (e) {
      console.error(`live ${as} handler failed`, e);
    }
  }
}

/** A scope collects subscriptions so a view can drop them all at once. */
export function scope() {
  const own = [];
  return {
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      own.push([name, fn]);
    },
    close() {
      for (const [name, fn] of own) listeners.get(name)?.delete(fn);
      own.length = 0;
    },
  };
}
