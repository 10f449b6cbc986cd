// Post a task: a predefined model, a custom layer list or an ONNX file's model (converted by
// POST /api/v1/models/import into a layer list), a data set, reward per round, rounds and the required
// training accuracy. The node posts it with its own key (POST /api/v1/tasks).

import {post, postBytes} from '../api.js';
import {errorBox, fill, h} from '../dom.js';

const MODELS = ['mlp-small', 'mlp', 'lenet5', 'lstm-rows'];
const DATASETS = [['fashion-mnist-small', 'Fashion-MNIST subset (bundled)'], ['fashion-mnist', 'Fashion-MNIST (full, when installed)']];
const CUSTOM = 'custom';
const ONNX = 'onnx';

export function render(root) {
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const custom = h('textarea', {name: 'layers', rows: 3, class: 'mono', 'data-testid': 'layers',
    placeholder: 'input 784 | dense 64 | relu | dense 10'});
  const customRow = field('Layer list', custom,
    'One line: input shape, then layers separated by |: dense N, relu, conv2d F kK sS pP, maxpool N sS, flatten, lstm N.');
  customRow.hidden = true;
  const onnxStatus = h('div', {class: 'form-status', 'aria-live': 'polite', 'data-testid': 'onnx-status'});
  const onnxFile = h('input', {type: 'file', accept: '.onnx', 'data-testid': 'onnx-file',
    onchange: () => importOnnx(onnxFile, model, custom, onnxStatus, show)});
  const onnxRow = field('ONNX file', onnxFile,
    'A model exported with torch.onnx.export (at most 1 MB; larger: learnchain task post --model-onnx FILE).'
    + ' It becomes a layer list; the rounds train it from fresh seeded weights.');
  onnxRow.append(onnxStatus);
  onnxRow.hidden = true;
  const show = () => {
    customRow.hidden = model.value !== CUSTOM;
    onnxRow.hidden = model.value !== ONNX;
  };
  const model = h('select', {name: 'model', 'data-testid': 'model', onchange: show},
    MODELS.map(m => h('option', {value: m}, m)), h('option', {value: CUSTOM}, 'custom layer list...'),
    h('option', {value: ONNX}, 'import an ONNX file...'));
  const form = h('form', {class: 'task-form', 'data-testid': 'task-form', novalidate: true},
    field('Model', model, 'A predefined architecture, your own layer list, or a PyTorch model as ONNX.'),
    customRow,
    onnxRow,
    field('Data set', h('select', {name: 'dataset', 'data-testid': 'dataset'},
      DATASETS.map(([v, label]) => h('option', {value: v}, label)))),
    field('Reward per round (LC)', h('input', {name: 'reward', type: 'text', inputmode: 'decimal', value: '10',
      required: true, 'data-testid': 'reward'}), 'Paid to each round\'s winner from the escrow.'),
    field('Rounds', h('input', {name: 'rounds', type: 'number', min: 1, max: 1000, value: 3, required: true,
      'data-testid': 'rounds'}), 'The test set is split into one shard per round.'),
    field('Private', h('input', {name: 'private', type: 'checkbox', 'data-testid': 'private'}),
      'Encrypt the training set: miners train on 16 projections of each sample a round and never see a sample'
      + ' (a dense model such as mlp-small; at most 12 rounds; the node encrypts before it posts, about a minute).'),
    field('Required training accuracy (%)', h('input', {name: 'minAccuracy', type: 'number', min: 0, max: 100,
      step: '0.1', value: 50, required: true, 'data-testid': 'min-accuracy'}),
    'Miners commit only models at least this accurate on the training data.'),
    h('details', {class: 'advanced'}, h('summary', {}, 'Phase times (optional)'),
      field('Expected training time (s)', h('input', {name: 'expectedSeconds', type: 'number', min: 1,
        'data-testid': 'expected-seconds', placeholder: 'node default'}), 'Tells miners how long a round\'s training takes.'),
      field('Shortest training phase (s)', h('input', {name: 'minPhaseSeconds', type: 'number', min: 0,
        'data-testid': 'min-phase', placeholder: 'node default'}), 'The reveal comes no earlier than this after the round opens.'),
      field('Longest training phase (s)', h('input', {name: 'maxPhaseSeconds', type: 'number', min: 1,
        'data-testid': 'max-phase', placeholder: 'node default'}), 'After this a round without a reveal is forfeited.')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', 'data-testid': 'submit-task'}, 'Post task'),
      h('a', {href: '#/tasks'}, 'Cancel')),
    status);
  form.addEventListener('submit', e => {
    e.preventDefault();
    submit(form, status);
  });
  fill(root, h('h1', {}, 'Post a task'),
    h('p', {class: 'note'}, 'This node posts the task with its own account: the reward per round times the rounds'
      + ' moves into escrow. Miners train; the best test accuracy on each round\'s revealed shard wins.'), form);
}

/** Sends the chosen .onnx file to the node; its layer list lands in the custom field, ready to post. */
async function importOnnx(input, model, custom, status, show) {
  const file = input.files[0];
  if (!file) return;
  fill(status, h('p', {class: 'state loading'}, `Reading ${file.name}...`));
  try {
    const imported = await postBytes('/models/import', await file.arrayBuffer());
    custom.value = imported.spec;
    model.value = CUSTOM;
    show();
    fill(status, h('p', {class: 'state ok', 'data-testid': 'onnx-imported'},
      `Imported ${file.name}: ${imported.summary}.`, ...imported.notes.map(n => ` Note: ${n}.`)));
    custom.closest('label').append(status);
  } catch (e) {
    fill(status, errorBox(e));
  }
}

function field(label, control, help) {
  return h('label', {class: 'field'}, h('span', {class: 'field-label'}, label), control,
    help ? h('span', {class: 'help'}, help) : null);
}

export function requestOf(form) {
  const v = name => form.elements[name].value.trim();
  const isCustom = v('model') === CUSTOM || v('model') === ONNX;
  const body = {
    model: isCustom ? v('layers') : v('model'),
    dataset: v('dataset'),
    rewardPerRound: v('reward'),
    rounds: Number(v('rounds')),
    minTrainingAccuracy: Number(v('minAccuracy')) / 100,
  };
  if (form.elements.private.checked) body.private = true;
  for (const name of ['expectedSeconds', 'minPhaseSeconds', 'maxPhaseSeconds']) {
    if (v(name) !== '') body[name] = Number(v(name));
  }
  return body;
}

async function submit(form, status) {
  const body = requestOf(form);
  const problem = check(body);
  if (problem) {
    fill(status, errorBox({title: 'Check the form', message: problem}));
    return;
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  fill(status, h('p', {class: 'state loading'}, 'Posting the task (the node prepares the data set and its shards)...'));
  try {
    const answer = await post('/tasks', body);
    fill(status, h('p', {class: 'state ok', 'data-testid': 'posted'},
      `Posted: transaction ${answer.tx ?? ''} escrows ${answer.escrow?.coins ?? '?'} LC; the task gets its id in the next block.`));
    setTimeout(() => { location.hash = '#/tasks'; }, 1200);
  } catch (e) {
    fill(status, errorBox(e));
  } finally {
    button.disabled = false;
  }
}

function check(body) {
  if (!body.model) return 'write a layer list, or pick a predefined model';
  if (!/^\d+(\.\d{1,8})?$/.test(body.rewardPerRound) || Number(body.rewardPerRound) <= 0) {
    return 'the reward per round must be a positive amount of coins such as 10 or 2.5';
  }
  if (!Number.isInteger(body.rounds) || body.rounds < 1) return 'rounds must be a whole number of at least 1';
  if (!(body.minTrainingAccuracy >= 0 && body.minTrainingAccuracy <= 1)) {
    return 'the required training accuracy is a percentage between 0 and 100';
  }
  for (const name of ['expectedSeconds', 'minPhaseSeconds', 'maxPhaseSeconds']) {
    const least = name === 'minPhaseSeconds' ? 0 : 1;
    if (name in body && !(Number.isInteger(body[name]) && body[name] >= least)) {
      return `phase times are whole seconds (the shortest phase at least 0, the others at least 1)`;
    }
  }
  if (body.minPhaseSeconds && body.maxPhaseSeconds && body.minPhaseSeconds > body.maxPhaseSeconds) {
    return 'the shortest training phase cannot be longer than the longest';
  }
  return null;
}
