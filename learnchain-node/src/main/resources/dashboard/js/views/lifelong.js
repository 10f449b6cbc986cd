// Lifelong models (docs/lifelong.md): the list, and one model's current weights, loss history, open
// proposals, waiting test parts, badges and reputation. Losses come in micro-nats; shown in nats.

import {get} from '../api.js';
import {addressLink, badge, empty, errorBox, facts, fill, h, loading, short, svg, table} from '../dom.js';

const nats = micro => (micro === null || micro === undefined ? '-' : (micro / 1e6).toFixed(6));

export async function render(root, [id], live) {
  const body = h('div', {}, loading(id ? `lifelong model ${id}` : 'lifelong models'));
  fill(root, h('h1', {}, id ? `Lifelong model ${id}` : 'Lifelong models'), body);
  const refresh = async () => {
    try {
      if (id) {
        drawModel(body, await get(`/lifelong/${id}`));
      } else {
        drawList(body, await get('/lifelong'));
      }
    } catch (e) {
      fill(body, errorBox(e, refresh));
    }
  };
  live.on('block', refresh);
  await refresh();
}

function drawList(body, json) {
  const models = json.models || [];
  if (models.length === 0) {
    fill(body, empty('No lifelong model yet. Deploy one with: learnchain lifelong deploy --from dev:1 --weights'
      + ' model.lcm --parts p0.lcds,p1.lcds --pick 1'));
    return;
  }
  fill(body, table(['Model', 'Status', 'Generation', 'Spec', 'Loss (nats)', 'Open proposals', 'Initiator'], models,
    m => h('tr', {'data-model': m.id, 'data-status': m.status},
      h('td', {}, h('a', {href: `#/lifelong/${m.id}`}, `model ${m.id}`)),
      h('td', {}, badge(m.status)),
      h('td', {class: 'num'}, String(m.generation)),
      h('td', {class: 'mono wrap'}, m.spec),
      h('td', {class: 'num'}, nats(m.loss)),
      h('td', {class: 'num'}, String(m.openProposals)),
      h('td', {}, addressLink(m.initiator))), {'data-testid': 'lifelong-models'}));
}

function drawModel(body, m) {
  fill(body,
    h('p', {}, badge(m.status), m.generation > 0 ? ` grown ${m.generation} time(s)` : ''),
    facts([
      ['Initiator', addressLink(m.initiator)],
      ['Model', h('span', {class: 'mono wrap'}, m.spec)],
      ['Frozen (old) model', m.frozenSpec ? h('span', {class: 'mono wrap'}, m.frozenSpec) : null],
      ['Current weights', h('span', {class: 'mono', title: m.weights}, short(m.weights, 12))],
      ['Current loss', m.loss === null ? 'measured when the picked test parts are revealed' : `${nats(m.loss)} nats`],
      ['Growth threshold', `${nats(m.growthThreshold)} nats`],
      ['Epoch length', `${m.epochBlocks} blocks`],
      ['Deployed at height', m.deployedAt],
      ['Revealed test parts', String((m.lossParts || []).length)],
    ]),
    pending(m.pending),
    h('h2', {}, 'Loss history'),
    lossChart(m.history || []),
    historyTable(m.history || []),
    h('h2', {}, 'Proposals of the open epoch'),
    (m.proposals || []).length === 0 ? empty('No proposal in the open epoch.')
      : table(['Proposer', 'Weights', 'Loss (nats)', 'Height'], m.proposals, p => h('tr', {},
        h('td', {}, addressLink(p.proposer)), h('td', {class: 'mono', title: p.weights}, short(p.weights)),
        h('td', {class: 'num'}, nats(p.loss)), h('td', {class: 'num'}, String(p.height))),
      {'data-testid': 'lifelong-proposals'}),
    h('h2', {}, 'Badges and reputation'),
    (m.badges || []).length === 0 ? empty('No badges yet.')
      : table(['Address', 'Participation', 'Special', 'Reputation', 'Strikes', 'Challenges'], m.badges, b => h('tr', {},
        h('td', {}, addressLink(b.address)), h('td', {class: 'num'}, String(b.participation)),
        h('td', {class: 'num'}, String(b.special)), h('td', {class: 'num'}, String(b.reputation)),
        h('td', {class: 'num'}, String(b.strikes)), h('td', {class: 'num'}, String(b.challenges))),
      {'data-testid': 'lifelong-badges'}));
}

function pending(p) {
  if (!p) return null;
  const what = p.growth ? `Growth to ${p.grownSpec} waiting` : 'Deployment waiting';
  const picked = (p.pickedHashes || []).length;
  return h('p', {class: 'note', 'data-testid': 'lifelong-pending'}, picked === 0
    ? `${what}: the next block picks ${p.selectCount} of ${p.candidates.length} test parts.`
    : `${what}: ${picked} picked test part(s) must be revealed by height ${p.revealDeadline}.`);
}

function historyTable(history) {
  if (history.length === 0) return empty('No loss yet: the first one is measured at the reveal.');
  return table(['Kind', 'Height', 'Epoch', 'Loss (nats)', 'Weights', 'By', 'Proposals'], [...history].reverse(),
    p => h('tr', {'data-kind': p.kind},
      h('td', {}, p.kind), h('td', {class: 'num'}, String(p.height)), h('td', {class: 'num'}, String(p.epoch)),
      h('td', {class: 'num'}, nats(p.loss)), h('td', {class: 'mono', title: p.weights}, short(p.weights)),
      h('td', {}, addressLink(p.by)), h('td', {class: 'num'}, String(p.proposals))),
    {'data-testid': 'lifelong-history'});
}

/** Loss (nats) against height, a point per history entry, growths marked. */
function lossChart(history) {
  if (history.length === 0) return null;
  const W = 640, H = 220, L = 56, R = 16, T = 12, B = 32;
  const xs = history.map(p => p.height);
  const x0 = Math.min(...xs), x1 = Math.max(Math.max(...xs), x0 + 1);
  const ymax = Math.max(...history.map(p => p.loss / 1e6), 0.1);
  const sx = x => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const sy = y => H - B - (y / ymax) * (H - T - B);
  const d = history.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.height)},${sy(p.loss / 1e6)}`).join(' ');
  const grid = [0, 0.5, 1].map(f => [
    svg('line', {x1: L, x2: W - R, y1: sy(f * ymax), y2: sy(f * ymax), class: 'grid'}),
    svg('text', {x: L - 6, y: sy(f * ymax) + 4, 'text-anchor': 'end', class: 'axis'}, (f * ymax).toFixed(2))]);
  const dots = history.map(p => svg('circle', {cx: sx(p.height), cy: sy(p.loss / 1e6), r: p.kind === 'grown' ? 5 : 3.5,
    class: 'dot'}, svg('title', {}, `${p.kind} at height ${p.height}: ${nats(p.loss)} nats`)));
  return h('figure', {class: 'chart', 'data-testid': 'lifelong-loss-chart'},
    svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'loss against block height'}, grid,
      svg('text', {x: (W + L) / 2, y: H - 2, 'text-anchor': 'middle', class: 'axis'}, 'block height'),
      svg('path', {d, class: 'line'}), dots),
    h('figcaption', {}, `current loss ${nats(history[history.length - 1].loss)} nats at height `
      + `${history[history.length - 1].height}`));
}
