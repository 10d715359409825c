// SVG charts. Every mark carries a text label or a <title>, series differ by pattern and marker shape as well as
// colour, so nothing depends on colour alone. Sizes are in CSS pixels of the width the page passes in.
import { s, number } from './dom.js';

let ids = 0;
const FONT = 12;

function frame(width, height, label) {
  return s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label },
    s('title', {}, label));
}

function patterns(svg) {
  const id = `hatch-${++ids}`;
  svg.append(s('defs', {},
    s('pattern', { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, class: 'fill-current-bg' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'stroke-current', 'stroke-width': 3 }))));
  return { solid: 'fill-reference', hatched: `url(#${id})` };
}

function fit(text, max) {
  const chars = Math.max(4, Math.floor(max / (FONT * 0.6)));
  return text.length > chars ? text.slice(0, chars - 1) + '…' : text;
}

/** Horizontal bars, one per item: label, bar, value. `marked` items get a ◆ before the label. */
export function bars(items, { width = 480, title = 'Bar chart', format = number, labelWidth } = {}) {
  const row = 22;
  const left = labelWidth ?? Math.min(180, Math.max(70, width * 0.32));
  const right = 64;
  const height = items.length * row + 8;
  const svg = frame(width, height, title);
  const values = items.map((i) => i.value).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values) || 1;
  const scale = (width - left - right) / (max - min || 1);
  items.forEach((item, i) => {
    const y = 4 + i * row;
    const label = (item.marked ? '◆ ' : '') + item.label;
    const value = typeof item.value === 'number' && Number.isFinite(item.value) ? item.value : null;
    const x0 = left + (Math.min(0, value ?? 0) - min) * scale;
    const w = value === null ? 0 : Math.max(1, Math.abs(value) * scale);
    svg.append(
      s('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', class: 'label' }, s('title', {}, label), fit(label, left - 8)),
      s('rect', { x: x0, y: y + 3, width: w, height: row - 8, class: item.marked ? 'bar bar-marked' : 'bar' }, s('title', {}, `${item.label}: ${format(value)}`)),
      s('text', { x: x0 + w + 4, y: y + 15, class: 'value' }, value === null ? 'n/a' : format(value)));
  });
  return svg;
}

/** A histogram of [{lower, upper, count}] with axis labels at both ends and the middle. */
export function histogram(bins, { width = 320, height = 150, title = 'Histogram', format = number } = {}) {
  const svg = frame(width, height, title);
  if (!bins.length) return svg;
  const pad = { left: 40, right: 8, top: 10, bottom: 30 };
  const max = Math.max(...bins.map((b) => b.count)) || 1;
  const w = (width - pad.left - pad.right) / bins.length;
  const plot = height - pad.top - pad.bottom;
  bins.forEach((b, i) => {
    const bh = (b.count / max) * plot;
    svg.append(s('rect', { x: pad.left + i * w + 1, y: pad.top + plot - bh, width: Math.max(1, w - 2), height: bh, class: 'bar' },
      s('title', {}, `${format(b.lower)} to ${format(b.upper)}: ${b.count.toLocaleString('en-US')} rows`)));
  });
  const axisY = pad.top + plot;
  const lo = bins[0].lower;
  const hi = bins[bins.length - 1].upper;
  svg.append(
    s('line', { x1: pad.left, y1: axisY, x2: width - pad.right, y2: axisY, class: 'axis' }),
    s('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: axisY, class: 'axis' }),
    s('text', { x: pad.left - 4, y: pad.top + 9, 'text-anchor': 'end', class: 'tick' }, max.toLocaleString('en-US')),
    s('text', { x: pad.left - 4, y: axisY, 'text-anchor': 'end', class: 'tick' }, '0'),
    s('text', { x: pad.left, y: axisY + 14, class: 'tick' }, format(lo)),
    s('text', { x: (pad.left + width - pad.right) / 2, y: axisY + 14, 'text-anchor': 'middle', class: 'tick' }, format((lo + hi) / 2)),
    s('text', { x: width - pad.right, y: axisY + 14, 'text-anchor': 'end', class: 'tick' }, format(hi)),
    s('text', { x: pad.left, y: axisY + 27, class: 'tick' }, 'rows per bin'));
  return svg;
}

/** Two series per group (reference solid, current hatched), horizontal, with a legend and the values as text. */
export function paired(groups, { width = 560, title = 'Reference and current', names = ['reference', 'current'], format = number } = {}) {
  const row = 16;
  const gap = 8;
  const left = Math.min(170, Math.max(80, width * 0.3));
  const right = 62;
  const legend = 24;
  const height = legend + groups.length * (2 * row + gap) + 4;
  const svg = frame(width, height, title);
  const fill = patterns(svg);
  const max = Math.max(...groups.flatMap((g) => g.values), 0) || 1;
  const scale = (width - left - right) / max;
  svg.append(
    s('rect', { x: 0, y: 4, width: 14, height: 12, class: fill.solid }),
    s('text', { x: 18, y: 15, class: 'label' }, `${names[0]} (solid)`),
    s('rect', { x: 150, y: 4, width: 14, height: 12, fill: fill.hatched, class: 'outlined' }),
    s('text', { x: 168, y: 15, class: 'label' }, `${names[1]} (hatched)`));
  groups.forEach((g, i) => {
    const y = legend + i * (2 * row + gap);
    svg.append(s('text', { x: left - 6, y: y + row + 4, 'text-anchor': 'end', class: 'label' }, s('title', {}, g.label), fit(g.label, left - 8)));
    g.values.forEach((v, k) => {
      const w = Math.max(v > 0 ? 1 : 0, v * scale);
      const yy = y + k * row;
      svg.append(
        s('rect', { x: left, y: yy + 1, width: w, height: row - 3, ...(k === 0 ? { class: fill.solid } : { fill: fill.hatched, class: 'outlined' }) },
          s('title', {}, `${g.label}, ${names[k]}: ${format(v)}`)),
        s('text', { x: left + w + 4, y: yy + row - 4, class: 'value' }, `${names[k][0].toUpperCase()} ${format(v)}`));
    });
  });
  return svg;
}

const MARKERS = {
  circle: (x, y) => s('circle', { cx: x, cy: y, r: 5 }),
  triangle: (x, y) => s('path', { d: `M${x} ${y - 6} L${x + 6} ${y + 5} L${x - 6} ${y + 5} Z` }),
  square: (x, y) => s('rect', { x: x - 5, y: y - 5, width: 10, height: 10 }),
  diamond: (x, y) => s('path', { d: `M${x} ${y - 6} L${x + 6} ${y} L${x} ${y + 6} L${x - 6} ${y} Z` }),
};

/**
 * A line over time: points [{time, value, marker, label}], oldest first; markers by category with a legend
 * (`legend`: [[marker, text]]), and an optional dashed threshold line.
 */
export function line(points, { width = 560, height = 200, title = 'Over time', format = number, threshold, thresholdLabel, legend = [], yMax } = {}) {
  const svg = frame(width, height, title);
  const perRow = Math.max(1, Math.floor((width - 46) / 130));
  const legendRows = Math.ceil(legend.length / perRow);
  const pad = { left: 46, right: 12, top: legendRows * 20 + 8, bottom: 36 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const times = points.map((p) => new Date(p.time).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = yMax ?? Math.max(threshold ?? 0, ...points.map((p) => p.value), 0.0001);
  const x = (t) => pad.left + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW);
  const y = (v) => pad.top + plotH - (v / top) * plotH;
  legend.forEach(([marker, text], i) => {
    const lx = pad.left + (i % perRow) * 130;
    const ly = 13 + Math.floor(i / perRow) * 20;
    svg.append(s('g', { class: 'marker' }, MARKERS[marker](lx + 6, ly)), s('text', { x: lx + 16, y: ly + 4, class: 'label' }, text));
  });
  svg.append(
    s('line', { x1: pad.left, y1: pad.top + plotH, x2: width - pad.right, y2: pad.top + plotH, class: 'axis' }),
    s('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: pad.top + plotH, class: 'axis' }),
    s('text', { x: pad.left - 4, y: pad.top + 9, 'text-anchor': 'end', class: 'tick' }, format(top)),
    s('text', { x: pad.left - 4, y: pad.top + plotH, 'text-anchor': 'end', class: 'tick' }, '0'));
  if (points.length) {
    svg.append(
      s('text', { x: pad.left, y: height - 18, class: 'tick' }, new Date(t0).toISOString().slice(5, 16).replace('T', ' ')),
      s('text', { x: width - pad.right, y: height - 18, 'text-anchor': 'end', class: 'tick' }, new Date(t1).toISOString().slice(5, 16).replace('T', ' ')),
      s('text', { x: pad.left + plotW / 2, y: height - 4, 'text-anchor': 'middle', class: 'tick' }, 'check time (UTC)'));
  }
  if (threshold !== undefined) {
    svg.append(
      s('line', { x1: pad.left, y1: y(threshold), x2: width - pad.right, y2: y(threshold), class: 'threshold' }),
      s('text', { x: width - pad.right, y: y(threshold) - 4, 'text-anchor': 'end', class: 'tick' }, thresholdLabel ?? `threshold ${format(threshold)}`));
  }
  if (points.length > 1) {
    svg.append(s('polyline', { points: points.map((p, i) => `${x(times[i])},${y(p.value)}`).join(' '), class: 'series' }));
  }
  points.forEach((p, i) => {
    const mark = MARKERS[p.marker ?? 'circle'](x(times[i]), y(p.value));
    mark.append(s('title', {}, p.label ?? format(p.value)));
    svg.append(s('g', { class: 'marker' }, mark));
  });
  return svg;
}

/** A run's steps on a time axis from the run's start: one row per step, bar from its start to its end, duration as text. */
export function timeline(steps, { width = 560, title = 'Step timeline' } = {}) {
  const row = 22;
  const left = Math.min(150, Math.max(90, width * 0.28));
  const right = 70;
  const height = steps.length * row + 26;
  const svg = frame(width, height, title);
  const end = Math.max(...steps.map((st) => st.start + st.seconds), 0.001);
  const scale = (width - left - right) / end;
  steps.forEach((st, i) => {
    const y = 4 + i * row;
    const w = Math.max(2, st.seconds * scale);
    const label = `${st.name}${st.attempts > 1 ? ` (${st.attempts} tries)` : ''}`;
    svg.append(
      s('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', class: 'label' }, s('title', {}, label), fit(label, left - 8)),
      s('rect', { x: left + st.start * scale, y: y + 3, width: w, height: row - 8, class: st.running ? 'bar bar-running' : 'bar' },
        s('title', {}, `${label}: started at +${st.start.toFixed(2)} s, took ${st.seconds.toFixed(2)} s`)),
      s('text', { x: left + st.start * scale + w + 4, y: y + 15, class: 'value' }, st.running ? 'running…' : `${st.seconds.toFixed(2)} s`));
  });
  const axisY = steps.length * row + 8;
  svg.append(
    s('line', { x1: left, y1: axisY, x2: width - right, y2: axisY, class: 'axis' }),
    s('text', { x: left, y: axisY + 14, class: 'tick' }, '0 s'),
    s('text', { x: width - right, y: axisY + 14, 'text-anchor': 'end', class: 'tick' }, `${end.toFixed(1)} s`));
  return svg;
}
