// Saved results (chipshock scenario run --save): list, reopen one, compare two.
// State in the URL: #results?open=ID or #results?open=ID1,ID2
import { getJSON, showError } from "./api.js";
import { fill, h, sourceLine, table } from "./dom.js";
import { bracketed, fmtBand, fmtKpiCell, kpiLabel, lang, marketLabel, t, withCode } from "./i18n.js";
import { bandSections, settingsList } from "./scenario.js";
import { paramsFor, setParams } from "./url.js";
import { utilisationSection } from "./utilisation.js";

const VIEW = "results";
let list = null, opened = [], openedIds = [];
// the end market whose indicators the opened results show ("all": all markets together)
let market = "all";
const cache = new Map();

export async function initResults() {
  list = await getJSON("/api/results");
  const params = paramsFor(VIEW);
  const want = (params.get("open") || "").split(",").filter(Boolean);
  market = params.get("market") || "all";
  renderResults();
  if (want.length) await open(want, false);
}

// the opened results and the market shown, in the URL (all markets, the default, left out)
function saveState() {
  setParams(VIEW, { open: openedIds.join(","), market: ALL.includes(market) ? null : market });
}

async function open(ids, focus) {
  try {
    opened = await Promise.all(ids.slice(0, 2).map(async (id) => {
      if (!cache.has(id)) cache.set(id, await getJSON(`/api/results/${encodeURIComponent(id)}`));
      return cache.get(id);
    }));
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  openedIds = ids;
  saveState();
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
const label = (r) => `${r.name} — ${titleOf(r)}${bracketed(savedAt(r.created_at))}`;

export function renderResults() {
  if (!list) return;
  const box = document.getElementById("res-list");
  if (!list.rows.length) {
    // the command to save one as code, as the intro above shows its own
    box.replaceChildren(withCode(h("p", { class: "muted", id: "res-empty" }), t("res_empty")));
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

const ALL = ["all", "total"];
const KPIS = ["output_lost_weeks", "loss_usd_bn", "peak_output_lost_pct", "weeks_to_recover"];

// The end markets the opened results have indicators for, all markets first.
function marketsOf(results) {
  const seen = [...new Set(results.flatMap((o) => o.kpis.map((r) => r.market)))];
  return [...seen.filter((m) => ALL.includes(m)), ...seen.filter((m) => !ALL.includes(m))];
}

// The indicators of the market shown, one column per opened result: "median (p5–p95)".
function kpiTable() {
  const rows = KPIS.map((k) => {
    const row = { kpi: k, market };
    opened.forEach((o, i) => {
      const r = o.kpis.find((x) => x.kpi === k && x.market === market);
      row[`v${i}`] = r ? fmtBand(fmtKpiCell(r, "p50"), fmtKpiCell(r, "p5"), fmtKpiCell(r, "p95")) : t("res_not_saved");
    });
    return row;
  });
  return table(rows, [
    { key: "kpi", label: t("col_kpi"), fmt: (v) => kpiLabel(v) },
    { key: "market", label: t("col_market"), fmt: (v) => marketLabel(v) },
    ...opened.map((o, i) => ({ key: `v${i}`, label: o.result.name, num: true })),
  ]);
}

// A picker of the end market the table gives, as the live comparison gives every market: a car
// stockpile's effect is in automotive, which all markets together hardly show.
function marketPicker(markets) {
  const select = h("select", { id: "res-market" }, ...markets.map((m) =>
    h("option", { value: m, selected: m === market ? "" : null }, marketLabel(m))));
  select.addEventListener("change", () => {
    market = select.value;
    saveState();
    document.getElementById("res-kpis").replaceChildren(kpiTable());
  });
  return h("div", { class: "controls" }, h("label", {}, h("span", {}, t("col_market")), " ", select));
}

// The source line of the opened results' table: one per data release they ran on.
function sourceLines() {
  const lines = [...new Set(opened.map((o) => sourceLine(o.meta || list.meta)))];
  return lines.map((line, i) => h("p", { class: "source", id: i ? `res-kpis-source-${i}` : "res-kpis-source" }, line));
}

function renderOpened() {
  if (!opened.length) return;
  const names = opened.map((o) => o.result.name);
  const markets = marketsOf(opened);
  if (!markets.includes(market)) market = markets[0] || "all";
  fill("res-result", 
    h("h3", {}, opened.length > 1 ? t("res_comparing", { a: names[0], b: names[1] }) : t("res_showing", { a: names[0] })),
    // a result whose scenario file changed since it was saved: the API's words, in the language shown
    ...opened.map((o, i) => {
      const note = lang === "ja" ? o.scenario_file_note_ja : o.scenario_file_note;
      return note ? h("p", { class: "note", id: `res-file-changed-${i}` }, `${o.result.name}${t("sep_label")}${note}`) : null;
    }),
    settingsList(opened.map((o) => [o.result.name, o]), "res-settings"),
    markets.length > 1 ? marketPicker(markets) : null,
    h("div", { id: "res-kpis", "aria-live": "polite" }, kpiTable()),
    h("p", { class: "muted" }, t("kpi_note")),
    ...sourceLines(),
    ...bandSections(opened.map((o) => ({ name: o.result.name, charts: o.charts[lang], bands: o.bands, meta: o.meta || list.meta }))),
    // per-producer utilisation of each result that carries it (`utilisation`, as saved)
    ...opened.map((o, i) => {
      const section = utilisationSection(o, `res-utilisation-${i}`);
      return section && opened.length > 1 ? h("div", {}, h("h4", {}, o.result.name), section) : section;
    }));
}
