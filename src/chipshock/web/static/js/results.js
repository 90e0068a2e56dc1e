// Saved results (chipshock scenario run --save): list, reopen one, compare two.
// State in the URL: #results?open=ID or #results?open=ID1,ID2
import { getJSON, showError } from "./api.js";
import { fill, h, sourceLine, table } from "./dom.js";
import { fmtBand, fmtKpiCell, kpiLabel, lang, marketLabel, t } from "./i18n.js";
import { bandSections, settingsList } from "./scenario.js";
import { paramsFor, setParams } from "./url.js";
import { utilisationSection } from "./utilisation.js";

const VIEW = "results";
let list = null, opened = [];
const cache = new Map();

export async function initResults() {
  list = await getJSON("/api/results");
  const want = (paramsFor(VIEW).get("open") || "").split(",").filter(Boolean);
  renderResults();
  if (want.length) await open(want, false);
}

async function open(ids, focus) {
  try {
    opened = await Promise.all(ids.slice(0, 2).map(async (id) => {
      if (!cache.has(id)) cache.set(id, await getJSON(`/api/results/${encodeURIComponent(id)}`));
      return cache.get(id);
    }));
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  setParams(VIEW, { open: ids.join(",") });
  renderOpened();
  if (focus) document.getElementById("res-result").focus();
}

// when it was saved, to the minute in UTC (the API gives the full ISO time with microseconds)
const savedAt = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};
// the scenario's title in the page's language: its Japanese title where it has one (title_ja of
// /api/results, null for a file without one), else the English title, else its id
const titleOf = (r) => (lang === "ja" && r.title_ja) || r.title || r.scenario_id;
const label = (r) => `${r.name} — ${titleOf(r)} (${savedAt(r.created_at)})`;

export function renderResults() {
  if (!list) return;
  const box = document.getElementById("res-list");
  if (!list.rows.length) {
    box.replaceChildren(h("p", { class: "muted", id: "res-empty" }, t("res_empty")));
    return;
  }
  const checks = list.rows.map((r) => h("label", { class: "result-pick" },
    h("input", { type: "checkbox", value: r.result_id, checked: opened.some((o) => o.result.result_id === r.result_id) ? "" : null }),
    ` ${label(r)} · ${t("res_runs", { n: r.runs, seed: r.seed })}`));
  const picked = () => [...box.querySelectorAll("input:checked")].map((i) => i.value);
  box.replaceChildren(
    h("fieldset", { class: "checks-col" }, h("legend", {}, t("res_pick")), checks),
    h("div", { class: "controls" },
      h("button", { type: "button", id: "res-open", onclick: () => { const p = picked(); if (p.length) open(p, true); else showError(new Error(t("res_pick_one")), VIEW); } }, t("res_open"))),
    h("p", { class: "source" }, sourceLine(list.meta)));
  renderOpened();
}

function renderOpened() {
  if (!opened.length) return;
  const names = opened.map((o) => o.result.name);
  const kpis = ["output_lost_weeks", "loss_usd_bn", "peak_output_lost_pct", "weeks_to_recover"];
  const rows = [];
  for (const k of kpis) {
    for (const m of ["all"]) {
      const row = { kpi: k, market: m };
      opened.forEach((o, i) => {
        const r = o.kpis.find((x) => x.kpi === k && x.market === m);
        row[`v${i}`] = r ? fmtBand(fmtKpiCell(r, "p50"), fmtKpiCell(r, "p5"), fmtKpiCell(r, "p95")) : t("res_not_saved");
      });
      rows.push(row);
    }
  }
  fill("res-result", 
    h("h3", {}, opened.length > 1 ? t("res_comparing", { a: names[0], b: names[1] }) : t("res_showing", { a: names[0] })),
    // a result whose scenario file changed since it was saved: the API's words, in the language shown
    ...opened.map((o, i) => {
      const note = lang === "ja" ? o.scenario_file_note_ja : o.scenario_file_note;
      return note ? h("p", { class: "note", id: `res-file-changed-${i}` }, `${o.result.name}${t("sep_label")}${note}`) : null;
    }),
    settingsList(opened.map((o) => [o.result.name, o]), "res-settings"),
    table(rows, [
      { key: "kpi", label: t("col_kpi"), fmt: (v) => kpiLabel(v) },
      { key: "market", label: t("col_market"), fmt: (v) => marketLabel(v) },
      ...opened.map((o, i) => ({ key: `v${i}`, label: o.result.name, num: true })),
    ]),
    h("p", { class: "muted" }, t("kpi_note")),
    ...bandSections(opened.map((o) => ({ name: o.result.name, charts: o.charts[lang], bands: o.bands, meta: o.meta || list.meta }))),
    // per-producer utilisation of each result that carries it (`utilisation`, as saved)
    ...opened.map((o, i) => {
      const section = utilisationSection(o, `res-utilisation-${i}`);
      return section && opened.length > 1 ? h("div", {}, h("h4", {}, o.result.name), section) : section;
    }));
}
