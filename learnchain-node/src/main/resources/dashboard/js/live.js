// One EventSource on /api/v1/events shared by all views. Views subscribe to event names and get
// the parsed JSON data; the subscriptions of a view end when the router leaves it.

import {BASE} from './api.js';

// Every event the node sends (chain events and the pole rounds' events); unknown names are ignored.
export const EVENT_NAMES = ['hello', 'block', 'reorg', 'transaction', 'trained', 'below_minimum', 'committed',
  'commitment', 'revealed', 'reveal', 'candidate', 'round_decided', 'rejected', 'sealed', 'progress', 'miner',
  'task'];

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
  for (const fn of [...(listeners.get(name) || []), ...(listeners.get('*') || [])]) {
    try {
      fn(data, name);
    } catch (e) {
      console.error(`live ${name} handler failed`, e);
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
