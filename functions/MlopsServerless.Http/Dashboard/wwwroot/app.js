// The dashboard shell: sign-in, the hash router and the page lifecycle. Pages live in page-*.js.
import { api, auth, ApiError } from './api.js';
import { h, notice } from './dom.js';
import * as models from './page-models.js';
import * as runs from './page-runs.js';
import * as datasets from './page-datasets.js';
import * as monitoring from './page-monitoring.js';
import * as health from './page-health.js';

const pages = { models, runs, datasets, monitoring, health };
const view = document.getElementById('view');
const login = document.getElementById('login');
const loginError = document.getElementById('login-error');
const signOut = document.getElementById('sign-out');
let generation = 0;

/** The current route: #/page?key=value. */
function route() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { page: pages[path] ? path : 'models', params: new URLSearchParams(search) };
}

function showLogin(message) {
  generation++;
  view.replaceChildren();
  view.hidden = true;
  signOut.hidden = true;
  login.hidden = false;
  loginError.hidden = !message;
  loginError.textContent = message ?? '';
  document.getElementById('api-key').focus();
}

async function render(quiet = false) {
  if (!auth.key) {
    showLogin('');
    return;
  }
  const mine = ++generation;
  const { page, params } = route();
  login.hidden = true;
  view.hidden = false;
  signOut.hidden = false;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (!quiet) view.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  const ctx = {
    params,
    live: () => mine === generation,
    width: () => Math.max(280, Math.min(view.clientWidth - 34, 980)),
    refresh: () => render(true),
  };
  try {
    const content = await pages[page].render(ctx);
    if (ctx.live()) view.replaceChildren(content);
  } catch (error) {
    if (!ctx.live() || (error instanceof ApiError && error.status === 401)) return;
    view.replaceChildren(notice(error instanceof ApiError ? error.message : 'Something went wrong drawing this page; reload to try again.', 'error'));
  }
}

auth.onUnauthorized(showLogin);

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  auth.set(input.value.trim());
  input.value = '';
  try {
    await api('/api/status');
    render();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showLogin(error.message);
  }
});

signOut.addEventListener('click', () => {
  auth.clear();
  showLogin('Signed out.');
});

window.addEventListener('hashchange', () => render());
let resizeTimer;
let lastWidth = window.innerWidth;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (window.innerWidth !== lastWidth) { lastWidth = window.innerWidth; render(); } }, 300);
});
render();
