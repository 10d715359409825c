// Runs: status, trigger, per-step timeline (live while running), every candidate side by side, a metric-by-run chart,
// filters by dataset and status, comparison of runs, and retry of a failed run.
import { api, seg, query, offers, missingRoute, ApiError } from './api.js';
import { h, table, facts, badge, notice, section, number, time, seconds, short } from './dom.js';
import { bars, timeline } from './charts.js';
import { go, href } from './nav.js';

const STATUSES = ['Pending', 'Running', 'Completed', 'Failed'];
const PAGE_SIZE = 10;
let candidateSort = { key: null, descending: true };

export async function render(ctx) {
  const p = ctx.params;
  const filters = { dataset: p.get('dataset') ?? '', status: p.get('status') ?? '', pageToken: p.get('pageToken') ?? '' };
  const [datasets, page, run, retries] = await Promise.all([
    api('/api/datasets'),
    api(`/api/pipelines${query({ dataset: filters.dataset, status: filters.status, pageSize: PAGE_SIZE, pageToken: filters.pageToken })}`),
    p.get('run') ? api(`/api/pipelines/${seg(p.get('run'))}`) : null,
    offers('POST', '/api/pipelines/{id}/retry'),
  ]);
  if (run && !run.status.match(/Completed|Failed/)) {
    setTimeout(() => { if (ctx.live()) ctx.refresh(); }, 1500);
  }
  return h('div', {},
    h('h1', {}, 'Runs'),
    run ? runDetails(ctx, run, retries) : null,
    section('Pipeline runs (newest first)', filterForm(datasets, filters), runList(ctx, page, filters)));
}

function filterForm(datasets, filters) {
  const dataset = h('select', { id: 'filter-dataset', name: 'dataset' }, h('option', { value: '' }, 'all datasets'),
    datasets.map((d) => h('option', { value: d.name, selected: d.name === filters.dataset }, d.name)));
  const status = h('select', { id: 'filter-status', name: 'status' }, h('option', { value: '' }, 'any status'),
    STATUSES.map((st) => h('option', { value: st, selected: st === filters.status }, st)));
  const el = h('form', { class: 'row', 'aria-label': 'Filter runs' },
    h('label', {}, 'Dataset', dataset), h('label', {}, 'Status', status), h('button', { type: 'submit' }, 'Filter'));
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    go('runs', { dataset: dataset.value, status: status.value });
  });
  return el;
}

const metricsOf = (run) => run.evaluation?.candidateMetrics ?? chosen(run)?.validationMetrics ?? {};
const chosen = (run) => (run.candidates ?? []).find((c) => c.index === run.chosenCandidate);
const duration = (run) => (new Date(run.updatedAt) - new Date(run.createdAt)) / 1000;

function runList(ctx, page, filters) {
  const runs = page.runs;
  if (!runs.length) return notice('No run matches these filters.');
  const metricNames = [...new Set(runs.flatMap((r) => Object.keys(metricsOf(r))))];
  const metric = h('select', { id: 'run-metric', 'aria-label': 'Metric to chart' },
    metricNames.map((m) => h('option', { value: m, selected: m === 'auc' || m === 'rmse' }, m)));
  const chart = h('div', {});
  const draw = () => chart.replaceChildren(bars(runs.map((r) => ({ label: `${short(r.id, 16)} ${r.status}`, value: metricsOf(r)[metric.value] })),
    { width: Math.min(ctx.width(), 700), labelWidth: 190, title: `${metric.value} by run (test split, or validation when a run never got to evaluation)` }));
  metric.addEventListener('change', draw);
  draw();

  const picked = new Set();
  const comparison = h('div', {});
  const compare = () => {
    const selected = runs.filter((r) => picked.has(r.id));
    const names = [...new Set(selected.flatMap((r) => Object.keys(metricsOf(r))))];
    comparison.replaceChildren(selected.length < 2 ? h('p', { class: 'muted' }, 'Tick two or more runs to compare their metrics side by side.')
      : table([['Metric', (m) => m], ...selected.map((r) => [short(r.id, 16), (m) => number(metricsOf(r)[m])])], names, { caption: 'Test metrics of the ticked runs' }));
  };
  compare();
  const list = table([
    ['Compare', (r) => h('input', { type: 'checkbox', 'aria-label': `compare ${r.id}`, onchange: (e) => { if (e.target.checked) picked.add(r.id); else picked.delete(r.id); compare(); } })],
    ['Run', (r) => h('a', { href: href('runs', { ...filters, run: r.id }) }, short(r.id, 22))],
    ['Status', (r) => badge(r.status)],
    ['Dataset', (r) => `${r.dataset}:${short(r.datasetVersion, 8)}`],
    ['Model', (r) => r.model],
    ['Trigger', (r) => short(r.trigger, 30)],
    ['Created', (r) => time(r.createdAt)],
    ['Took', (r) => (r.status === 'Completed' || r.status === 'Failed' ? seconds(duration(r)) : '…')],
    ['Registered', (r) => (r.registered ? `v${r.registered.version} ${r.registered.stage}` : '—')],
  ], runs, { rowAttrs: (r) => ({ 'data-run': r.id, class: ctx.params.get('run') === r.id ? 'selected' : null }) });
  return h('div', {},
    list,
    h('div', { class: 'pager' },
      filters.pageToken ? h('button', { type: 'button', class: 'secondary', onclick: () => go('runs', { dataset: filters.dataset, status: filters.status }) }, 'First page') : null,
      page.nextPageToken ? h('button', { type: 'button', class: 'secondary', onclick: () => go('runs', { ...filters, pageToken: page.nextPageToken }) }, 'Next page') : null),
    h('h3', {}, 'Compare runs'), comparison,
    h('h3', {}, 'Metric by run'), h('div', { class: 'row' }, h('label', {}, 'Metric', metric)), chart);
}

function runDetails(ctx, run, retries) {
  const steps = [...(run.steps ?? [])].sort((a, b) => a.sequence - b.sequence);
  const t0 = new Date(run.createdAt).getTime();
  const spans = steps.map((st) => ({
    name: st.step, attempts: st.attempts, seconds: st.seconds,
    start: Math.max(0, (new Date(st.finishedAt).getTime() - t0) / 1000 - st.seconds),
  }));
  const finished = run.status === 'Completed' || run.status === 'Failed';
  if (!finished) spans.push({ name: 'in progress', attempts: 1, running: true, start: spans.length ? Math.max(...spans.map((b) => b.start + b.seconds)) : 0, seconds: Math.max(0.2, (Date.now() - t0) / 1000 - (spans.length ? Math.max(...spans.map((b) => b.start + b.seconds)) : 0)) });
  return h('div', { id: 'run-details' },
    section(`Run ${run.id}`,
      run.status === 'Failed' ? failure(run, retries) : null,
      facts([
        ['Status', badge(run.status)],
        ['Trigger', run.trigger],
        ['Dataset', h('a', { href: href('datasets', { dataset: run.dataset, version: run.datasetVersion }) }, `${run.dataset} version ${run.datasetVersion}`)],
        ['Model', run.model],
        ['Created', time(run.createdAt)],
        ['Last update', time(run.updatedAt)],
        ['Code version', run.codeVersion ?? '—'],
        ['Seed', String(run.config?.seed ?? '—')],
        ['Registered', run.registered ? h('a', { href: href('models', { model: run.registered.model, version: run.registered.version }) }, `${run.registered.model} v${run.registered.version} (${run.registered.stage})`) : '—'],
        ['Promotion', run.promotion ? `${run.promotion.promote ? 'promoted' : 'not promoted'}: ${run.promotion.reason}` : '—'],
      ]),
      h('h3', {}, finished ? 'Step timeline' : 'Step timeline (updates while the run is going)'),
      spans.length ? timeline(spans, { width: Math.min(ctx.width() - 10, 760), title: `Steps of run ${run.id} with their durations` }) : h('p', { class: 'muted' }, 'No step has finished yet.'),
      steps.length ? table([['#', (st) => String(st.sequence)], ['Step', (st) => st.step], ['Attempts', (st) => String(st.attempts)],
        ['Took', (st) => seconds(st.seconds)], ['Finished', (st) => time(st.finishedAt)]], steps) : null),
    run.candidates?.length ? candidates(ctx, run) : null,
    run.evaluation ? section('Evaluation on the test split', evaluation(run.evaluation)) : null);
}

function failure(run, retries) {
  const status = h('span', { role: 'status', class: 'muted' }, retries ? '' : 'Retrying from the dashboard needs a newer server (POST /api/pipelines/{id}/retry).');
  const retry = h('button', { type: 'button', id: 'retry-run', disabled: !retries }, 'Retry this run');
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    try {
      const started = await api(`/api/pipelines/${seg(run.id)}/retry`, { method: 'POST', body: {} });
      go('runs', { run: started.id });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      status.textContent = missingRoute(error) ? 'Retry is not available on this server version yet.' : error.message;
      retry.disabled = false;
    }
  });
  return h('div', { class: 'failure', id: 'run-failure' },
    h('p', {}, h('strong', {}, 'This run failed. '), h('span', { class: 'pre', id: 'failure-reason' }, run.error ?? 'No reason was recorded.')),
    h('div', { class: 'row' }, retry, status));
}

function candidates(ctx, run) {
  const list = run.candidates;
  const metricNames = [...new Set(list.flatMap((c) => Object.keys(c.validationMetrics)))];
  const key = metricNames.includes(candidateSort.key) ? candidateSort.key : (metricNames.includes('auc') ? 'auc' : metricNames[0]);
  const holder = h('div', {});
  const chartHolder = h('div', {});
  const draw = () => {
    const sorted = [...list].sort((a, b) => {
      const d = (a.validationMetrics[candidateSort.key] ?? -Infinity) - (b.validationMetrics[candidateSort.key] ?? -Infinity);
      return candidateSort.descending ? -d : d;
    });
    const header = (m) => h('button', {
      type: 'button', 'aria-label': `sort by ${m}`,
      onclick: () => { candidateSort = { key: m, descending: candidateSort.key === m ? !candidateSort.descending : true }; draw(); },
    }, m + (candidateSort.key === m ? (candidateSort.descending ? ' ▼' : ' ▲') : ''));
    holder.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { id: 'candidates' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Algorithm'), h('th', {}, 'Parameters'), h('th', {}, 'Train time'),
        metricNames.map((m) => h('th', { class: 'num', scope: 'col' }, header(m))))),
      h('tbody', {}, sorted.map((c) => h('tr', { class: c.index === run.chosenCandidate ? 'selected' : null },
        h('td', {}, `${c.index}${c.index === run.chosenCandidate ? ' (chosen)' : ''}`),
        h('td', {}, c.algorithm),
        h('td', {}, Object.entries(c.parameters).map(([k, v]) => `${k}=${v}`).join(', ') || 'defaults'),
        h('td', {}, seconds(c.trainSeconds)),
        metricNames.map((m) => h('td', { class: 'num' }, number(c.validationMetrics[m])))))))));
    chartHolder.replaceChildren(bars(sorted.map((c) => ({ label: `#${c.index} ${c.algorithm}`, value: c.validationMetrics[candidateSort.key], marked: c.index === run.chosenCandidate })),
      { width: Math.min(ctx.width() - 10, 640), title: `Validation ${candidateSort.key} by candidate (◆ = chosen)` }));
  };
  candidateSort = { key, descending: candidateSort.key === key ? candidateSort.descending : true };
  draw();
  return section(`Candidates (${list.length}), validation metrics`,
    h('p', { class: 'muted' }, 'Click a metric to sort by it; ◆ marks the candidate the run chose.'), holder, chartHolder);
}

function evaluation(e) {
  const names = Object.keys(e.candidateMetrics);
  const columns = [['Metric', (m) => m], ['Chosen candidate', (m) => number(e.candidateMetrics[m])]];
  if (e.championMetrics) columns.push([`Champion v${e.championVersion}`, (m) => number(e.championMetrics[m])]);
  return [table(columns, names), e.championNote ? h('p', { class: 'muted' }, e.championNote) : null];
}
