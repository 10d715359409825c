// A list that pages through the API: the first page now, older ones on request; nothing loads a whole history.
import { h, notice } from './dom.js';
import { ApiError } from './api.js';

/**
 * Loads the first page with `load(token)` (which answers {items, nextPageToken}) and returns a table of
 * `columns` ([header, cell(item)]) with an "Older" button while there are more pages. `onPage` sees every page.
 */
export async function pagedTable({ load, columns, empty, id, onPage }) {
  const first = await load(undefined);
  const body = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary' }, 'Older');
  const status = h('span', { class: 'muted' });
  let token = first.nextPageToken;
  const add = (page) => {
    body.append(...page.items.map((item) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(item))))));
    token = page.nextPageToken;
    more.hidden = !token;
    onPage?.(page);
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      add(await load(token));
      status.textContent = '';
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) status.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  });
  add(first);
  return h('div', {},
    first.items.length ? null : notice(empty),
    h('div', { class: 'table-wrap' }, h('table', { id },
      h('thead', {}, h('tr', {}, columns.map(([header]) => h('th', { scope: 'col' }, header)))), body)),
    h('div', { class: 'pager' }, more, status));
}
