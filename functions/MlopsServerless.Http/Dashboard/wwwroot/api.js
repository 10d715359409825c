// The JSON API client: the key lives in sessionStorage (this tab only) and travels in x-functions-key, never in a URL.
const KEY = 'mlops.apiKey';

export class ApiError extends Error {
  constructor(status, detail, code) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

let unauthorized = () => {};

export const auth = {
  get key() { return sessionStorage.getItem(KEY); },
  set(key) { sessionStorage.setItem(KEY, key); },
  clear() { sessionStorage.removeItem(KEY); },
  onUnauthorized(handler) { unauthorized = handler; },
};

/** Calls the API; throws ApiError with the problem's detail. A refused key signs out and shows the prompt. */
export async function api(path, { method = 'GET', body, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (!anonymous) {
    const key = auth.key;
    if (!key) {
      unauthorized('');
      throw new ApiError(401, 'Sign in with the API key.');
    }
    headers['x-functions-key'] = key;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit', redirect: 'error',
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (response.status === 401 && !anonymous) {
    auth.clear();
    unauthorized('That key was refused. Enter a valid API key.');
    throw new ApiError(401, 'The API key was refused.');
  }
  if (!response.ok) throw new ApiError(response.status, data?.detail ?? `${response.status} ${response.statusText}`, data?.code);
  return data;
}

/** True when the error means the route is not on this server (a feature of a newer version). */
export const missingRoute = (error) => error instanceof ApiError && (error.status === 404 || error.status === 405) && !error.code;

/** A path segment. */
export const seg = (value) => encodeURIComponent(value);

/** A query string from the defined values. */
export function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
}

let routes;

/**
 * True when the server offers `method` on `template` (as written in its OpenAPI document), so the page can leave out a
 * feature a server does not have yet instead of calling a route that is not there. When the document cannot be read,
 * the answer is true and the call itself decides.
 */
export async function offers(method, template) {
  routes ??= fetch('/api/openapi.json', { cache: 'no-store', credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : null))
    .then((doc) => doc?.paths ?? null)
    .catch(() => null);
  const paths = await routes;
  return !paths || Boolean(paths[template]?.[method.toLowerCase()]);
}
