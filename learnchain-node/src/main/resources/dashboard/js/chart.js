// A small step-line chart in hand-made SVG: best accuracy (y, 0-100 %) against block height (x).

import {empty, h, svg} from './dom.js';

const W = 640;
const H = 240;
const PAD = {left: 48, right: 16, top: 12, bottom: 32};

/**
 * points: [{x: height, y: fraction 0-1}], in any order; the line is the running best, carried on to
 * {@code until} (the chain's height) so a single winner still draws a line.
 */
export function bestAccuracyChart(points, until = null, label = 'best test accuracy') {
  const sorted = points.filter(p => p.y !== null && p.y !== undefined).sort((a, b) => a.x - b.x);
  if (sorted.length === 0) return empty('No winning model yet: the chart starts at the first task block.');
  let best = 0;
  const steps = sorted.map(p => ({x: p.x, y: (best = Math.max(best, p.y))}));
  const last = steps[steps.length - 1];
  const x0 = steps[0].x;
  const x1 = Math.max(last.x, until ?? last.x, x0 + 1);
  const sx = x => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = y => H - PAD.bottom - y * (H - PAD.top - PAD.bottom);
  let d = `M${sx(steps[0].x)},${sy(steps[0].y)}`;
  for (let i = 1; i < steps.length; i++) {
    d += ` H${sx(steps[i].x)} V${sy(steps[i].y)}`;
  }
  d += ` H${sx(x1)}`;
  const grid = [0, 0.25, 0.5, 0.75, 1].map(y => [
    svg('line', {x1: PAD.left, x2: W - PAD.right, y1: sy(y), y2: sy(y), class: 'grid'}),
    svg('text', {x: PAD.left - 6, y: sy(y) + 4, 'text-anchor': 'end', class: 'axis'}, `${y * 100}%`)]);
  const ticks = xTicks(x0, x1).map(x => svg('text', {x: sx(x), y: H - PAD.bottom + 18, 'text-anchor': 'middle',
    class: 'axis'}, String(x)));
  const dots = sorted.map(p => svg('circle', {cx: sx(p.x), cy: sy(p.y), r: 3.5, class: 'dot'},
    svg('title', {}, `height ${p.x}: ${(p.y * 100).toFixed(1)} %`)));
  return h('figure', {class: 'chart', 'data-testid': 'accuracy-chart'},
    svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${label} against block height`},
      grid, ticks,
      svg('text', {x: (W + PAD.left) / 2, y: H - 2, 'text-anchor': 'middle', class: 'axis'}, 'block height'),
      svg('path', {d, class: 'line'}), dots),
    h('figcaption', {}, `${label}: ${(best * 100).toFixed(1)} %, reached at height ${steps.find(p => p.y === best).x}`));
}

function xTicks(x0, x1) {
  const span = x1 - x0;
  const step = Math.max(1, Math.ceil(span / 6));
  const out = [];
  for (let x = x0; x <= x1; x += step) out.push(x);
  return out;
}
