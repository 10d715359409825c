// Small DOM helpers: elements are built with text nodes, never from HTML strings, so API data cannot inject markup.
const SVG = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element. */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);

/** An SVG element. */
export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG, tag), attrs, children);

export function number(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e6)) return value.toExponential(2);
  return value.toFixed(digits);
}

export const percent = (value) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);

export function time(value) {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function seconds(value) {
  if (value === null || value === undefined) return '—';
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 120) return `${value.toFixed(1)} s`;
  return `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}

export const short = (id, n = 12) => (id && id.length > n ? id.slice(0, n) + '…' : id ?? '—');

/** A table; columns are [header, cell(row)] pairs, where a cell is text or nodes. */
export function table(columns, rows, { caption, rowAttrs } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(([header]) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {}, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

/** A definition list from [term, value] pairs. */
export const facts = (pairs) => h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));

/** A stage, status or verdict as a labelled badge: the word carries the meaning, the colour only repeats it. */
export function badge(text) {
  const value = String(text ?? 'unknown');
  return h('span', { class: `badge badge-${value.toLowerCase().replace(/[^a-z]/g, '')}` }, value);
}

export const notice = (text, kind = 'info') => h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);

export const section = (title, ...children) => h('section', { class: 'card' }, h('h2', {}, title), ...children);
