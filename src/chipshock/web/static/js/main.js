// Dashboard entry: language, tabs (one per view; arrow keys move between them) and the views.
import { showError } from "./api.js";
import { initCapacity, renderCapacity } from "./capacity.js";
import { initCriticality, renderCriticality } from "./criticality.js";
import { initExplorer, renderExplorer } from "./explorer.js";
import { setLang, lang } from "./i18n.js";
import { initMap, renderMap } from "./map.js";
import { initResults, renderResults } from "./results.js";
import { initScenarios, renderCompare, renderRun } from "./scenario.js";
import { initSensitivity, renderSensitivity } from "./sensitivity.js";
import { initSobol, renderSobol } from "./sobol.js";
import { initCoalition, renderCoalition } from "./structure.js";
import { initTracker, renderTracker } from "./tracker.js";
import { startLang } from "./boot.js";
import { current } from "./url.js";
import { flush, loadVega } from "./vl.js";

const VIEWS = ["map", "explorer", "criticality", "coalition", "capacity", "scenario", "compare", "results", "tracker"];
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
  renderMap();
  renderExplorer();
  renderCriticality();
  renderCoalition();
  renderCapacity();
  renderRun();
  renderCompare();
  renderSensitivity();
  renderSobol();
  renderResults();
  renderTracker();
}

async function main() {
  await setLang(startLang);
  initTabs();
  show(current().view);
  window.addEventListener("hashchange", () => show(current().view));
  document.getElementById("lang").addEventListener("click", async () => {
    await setLang(lang === "en" ? "ja" : "en");
    const q = new URLSearchParams(location.search);
    q.set("lang", lang);
    history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
    rerender();
  });
  initSensitivity();
  initSobol();
  const inits = [["map", initMap], ["explorer", initExplorer], ["criticality", initCriticality],
    ["coalition", initCoalition], ["capacity", initCapacity], ["scenario", initScenarios],
    ["results", initResults], ["tracker", initTracker]];
  // the view on screen first, so that its figures come before the other views' requests
  const first = current().view;
  const order = [...inits.filter(([v]) => v === first), ...inits.filter(([v]) => v !== first)];
  const head = await Promise.allSettled(order.slice(0, 1).map(([, init]) => init()));
  flush();
  const rest = await Promise.allSettled(order.slice(1).map(([, init]) => init()));
  [...head, ...rest].forEach((r, i) => { if (r.status === "rejected") showError(r.reason, order[i][0]); });
  flush();
  // the other views' charts: Vega is fetched once the view on screen has its data
  await loadVega().catch((err) => showError(err, first));
  document.body.dataset.ready = "true";
}

main();
