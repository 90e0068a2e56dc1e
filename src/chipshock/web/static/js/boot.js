// The first requests of the page, started as soon as this small module arrives (index.html loads
// it with `async`, ahead of main.js and the views): the language files, the map's data and, when
// the page opens on the explorer or the capacity view, that view's first answers. The views
// import the same module (one instance), so they get these answers instead of asking again.
// It imports nothing: with an import it would wait for that module's download (queued behind
// the page's other requests on HTTP/1.1's six connections) before asking for the language file,
// which every view waits for.

// JSON of our own API or static files; an error carries the server's message (which names the
// field) in English and in Japanese (`detailJa`: api.js's showError picks the page's language),
// its kind (`code`) and the HTTP status; a server that cannot be reached gives an error with
// `unreachable`. The page's one such helper: api.js's getJSON and postJSON use it.
export async function json(url, options = {}) {
  const res = await fetch(url, options).catch((cause) => {
    throw Object.assign(new Error(`server unreachable: ${cause.message}`), { unreachable: true });
  });
  const body = await res.json().catch(() => ({ detail: res.statusText }));
  if (!res.ok) throw apiError(body, res.status);
  return body;
}

// An error of the API's error body (`detail`, `detail_ja`, `code`; chipshock.api.error_bodies).
export function apiError(body, status) {
  const err = new Error(body.detail || String(status));
  err.status = status;
  err.code = body.code;
  err.detailJa = body.detail_ja;
  if (body.overlap) err.overlap = body.overlap; // synergy of groups that share countries
  return err;
}

// The page's language: ?lang=, else the one chosen last time, else English.
export const startLang = (() => {
  const asked = new URLSearchParams(location.search).get("lang") || localStorage.getItem("chipshock-lang");
  return asked === "ja" ? "ja" : "en";
})();

// the strings of both languages (index.html preloads them; i18n.js falls back to its own
// request if one fails): every view waits for those of `startLang`, the others serve a switch
export const langStrings = { en: json("/static/i18n/en.json"), ja: json("/static/i18n/ja.json") };
for (const strings of Object.values(langStrings)) strings.catch(() => {});

// world atlas, fabs and partnerships (rejections are reported by the map view)
export const mapData = Promise.all([
  json("/static/vendor/world-atlas/countries-110m.json"),
  json("/api/fabs"),
  json("/api/partnerships"),
]);
mapData.catch(() => {});

// The first requests of the explorer and the capacity view; the views build their URLs with
// these same functions, so that a view's request finds the answer asked for here (`early`).
export const EXPLORER_MIN_SHARE = 50;
export const explorerUrls = {
  inputs: "/api/explorer/inputs",
  chokepoints: `/api/chokepoints?min_share=${EXPLORER_MIN_SHARE}`,
  materials: `/api/chokepoints?materials=true&min_share=${EXPLORER_MIN_SHARE}`,
  groups: "/api/groups",
  shares: (id, highlight = "") => `/api/shares?input=${encodeURIComponent(id)}&by=both${highlight ? `&highlight=${encodeURIComponent(highlight)}` : ""}`,
  trace: (id) => `/api/trace/${encodeURIComponent(id)}`,
};
// the input the explorer opens on: the one in its URL, else the first EUV tool, else the first
export const firstInput = (rows, asked) => asked || (rows.find((r) => /EUV/.test(r.name)) || rows[0]).input_id;
// the node class the capacity view shows first (when its URL names none); the server's warm-up
// builds its build-out first (chipshock.api.warmup.BUILDOUT_CLASSES: a test keeps the two equal)
export const CAPACITY_CLASS = "lt10";
export const buildoutUrl = (nodeClass) => `/api/capacity/buildout?node_class=${encodeURIComponent(nodeClass)}`;

// Answers asked for here before any view's module has loaded, by URL; `early` hands each out
// once (a later request for the same URL asks the server again).
const asked = new Map();
function ask(url) {
  const answer = json(url);
  answer.catch(() => {}); // the view that takes it reports the error
  asked.set(url, answer);
  return answer;
}
export function early(url) {
  const answer = asked.get(url);
  asked.delete(url);
  return answer;
}

const [openView, query = ""] = location.hash.slice(1).split("?");
const openParams = new URLSearchParams(query);
if (openView === "explorer") {
  const catalogue = ask(explorerUrls.inputs);
  ask(explorerUrls.chokepoints);
  ask(explorerUrls.groups);
  // the picked input's trace and share charts, once the catalogue shows which input that is
  // (one the data does not have is replaced by the view); a highlight changes the charts' URL:
  // the view asks for those itself
  const highlight = openParams.get("hl");
  catalogue.then((cat) => {
    const id = firstInput(cat.rows, openParams.get("input"));
    if (!cat.rows.some((r) => r.input_id === id)) return;
    if (!highlight) ask(explorerUrls.shares(id));
    ask(explorerUrls.trace(id));
  }, () => {});
} else if (openView === "capacity") {
  ask(buildoutUrl(openParams.get("class") || CAPACITY_CLASS));
}
// the modules of the view the page opens on (index.html modulepreloads the map's): main.js
// imports the view's module first, and would find its imports only once that had arrived
const VIEW_MODULES = { explorer: ["explorer.js", "groups.js"], capacity: ["capacity.js"] };
for (const file of VIEW_MODULES[openView] || []) {
  document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href: `/static/js/${file}` }));
}
