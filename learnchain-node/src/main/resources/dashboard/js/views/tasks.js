// Tasks: the marketplace grouped by status (open, running, finished), refreshed at every block.

import {getOptional, listOf} from '../api.js';
import {coins, empty, errorBox, fill, h, loading, percent, table} from '../dom.js';
import {accuracyOf} from '../api.js';

const GROUPS = [
  ['open', 'Open', 'posted, waiting for its first winning model'],
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

export function groupOf(task) {
  const s = String(task.status || '').toLowerCase();
  if (s === 'open' || s === 'posted') return 'open';
  if (s === 'running' || s === 'active') return 'running';
  return 'finished';
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
  return table(['Task', 'Model', 'Data set', 'Reward / round', 'Rounds', 'Min. training acc.', 'Best test acc.'], tasks,
    t => h('tr', {'data-task': t.id},
      h('td', {}, h('a', {href: `#/tasks/${t.id}`}, `task ${t.id}`)),
      h('td', {}, t.model ?? t.modelSpec ?? '-'),
      h('td', {}, t.dataset ?? '-'),
      h('td', {class: 'num'}, coins(t.rewardPerRound)),
      h('td', {class: 'num'}, `${t.roundsDone ?? t.roundsWon ?? 0} / ${t.rounds}`),
      h('td', {class: 'num'}, percent(accuracyOf(t.minTrainingAccuracy ?? t.minTrainingAccuracyBp))),
      h('td', {class: 'num'}, percent(accuracyOf(t.bestAccuracy)))));
}
