// The dashboard's entry: hash routing (#/blocks/12), one live event stream, one view at a time.

import {errorBox, fill, h} from './dom.js';
import * as live from './live.js';
import {get} from './api.js';
import * as overview from './views/overview.js';
import * as blocks from './views/blocks.js';
import * as block from './views/block.js';
import * as tasks from './views/tasks.js';
import * as taskForm from './views/task-form.js';
import * as task from './views/task.js';
import * as miner from './views/miner.js';
import * as accounts from './views/accounts.js';
import * as peers from './views/peers.js';
import * as lifelong from './views/lifelong.js';

// [pattern, view, nav entry]; the first match wins.
const ROUTES = [
  [/^\/?$/, overview, 'overview'],
  [/^\/blocks\/?$/, blocks, 'blocks'],
  [/^\/blocks\/([0-9a-fA-F]+)$/, block, 'blocks'],
  [/^\/tasks\/?$/, tasks, 'tasks'],
  [/^\/tasks\/new$/, taskForm, 'tasks'],
  [/^\/tasks\/(\d+)$/, task, 'tasks'],
  [/^\/miner\/?$/, miner, 'miner'],
  [/^\/accounts\/?$/, accounts, 'accounts'],
  [/^\/accounts\/(lc1[0-9a-z]+)$/, accounts, 'accounts'],
  [/^\/peers\/?$/, peers, 'peers'],
  [/^\/lifelong\/?$/, lifelong, 'lifelong'],
  [/^\/lifelong\/(\d+)$/, lifelong, 'lifelong'],
];

let current = null;

function route() {
  const path = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  current?.close();
  current = live.scope();
  const container = h('section', {class: 'page'});
  fill(document.getElementById('view'), container);
  const match = ROUTES.map(([re, view, nav]) => [path.match(re), view, nav]).find(([m]) => m);
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.view === match?.[2]);
  }
  if (!match) {
    fill(container, h('h1', {}, 'Not found'),
      errorBox({title: 'No such view', message: `${path} is not a dashboard view; use the menu above.`}));
    return;
  }
  const [m, view] = match;
  document.title = `learnchain - ${match[2]}`;
  Promise.resolve(view.render(container, m.slice(1), current)).catch(e => {
    console.error(e);
    fill(container, errorBox(e, route));
  });
}

function showLive(state) {
  const el = document.getElementById('live');
  el.textContent = state;
  el.className = `live ${state === 'live' ? 'on' : 'off'}`;
}

async function showChainName() {
  try {
    const status = await get('/status');
    document.getElementById('chain-name').textContent =
      `${status.chainName} (${status.engine}${status.devMode ? ', dev' : ''}) node ${status.nodeVersion}`;
  } catch (e) {
    document.getElementById('chain-name').textContent = 'node unreachable';
  }
}

window.addEventListener('hashchange', route);
live.start(showLive);
showChainName();
route();
