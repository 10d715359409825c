// Monitoring: the newest drift report feature by feature against the policy's thresholds, reference-vs-current
// distributions of a chosen feature, drift over time, live performance against test metrics, retraining decisions.
import { api, seg, query, ApiError } from './api.js';
import { h, table, facts, badge, notice, section, number, percent, time } from './dom.js';
import { paired, line } from './charts.js';
import { go, href } from './nav.js';
import { pagedTable } from './paging.js';

const VERDICTS = { no_drift: 'no drift', warning: 'warning', drifted: 'drifted', not_enough_data: 'not enough data', NoDrift: 'no drift', Warning: 'warning', Drifted: 'drifted', NotEnoughData: 'not enough data' };
const MARKER = { NoDrift: 'circle', Warning: 'triangle', Drifted: 'square', NotEnoughData: 'diamond' };
const OUTPUT = '_model_output';

export async function render(ctx) {
  const models = await api('/api/models');
  if (!models.length) return section('Monitoring', notice('No model is registered yet, so there is nothing to monitor.'));
  const name = ctx.params.get('model') ?? models[0].name;
  const base = `/api/monitoring/${seg(name)}`;
  // /drift only reads: before the first check it answers 404, said here in the page's words.
  const [history, policy, report, performance, retraining] = await Promise.all([
    driftHistory(ctx, base),
    api('/api/monitoring/policy'),
    api(`${base}/drift`).catch((error) => (error instanceof ApiError && error.status === 404
      ? new Error('No drift check has run yet. "Check drift now" runs one over the logged predictions.')
      : unlessUnauthorized(error))),
    api(`${base}/performance`).catch(unlessUnauthorized),
    pagedTable({
      id: 'retraining',
      load: (token) => api(`${base}/retraining${query({ pageSize: 10, pageToken: token })}`),
      empty: 'No retraining decision yet: retraining is considered when a drift check finds drift or live metrics drop.',
      columns: [['Decided', (d) => time(d.decidedAt)], ['Signal', (d) => d.signal], ['Outcome', (d) => badge(d.outcome)],
        ['Why', (d) => d.explanation], ['Run', (d) => (d.runId ? h('a', { href: href('runs', { run: d.runId }) }, d.runId) : '—')], ['Signal detail', (d) => d.reason]],
    }),
  ]);
  const features = report instanceof Error ? [] : report.features.filter((f) => f.name !== OUTPUT);
  const feature = ctx.params.get('feature') ?? (features.find((f) => f.verdict === 'drifted') ?? features[0])?.name;
  const distribution = feature ? await api(`${base}/drift/features/${seg(feature)}`).catch(unlessUnauthorized) : null;
  return h('div', {},
    h('h1', {}, 'Monitoring'),
    section('Model', h('div', { class: 'row' }, modelPicker(models, name), checkNow(ctx, base))),
    report instanceof Error ? section('Newest drift report', notice(report.message)) : driftReport(ctx, name, report, policy, feature),
    distribution ? distributionSection(ctx, distribution) : null,
    section('Drift over time (newest first)', history.element),
    performance instanceof Error ? section('Live performance', notice(performance.message)) : performanceSection(ctx, performance),
    section('Retraining decisions (newest first)', retraining));
}

function unlessUnauthorized(error) {
  if (error instanceof ApiError && error.status === 401) throw error;
  return error;
}

function modelPicker(models, name) {
  const select = h('select', { id: 'monitor-model' }, models.map((m) => h('option', { value: m.name, selected: m.name === name }, m.name)));
  select.addEventListener('change', () => go('monitoring', { model: select.value }));
  return h('label', {}, 'Model', select);
}

function checkNow(ctx, base) {
  const status = h('span', { class: 'muted', role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary' }, 'Check drift now');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`${base}/drift/checks`, { method: 'POST' });
      ctx.refresh();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) status.textContent = error.message;
      button.disabled = false;
    }
  });
  return h('div', { class: 'row' }, button, status);
}

function statistic(f, p) {
  switch (f.statistic_used) {
    case 'ks': return ['KS p-value', f.ks_pvalue, `drifts below ${p.ksPValueThreshold}`];
    case 'wasserstein': return ['Wasserstein / sd', f.wasserstein_normalized, `drifts at ≥ ${p.wassersteinThreshold}`];
    case 'chi_square': return ['chi-square p-value', f.chi2_pvalue, `drifts below ${p.chiSquarePValueThreshold}`];
    case 'jensen_shannon': return ['Jensen-Shannon', f.js_distance, `drifts at ≥ ${p.jensenShannonThreshold}`];
    default: return ['kind changed', null, 'values no longer read as the training kind'];
  }
}

function driftReport(ctx, name, report, policy, feature) {
  return section('Newest drift report',
    facts([
      ['Verdict', badge(VERDICTS[report.verdict] ?? report.verdict)],
      ['Model version', report.model_id ?? '—'],
      ['Reference data', `${report.dataset_id ?? '—'}, ${number(report.reference_rows)} rows`],
      ['Current rows', `${number(report.current_rows)} logged predictions`],
      ['Drifted features', `${report.drifted_features} of ${report.features.length} (${percent(report.drifted_share)}; the data set drifts at ${percent(policy.driftShareThreshold)})`],
      report.missing_columns?.length ? ['Missing columns', report.missing_columns.join(', ')] : null,
    ]),
    table([
      ['Feature', (f) => (f.name === OUTPUT ? 'model output' : h('a', { href: href('monitoring', { model: name, feature: f.name }), 'aria-current': f.name === feature ? 'true' : null }, f.name))],
      ['Kind', (f) => f.kind],
      ['Statistic', (f) => statistic(f, policy)[0]],
      ['Value', (f) => number(statistic(f, policy)[1])],
      ['Threshold', (f) => statistic(f, policy)[2]],
      [`PSI (warn ≥ ${policy.psiWarningThreshold}, drift ≥ ${policy.psiDriftThreshold})`, (f) => number(f.psi)],
      ['Verdict', (f) => badge(VERDICTS[f.verdict] ?? f.verdict)],
    ], report.features, { rowAttrs: (f) => ({ 'data-feature': f.name, class: f.name === feature ? 'selected' : null }) }));
}

function distributionSection(ctx, d) {
  if (d instanceof Error) return section('Distribution', notice(d.message));
  return h('section', { class: 'card', id: 'distribution' },
    h('h2', {}, `${d.feature}: training data vs logged inputs`),
    h('p', { class: 'muted' }, `Reference: ${number(d.referenceRows)} training rows of version ${d.version}. Current: ${number(d.currentRows)} logged inputs from ${time(d.from)} to ${time(d.to)}. Bars show the share of rows per ${d.kind === 'Numeric' ? 'training quantile bin' : 'level'}.`),
    paired(d.bins.map((b) => ({ label: b.label, values: [b.referenceShare, b.currentShare] })),
      { width: Math.min(ctx.width() - 10, 720), names: ['reference', 'current'], format: percent, title: `Share of rows per bin of ${d.feature}: reference and current` }));
}

async function driftHistory(ctx, base) {
  const points = [];
  const chart = h('div', {});
  const table = await pagedTable({
    id: 'drift-history',
    load: (token) => api(`${base}/drift/history${query({ pageSize: 20, pageToken: token })}`),
    empty: 'No drift check has run yet.',
    columns: [['Checked', (r) => time(r.checkedAt)], ['Model version', (r) => r.modelId ?? '—'], ['Rows', (r) => number(r.currentRows)],
      ['Drifted features', (r) => `${r.driftedFeatures} of ${r.features}`], ['Share', (r) => percent(r.driftedShare)], ['Verdict', (r) => badge(VERDICTS[r.verdict] ?? r.verdict)]],
    onPage: (page) => {
      points.push(...page.items.filter((r) => r.checkedAt));
      const ordered = [...points].reverse();
      chart.replaceChildren(ordered.length ? line(ordered.map((r) => ({ time: r.checkedAt, value: r.driftedShare, marker: MARKER[r.verdict] ?? 'circle', label: `${time(r.checkedAt)}: ${VERDICTS[r.verdict] ?? r.verdict}, ${percent(r.driftedShare)} of features drifted` })),
        { width: Math.min(ctx.width() - 10, 720), yMax: 1, format: percent, title: 'Share of drifted features per drift check',
          legend: [['circle', 'no drift'], ['triangle', 'warning'], ['square', 'drifted'], ['diamond', 'not enough data']] }) : '');
    },
  });
  return { element: h('div', {}, chart, table) };
}

function performanceSection(ctx, p) {
  return section('Live performance against test metrics',
    facts([['Window', `${time(p.windowStart)} to ${time(p.windowEnd)}`], ['Labels received', `${number(p.labels)} (${number(p.unmatched)} without a logged prediction)`],
      ['State', p.drops?.length ? badge('Degraded') : badge(p.versions?.length ? 'Healthy' : 'No labels')]]),
    p.drops?.length ? h('ul', { class: 'plain' }, p.drops.map((d) => h('li', { class: 'error' }, d.reason))) : null,
    (p.versions ?? []).map((v) => {
      const names = Object.keys(v.live).filter((m) => v.test[m] !== undefined);
      return h('div', { 'data-performance-version': v.version },
        h('h3', {}, `Version ${v.version} (${v.stage}): ${number(v.labelled)} labelled predictions`),
        names.length ? paired(names.map((m) => ({ label: m, values: [v.test[m], v.live[m]] })),
          { width: Math.min(ctx.width() - 10, 640), names: ['test', 'live'], title: `Live and test metrics of version ${v.version}` })
          : h('p', { class: 'muted' }, 'No metric can be computed from these labels yet.'));
    }),
    p.versions?.length ? null : h('p', { class: 'muted' }, 'No ground truth received in the window. Send labels with POST /api/models/{name}/feedback.'));
}
