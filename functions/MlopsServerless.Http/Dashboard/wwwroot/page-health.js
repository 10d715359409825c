// Health: whether the service answers, the code it runs, where its data lives and what it holds.
import { api } from './api.js';
import { h, facts, badge, section, number, time } from './dom.js';

export async function render() {
  const [health, status] = await Promise.all([api('/api/health', { anonymous: true }), api('/api/status')]);
  const log = status.predictionLog;
  return h('div', {},
    h('h1', {}, 'Health'),
    h('div', { class: 'grid' },
      section('Service', facts([
        ['State', badge(health.status === 'ok' ? 'Healthy' : health.status)],
        ['Host', status.host],
        ['Code version', health.codeVersion ?? status.codeVersion ?? 'unknown'],
        ['Server time', time(status.time)],
      ])),
      section('Data', facts([
        ['Store', status.storageKind],
        ['Location', h('code', { id: 'data-location' }, status.storageLocation || 'not reported by this host')],
        ['Models', number(status.models)],
        ['Datasets', number(status.datasets)],
      ])),
      section('Prediction log (since start)', facts([
        ['Logged', number(log.logged)],
        ['Written', number(log.written)],
        ['Dropped (buffer full)', number(log.dropped)],
        ['Write failures', number(log.writeFailures)],
        ['Waiting', number(log.pending)],
      ]))));
}
