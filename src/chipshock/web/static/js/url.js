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

// The hash each view last wrote (`setParams`): going back to it is the page's own state, not a
// link to open anew.
const written = new Map();
export const ownHash = (hash) => written.get(hash.slice(1).split("?")[0]) === hash;

// Replace the current view's parameters (no new history entry for each keystroke).
export function setParams(view, values) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  const q = p.toString().replaceAll("%2C", ",");
  const hash = `#${view}${q ? `?${q}` : ""}`;
  if (current().view !== view) return;
  if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${location.search}${hash}`);
  written.set(view, location.hash); // as the browser keeps it (it may encode what we wrote)
}
