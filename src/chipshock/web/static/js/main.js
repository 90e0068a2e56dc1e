// Dashboard entry: language, tabs (one per view; arrow keys move between them) and the views.
// Only the view on screen is imported with the page (the map by default, whose modules
// index.html preloads); the other views' modules are imported once its figures are drawn, so
// that their downloads and compiling do not stand between the page and its first data.
import { showError } from "./api.js";
import { renderOffers } from "./dom.js";
import { setLang, lang } from "./i18n.js";
import { startLang } from "./boot.js";
import { current, ownHash } from "./url.js";
import { flush, loadVega } from "./vl.js";

// Each view's module: `init` once (its first requests and listeners), `render` again on a
// change of language. The scenario view holds the tornado and Sobol panels.
const MODULES = {
  map: () => import("./map.js").then((m) => [[m.initMap, m.renderMap]]),
  explorer: () => import("./explorer.js").then((m) => [[m.initExplorer, m.renderExplorer]]),
  criticality: () => import("./criticality.js").then((m) => [[m.initCriticality, m.renderCriticality]]),
  coalition: () => import("./structure.js").then((m) => [[m.initCoalition, m.renderCoalition]]),
  capacity: () => import("./capacity.js").then((m) => [[m.initCapacity, m.renderCapacity]]),
  sourcing: () => import("./sourcing.js").then((m) => [[m.initSourcing, m.renderSourcing]]),
  scenario: () => Promise.all([import("./sensitivity.js"), import("./sobol.js"), import("./scenario.js")])
    .then(([sens, sobol, scen]) => [[sens.initSensitivity, sens.renderSensitivity],
      [sobol.initSobol, sobol.renderSobol], [scen.initScenarios, () => { scen.renderRun(); scen.renderCompare(); }]]),
  results: () => import("./results.js").then((m) => [[m.initResults, m.renderResults]]),
  tracker: () => import("./tracker.js").then((m) => [[m.initTracker, m.renderTracker]]),
};
//: the views whose first figure is a chart: opened on one of them, the page loads Vega at once
const CHART_FIRST = new Set(["explorer", "capacity", "sourcing"]);
const renderers = [];

// Import view `name` (or take the import `loading` already under way) and run its inits in
// order; rejects with the first error.
async function start(name, loading = MODULES[name]()) {
  for (const [init, render] of await loading) {
    renderers.push(render);
    await init();
  }
}

const VIEWS = ["map", "explorer", "criticality", "coalition", "capacity", "sourcing", "scenario", "compare", "results", "tracker"];
const tabs = () => [...document.querySelectorAll('[role="tab"]')];

function show(view, focus = false) {
  const name = VIEWS.includes(view) ? view : "map";
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
  for (const tab of tabs()) {
    const on = tab.dataset.view === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  flush();
}

// A new hash: a view's name (a tab, back or forward) shows the view, and so does the hash the
// view itself last wrote (back to it); a link with other settings (#compare?a=…&runs=20&run=1
// pasted into a tab already open on the dashboard) loads the page anew, so that the view starts
// from those settings as it does in a new tab (each view reads its settings once, at its start;
// the views write theirs with replaceState, which fires no hashchange); an anchor that is not a
// view (#main, the skip link) changes no view.
function onHashChange() {
  const { view, params } = current();
  if (view && !VIEWS.includes(view)) return;
  if ([...params.keys()].length && !ownHash(location.hash)) {
    location.reload();
    return;
  }
  show(view);
}

function select(view, focus = false) {
  if (current().view !== view) location.hash = view;
  show(view, focus);
}

function initTabs() {
  for (const tab of tabs()) {
    tab.addEventListener("click", () => select(tab.dataset.view));
    tab.addEventListener("keydown", (e) => {
      const all = tabs(), i = all.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select(all[(next + all.length) % all.length].dataset.view, true);
    });
  }
}

function rerender() {
  for (const render of renderers) render();
  renderOffers();
}

async function main() {
  // the view on screen first: its module (and Vega, if it opens on a chart) load while the
  // language file does, so that its figures come before the other views' requests
  const view = current().view === "compare" ? "scenario" : current().view; // one module, two tabs
  const first = MODULES[view] ? view : "map";
  const loading = MODULES[first]();
  loading.catch(() => {}); // reported by `start`
  if (CHART_FIRST.has(first)) loadVega().catch(() => {}); // a chart that needs it reports it
  await setLang(startLang);
  initTabs();
  show(current().view);
  window.addEventListener("hashchange", onHashChange);
  document.getElementById("lang").addEventListener("click", async () => {
    await setLang(lang === "en" ? "ja" : "en");
    const q = new URLSearchParams(location.search);
    q.set("lang", lang);
    history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
    rerender();
  });
  const order = [first, ...Object.keys(MODULES).filter((v) => v !== first)];
  const head = await Promise.allSettled([start(first, loading)]);
  flush();
  const rest = await Promise.allSettled(order.slice(1).map((name) => start(name)));
  [...head, ...rest].forEach((r, i) => { if (r.status === "rejected") showError(r.reason, order[i]); });
  flush();
  // the other views' charts: Vega is fetched once the view on screen has its data
  await loadVega().catch((err) => showError(err, first));
  document.body.dataset.ready = "true";
}

main();
