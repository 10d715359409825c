// Navigation by URL hash (#/page?key=value), so every view has an address and Back works.

/** Navigates to a page with parameters (undefined and empty values are left out); the same address redraws. */
export function go(page, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  const target = `#/${page}${search ? '?' + search : ''}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/** A link to a page. */
export function href(page, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  return `#/${page}${search ? '?' + search : ''}`;
}
