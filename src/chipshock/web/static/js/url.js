// Every view's state lives in the URL: #view?key=value&… (shareable, bookmarkable).
export function current() {
  const [view, query = ""] = location.hash.slice(1).split("?");
  return { view, params: new URLSearchParams(query) };
}

// The parameters of `view` if the URL is about it, else none.
export function paramsFor(view) {
  const c = current();
  return c.view === view ? c.params : new URLSearchParams();
}

// Replace the current view's parameters (no new history entry for each keystroke).
export function setParams(view, values) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  const q = p.toString().replaceAll("%2C", ",");
  const hash = `#${view}${q ? `?${q}` : ""}`;
  if (location.hash !== hash && current().view === view) history.replaceState(null, "", `${location.pathname}${location.search}${hash}`);
}
