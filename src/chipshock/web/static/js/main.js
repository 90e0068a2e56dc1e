// Dashboard entry: language, tabs (one per view, in the URL hash) and first load of each view.
import { showError } from "./api.js";
import { setLang, lang } from "./i18n.js";
import { initMap, renderMap } from "./map.js";
import { initScenarios, renderCompare, renderRun } from "./scenario.js";
import { initSensitivity, renderSensitivity } from "./sensitivity.js";
import { initChokepoints, initCoalition, renderChokepoints, renderCoalition } from "./structure.js";

const VIEWS = ["map", "chokepoints", "coalition", "scenario", "compare"];

function show(view) {
  const name = VIEWS.includes(view) ? view : "map";
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
  for (const a of document.querySelectorAll("nav a")) a.setAttribute("aria-selected", String(a.dataset.view === name));
}

function rerender() {
  renderMap();
  renderChokepoints();
  renderCoalition();
  renderRun();
  renderCompare();
  renderSensitivity();
}

async function main() {
  const saved = new URLSearchParams(location.search).get("lang") || localStorage.getItem("chipshock-lang");
  await setLang(saved === "ja" ? "ja" : "en");
  show(location.hash.slice(1));
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  document.getElementById("lang").addEventListener("click", async () => {
    await setLang(lang === "en" ? "ja" : "en");
    rerender();
  });
  initSensitivity();
  const results = await Promise.allSettled([initMap(), initChokepoints(), initCoalition(), initScenarios()]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason);
  document.body.dataset.ready = "true";
}

main();
