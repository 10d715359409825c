// Datasets: versions with hash and rows, each version's column profile (histograms for numbers, level bars for
// categories and booleans), and quarantined uploads with the reasons they were refused.
import { api, seg, offers, missingRoute, ApiError } from './api.js';
import { h, table, facts, badge, notice, section, number, percent, time, short } from './dom.js';
import { bars, histogram } from './charts.js';
import { href } from './nav.js';

export async function render(ctx) {
  const datasets = await api('/api/datasets');
  if (!datasets.length) return section('Datasets', notice('No dataset yet. Drop a CSV into incoming/{dataset}/ or run ./mlops demo.'));
  const name = ctx.params.get('dataset') ?? datasets[0].name;
  const versions = [...await api(`/api/datasets/${seg(name)}/versions`)].reverse();
  const version = ctx.params.get('version') ?? versions[0]?.version;
  const [profile, quarantine] = await Promise.all([
    version ? api(`/api/datasets/${seg(name)}/versions/${seg(version)}/profile`) : null,
    quarantined(name),
  ]);
  return h('div', {},
    h('h1', {}, 'Datasets'),
    section('Datasets', table([
      ['Dataset', (d) => h('a', { href: href('datasets', { dataset: d.name }) }, d.name)],
      ['Versions', (d) => String(d.versions)],
      ['Newest version', (d) => h('code', {}, d.latestVersion)],
      ['Rows', (d) => number(d.latestRows)],
      ['Label', (d) => d.label],
      ['Created', (d) => time(d.latestCreatedAt)],
    ], datasets, { rowAttrs: (d) => ({ class: d.name === name ? 'selected' : null }) })),
    section(`${name}: versions (newest first)`, table([
      ['Version', (v) => h('a', { href: href('datasets', { dataset: name, version: v.version }) }, v.version)],
      ['SHA-256', (v) => h('code', { title: v.sha256 }, short(v.sha256, 16))],
      ['Rows', (v) => number(v.rowCount)],
      ['Size', (v) => `${number(v.sizeBytes / 1024, 1)} KiB`],
      ['Source', (v) => short(v.source, 40)],
      ['Created', (v) => time(v.createdAt)],
    ], versions, { rowAttrs: (v) => ({ class: v.version === version ? 'selected' : null, 'data-version': v.version }) })),
    profile ? profileSection(profile) : null,
    quarantine);
}

function profileSection(profile) {
  return h('section', { id: 'profile' },
    h('h2', {}, `Version ${profile.version}: ${profile.columns.length} columns, ${number(profile.rows)} rows`),
    h('p', { class: 'muted' }, h('span', {}, 'SHA-256 '), h('code', {}, profile.sha256), `; label ${profile.label}.`),
    h('div', { class: 'grid' }, profile.columns.map((c) => column(c, profile.label))));
}

function column(c, label) {
  const chart = c.histogram
    ? histogram(c.histogram, { width: 320, title: `Histogram of ${c.name}` })
    : bars([...(c.levels ?? []).map((l) => ({ label: l.value, value: l.count })), ...(c.otherLevels ? [{ label: 'other levels', value: c.otherLevels }] : [])],
      { width: 320, title: `Rows per level of ${c.name}`, format: (v) => number(v) });
  return h('section', { class: 'card', 'data-column': c.name },
    h('h3', {}, c.name, ' ', badge(c.kind), c.name === label ? ' (label)' : ''),
    facts([
      ['Missing', `${number(c.missing)} (${percent(c.count ? c.missing / c.count : 0)})`],
      ['Distinct', number(c.distinct)],
      c.kind === 'Numeric' ? ['Min / max', `${number(c.min)} / ${number(c.max)}`] : null,
      c.kind === 'Numeric' ? ['Mean ± sd', `${number(c.mean)} ± ${number(c.stdDev)}`] : null,
    ]),
    chart);
}

const NOT_YET = 'This server does not list quarantined uploads yet; rejected files are kept under quarantine/ with a report.json.';

async function quarantined(name) {
  if (!await offers('GET', '/api/datasets/{name}/quarantine')) return section('Quarantined uploads', notice(NOT_YET));
  let answer;
  try {
    answer = await api(`/api/datasets/${seg(name)}/quarantine`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    return section('Quarantined uploads', notice(missingRoute(error) ? NOT_YET : error.message));
  }
  const items = Array.isArray(answer) ? answer : answer?.items ?? answer?.uploads ?? [];
  return h('section', { class: 'card', id: 'quarantine' },
    h('h2', {}, `Quarantined uploads (${items.length}${answer?.nextPageToken ? '+' : ''})`),
    items.length ? items.map((item) => {
      const report = item.report ?? item;
      return h('article', { class: 'card', 'data-quarantine': item.id ?? report.id },
        h('h3', {}, report.source ?? item.file ?? item.id ?? 'upload'),
        facts([['Id', h('code', {}, item.id ?? report.id ?? '—')], ['Received', time(report.receivedAt ?? item.receivedAt)],
          ['Kept as', report.quarantinedFile ?? item.quarantinedFile ?? '—']]),
        table([['Problem', (p) => p.code], ['Line', (p) => (p.line ? String(p.line) : 'whole file')], ['Column', (p) => p.column ?? '—'], ['What to fix', (p) => p.message]],
          report.problems ?? []));
    }) : h('p', { class: 'muted' }, 'No upload of this dataset was refused.'));
}
