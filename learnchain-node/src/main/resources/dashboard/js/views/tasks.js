// Tasks: the marketplace grouped by status (open, running, finished), refreshed at every block.

import {getOptional, listOf} from '../api.js';
import {addressLink, badge, coins, empty, errorBox, fill, h, loading, table} from '../dom.js';

const GROUPS = [
  ['open', 'Open', 'posted (pending ones wait for a block), no round decided yet'],
  ['running', 'Running', 'rounds under way'],
  ['finished', 'Finished', 'all rounds paid, forfeited or cancelled'],
];

export async function render(root, _params, live) {
  const body = h('div', {}, loading('tasks'));
  fill(root, h('div', {class: 'title-row'}, h('h1', {}, 'Tasks'),
    h('a', {class: 'button', href: '#/tasks/new', 'data-testid': 'post-task-link'}, 'Post a task')), body);
  const refresh = async () => {
    try {
      draw(body, await getOptional('/tasks'));
    } catch (e) {
      fill(body, errorBox(e, refresh));
    }
  };
  live.on('block', refresh);
  await refresh();
}

/** pending and open tasks are "open", running ones "running", the rest (finished, cancelled, forfeited) "finished". */
export function groupOf(task) {
  const s = String(task.status || '').toLowerCase();
  if (s === 'open' || s === 'pending') return 'open';
  if (s === 'running') return 'running';
  return 'finished';
}

export function statusText(t) {
  if (t.status === 'finished' && t.closedAs && t.closedAs !== 'FINISHED') return t.closedAs.toLowerCase().replace(/_/g, ' ');
  return t.status;
}

function draw(body, json) {
  if (json === null) {
    fill(body, empty('This node has no task API (it runs an engine without a task marketplace).'));
    return;
  }
  const tasks = listOf(json, 'tasks');
  if (tasks.length === 0) {
    fill(body, empty('No tasks yet. Post the first one: pick a model and a data set, set a reward per round.',
      h('a', {class: 'button', href: '#/tasks/new'}, 'Post a task')));
    return;
  }
  fill(body, GROUPS.map(([key, title, note]) => {
    const group = tasks.filter(t => groupOf(t) === key);
    return h('section', {class: `task-group ${key}`, 'data-testid': `tasks-${key}`},
      h('h2', {}, `${title} `, h('small', {}, `(${group.length}) ${note}`)),
      group.length === 0 ? empty(`No ${title.toLowerCase()} tasks.`) : taskTable(group));
  }));
}

function taskTable(tasks) {
  return table(['Task', 'Status', 'Model', 'Data set', 'Reward / round', 'Rounds done', 'Escrow left', 'Requester'], tasks,
    t => h('tr', {'data-task': t.id, 'data-status': t.status},
      h('td', {}, t.id ? h('a', {href: `#/tasks/${t.id}`}, `task ${t.id}`) : h('span', {title: t.tx}, 'pending')),
      h('td', {}, badge(statusText(t), t.status), t.mine ? ' (yours)' : ''),
      h('td', {class: 'mono'}, t.model ?? '-'),
      h('td', {}, t.dataset ?? '-'),
      h('td', {class: 'num'}, coins(t.rewardPerRound)),
      h('td', {class: 'num'}, `${t.roundsDone ?? 0} / ${t.rounds}${t.forfeits ? ` (${t.forfeits} forfeited)` : ''}`),
      h('td', {class: 'num'}, coins(t.escrow)),
      h('td', {}, addressLink(t.requester))));
}
