// Models: versions with stage, aliases, metrics, data and run; the model card and signature; stage and alias history;
// promote, alias and roll back with a reason (the same API and audit as every other client).
import { api, seg, query, ApiError } from './api.js';
import { h, table, facts, badge, notice, section, number, time, short } from './dom.js';
import { bars } from './charts.js';
import { href } from './nav.js';
import { pagedTable } from './paging.js';

const STAGES = ['None', 'Staging', 'Production', 'Archived'];
let flash = null;

export async function render(ctx) {
  const list = await api('/api/models');
  if (!list.length) {
    return section('Models', notice('No model is registered yet. Run ./mlops demo, or drop a CSV into incoming/{dataset}/ of a running mlops serve.'));
  }
  const name = ctx.params.get('model') ?? list[0].name;
  const model = await api(`/api/models/${seg(name)}`);
  const newestFirst = [...model.versions].reverse();
  const production = model.versions.find((v) => v.stage === 'Production');
  const selected = Number(ctx.params.get('version') ?? (production ?? newestFirst[0]).version);
  const [details, history] = await Promise.all([api(`/api/models/${seg(name)}/versions/${selected}`), historySection(name)]);
  const message = flash;
  flash = null;
  const primary = details.card?.primaryMetric ?? (details.version.metrics.auc !== undefined ? 'auc' : 'rmse');
  return h('div', {},
    h('h1', {}, 'Models'),
    message ? notice(message, 'ok') : null,
    section('Registered models', modelList(list, name)),
    section(`${name}: versions`,
      table([
        ['Version', (v) => h('a', { href: href('models', { model: name, version: v.version }), 'aria-label': `version ${v.version}` }, `v${v.version}`)],
        ['Stage', (v) => badge(v.stage)],
        ['Aliases', (v) => aliasesOf(model, v.version).join(', ') || '—'],
        ['Algorithm', (v) => v.algorithm],
        [primary, (v) => number(v.metrics[primary])],
        ['Dataset version', (v) => h('a', { href: href('datasets', { dataset: v.dataset, version: v.datasetVersion }) }, `${v.dataset}:${short(v.datasetVersion, 8)}`)],
        ['Run', (v) => h('a', { href: href('runs', { run: v.runId }) }, short(v.runId, 14))],
        ['Registered', (v) => time(v.createdAt)],
      ], newestFirst, { rowAttrs: (v) => ({ class: v.version === selected ? 'selected' : null, 'data-version': v.version }) }),
      h('h3', {}, `Test ${primary} by version (◆ = Production)`),
      bars(newestFirst.map((v) => ({ label: `v${v.version} ${v.stage}`, value: v.metrics[primary], marked: v.stage === 'Production' })),
        { width: Math.min(ctx.width(), 640), title: `Test ${primary} of each version of ${name}` })),
    actions(ctx, name, details, model),
    versionDetails(details),
    history);
}

const aliasesOf = (model, version) => Object.entries(model.aliases ?? {}).filter(([, v]) => v === version).map(([a]) => a);

function modelList(list, current) {
  return table([
    ['Model', (m) => h('a', { href: href('models', { model: m.name }) }, m.name)],
    ['Versions', (m) => String(m.versions)],
    ['In Production', (m) => (m.productionVersion ? `v${m.productionVersion}` : 'none')],
    ['Aliases', (m) => Object.entries(m.aliases ?? {}).map(([a, v]) => `${a} → v${v}`).join(', ') || '—'],
  ], list, { rowAttrs: (m) => ({ class: m.name === current ? 'selected' : null }) });
}

function form(label, fields, button, submit) {
  const status = h('p', { class: 'error', role: 'alert', hidden: true });
  const go = h('button', { type: 'submit' }, button);
  const el = h('form', { class: 'row', 'aria-label': label }, fields, go, status);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    go.disabled = true;
    status.hidden = true;
    try {
      await submit();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      status.textContent = error.message;
      status.hidden = false;
    } finally {
      go.disabled = false;
    }
  });
  return el;
}

const field = (label, input) => h('label', {}, label, input);
const reasonInput = (id) => h('input', { id, name: 'reason', required: true, placeholder: 'why (kept in the audit log)', size: 28 });

function actions(ctx, name, details, model) {
  const v = details.version.version;
  const stage = h('select', { id: 'stage-select', name: 'stage' }, STAGES.map((st) => h('option', { value: st, selected: st === details.version.stage }, st)));
  const stageReason = reasonInput('stage-reason');
  const alias = h('input', { id: 'alias-name', name: 'alias', required: true, placeholder: 'e.g. champion', size: 14, pattern: '[A-Za-z0-9._\\-]+' });
  const aliasReason = reasonInput('alias-reason');
  const rollbackReason = reasonInput('rollback-reason');
  const production = model.versions.find((x) => x.stage === 'Production');
  return section(`Change version ${v}`,
    h('p', { class: 'muted' }, 'Every change needs a reason; it is recorded with the time and the caller in the audit log below.'),
    form('Change stage', [field('Stage', stage), field('Reason', stageReason)], 'Change stage', async () => {
      const change = await api(`/api/models/${seg(name)}/versions/${v}/stage`, { method: 'POST', body: { stage: stage.value, reason: stageReason.value } });
      flash = change.changed ? `Version ${v}: ${change.from} → ${change.to}.` : `Version ${v} was already ${change.to}.`;
      ctx.refresh();
    }),
    form('Set alias', [field('Alias', alias), field('Reason', aliasReason)], 'Set alias', async () => {
      await api(`/api/models/${seg(name)}/versions/${v}/aliases/${seg(alias.value)}`, { method: 'POST', body: { reason: aliasReason.value } });
      flash = `Alias ${alias.value} now points at version ${v}.`;
      ctx.refresh();
    }),
    h('h3', {}, 'Roll back Production'),
    h('p', { class: 'muted' }, production ? `Version ${production.version} is in Production; a rollback restores the version that was in Production before it.` : 'No version is in Production.'),
    form('Roll back', [field('Reason', rollbackReason)], 'Roll back', async () => {
      const change = await api(`/api/models/${seg(name)}/rollback`, { method: 'POST', body: { reason: rollbackReason.value } });
      flash = `Rolled back: version ${change.version} is in Production again.`;
      ctx.refresh();
    }));
}

function metricsTable(card) {
  const names = [...new Set([...Object.keys(card.testMetrics ?? {}), ...Object.keys(card.validationMetrics ?? {})])];
  const columns = [['Metric', (m) => m], ['Test', (m) => number(card.testMetrics?.[m])], ['Validation', (m) => number(card.validationMetrics?.[m])]];
  if (card.championTestMetrics) columns.push([`Champion v${card.championVersion} (test)`, (m) => number(card.championTestMetrics[m])]);
  return table(columns, names);
}

function versionDetails(details) {
  const v = details.version;
  const card = details.card;
  const signature = details.signature;
  return h('div', { class: 'grid' },
    section(`Model card: version ${v.version}`,
      facts([
        ['Stage', badge(v.stage)],
        ['Aliases', details.aliases.join(', ') || '—'],
        ['Algorithm', v.algorithm],
        ['Trained on', `${v.dataset} version ${v.datasetVersion}${card ? `, ${number(card.trainingRows)} rows` : ''}`],
        ['Run', h('a', { href: href('runs', { run: v.runId }) }, v.runId)],
        card ? ['Parameters', Object.entries(card.parameters ?? {}).map(([k, x]) => `${k}=${x}`).join(', ') || 'defaults'] : null,
        card ? ['Seed', String(card.seed)] : null,
        card ? ['Primary metric', card.primaryMetric] : null,
        card ? ['Code version', card.codeVersion ?? '—'] : null,
        ['Stage changed', time(v.stageChangedAt)],
      ]),
      card ? [h('h3', {}, 'Metrics'), metricsTable(card), h('h3', {}, 'Intended use'), h('p', {}, card.intendedUse),
        h('h3', {}, 'Limitations'), h('ul', { class: 'plain' }, (card.limitations ?? []).map((l) => h('li', {}, l)))] : notice('This version has no model card.')),
    section('Signature',
      signature ? [
        facts([['Task', signature.task], ['Label', signature.label], ['Classes', (signature.classes ?? []).join(', ') || '—']]),
        table([['Input', (i) => i.name], ['Kind', (i) => i.kind]], signature.inputs ?? [], { caption: `${(signature.inputs ?? []).length} inputs, in order` }),
      ] : notice('This version has no signature.')));
}

async function historySection(name) {
  return section('Stage and alias history (newest first)', await pagedTable({
    id: 'history',
    load: (token) => api(`/api/models/${seg(name)}/history${query({ pageSize: 10, pageToken: token })}`),
    empty: 'No stage or alias change yet.',
    columns: [
      ['Time', (e) => time(e.time)], ['Who', (e) => e.actor], ['Change', (e) => e.action], ['Version', (e) => `v${e.version}`],
      ['From → to', (e) => `${e.from ?? '—'} → ${e.to ?? '—'}`], ['Reason', (e) => e.reason],
    ],
  }));
}
