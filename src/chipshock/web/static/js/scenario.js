// Scenario runner and comparison view.
import { getJSON, postJSON, showError } from "./api.js";
import { bandChart, barChart, PALETTE } from "./charts.js";
import { details, h, sourceLine, table } from "./dom.js";
import { fmtKpi, fmtNum, fmtUsd, kpiLabel, lang, marketLabel, nodeLabel, t } from "./i18n.js";

let scenarios = [], run = null, cmp = null;
export let available = true;

export async function initScenarios() {
  let list;
  try {
    list = await getJSON("/api/scenarios");
  } catch (err) {
    available = false;
    for (const id of ["scen-result", "cmp-result"]) {
      document.getElementById(id).replaceChildren(h("p", { class: "error" }, t("scen_unavailable")));
    }
    for (const id of ["scen-run", "cmp-run", "sens-run"]) document.getElementById(id).disabled = true;
    return;
  }
  scenarios = list.rows;
  const opts = () => scenarios.map((r) => h("option", { value: r.scenario_id }, r.scenario_id));
  const sel = document.getElementById("scen-id");
  sel.replaceChildren(...opts());
  sel.value = scenarios.some((r) => r.scenario_id === "taiwan-blockade-2027-6m") ? "taiwan-blockade-2027-6m" : scenarios[0].scenario_id;
  sel.addEventListener("change", () => describe(true));
  document.getElementById("cmp-a").replaceChildren(...opts());
  const cmpA = document.getElementById("cmp-a");
  cmpA.value = sel.value;
  const cmpRuns = () => {
    const r = scenarios.find((x) => x.scenario_id === cmpA.value);
    if (r) document.getElementById("cmp-runs").value = r.runs;
  };
  cmpA.addEventListener("change", cmpRuns);
  cmpRuns();
  document.getElementById("cmp-b").replaceChildren(h("option", { value: "" }, t("cmp_default")), ...opts());
  document.getElementById("scen-form").addEventListener("submit", (e) => { e.preventDefault(); runScenario(); });
  document.getElementById("cmp-form").addEventListener("submit", (e) => { e.preventDefault(); runCompare(); });
  describe(true);
}

const titleOf = (r) => (lang === "ja" && r.title_ja ? r.title_ja : r.title);

// Option labels follow the language; the id stays the value.
function relabel() {
  for (const id of ["scen-id", "cmp-a", "cmp-b"]) {
    for (const o of document.getElementById(id).options) {
      const r = scenarios.find((x) => x.scenario_id === o.value);
      if (r) o.textContent = titleOf(r);
    }
  }
}

const selected = () => scenarios.find((x) => x.scenario_id === document.getElementById("scen-id").value);

// The form shows the chosen scenario's own values; a request carries only what the user changed,
// so that an unchanged form runs the scenario exactly as the CLI and the report do.
function resetForm(r) {
  document.getElementById("scen-start").value = r.start_year;
  const duration = document.getElementById("scen-duration");
  duration.value = r.duration_weeks ?? "";
  duration.placeholder = r.duration_weeks == null ? t("scen_duration_as_scenario") : "";
  document.getElementById("scen-alliance").checked = r.alliance_fabs !== false;
  document.getElementById("scen-runs").value = r.runs;
}

export function changedFields() {
  const r = selected();
  const out = { scenario: r.scenario_id };
  const start = Number(document.getElementById("scen-start").value);
  if (start && start !== r.start_year) out.start_year = start;
  const duration = document.getElementById("scen-duration").value;
  if (duration !== "" && Number(duration) !== r.duration_weeks) out.duration_weeks = Number(duration);
  const alliance = document.getElementById("scen-alliance").checked;
  if (alliance !== (r.alliance_fabs !== false)) out.alliance_fabs = alliance;
  return out;
}

function describe(resetStart = false) {
  relabel();
  const r = selected();
  if (!r) return;
  if (resetStart) resetForm(r);
  const title = titleOf(r);
  const text = lang === "ja" && r.description_ja ? r.description_ja : r.description;
  document.getElementById("scen-description").textContent = `${title} — ${text}`;
}

async function busy(button, fn) {
  const b = document.getElementById(button);
  const label = b.textContent;
  b.disabled = true;
  b.textContent = t("scen_running");
  try { await fn(); showError(null); } catch (err) { showError(err); } finally {
    b.disabled = false;
    b.textContent = label;
  }
}

function runScenario() {
  return busy("scen-run", async () => {
    run = await postJSON("/api/scenarios/run", {
      ...changedFields(),
      runs: Number(document.getElementById("scen-runs").value),
    });
    renderRun();
  });
}

function runCompare() {
  return busy("cmp-run", async () => {
    const other = document.getElementById("cmp-b").value;
    cmp = await postJSON("/api/scenarios/compare", {
      scenario: document.getElementById("cmp-a").value,
      other: other || null,
      runs: Number(document.getElementById("cmp-runs").value),
    });
    renderCompare();
  });
}

// Weeks where something happens: from a quarter before the first dip to two years after the last.
function window(bands) {
  const hit = bands.filter((r) => r.p5 < 99 || r.p50 < 99.5).map((r) => r.week);
  if (!hit.length) return [Math.min(...bands.map((r) => r.week)), Math.max(...bands.map((r) => r.week))];
  return [Math.min(...hit) - 13, Math.max(...hit) + 104];
}

function rowsOf(bands, series, key, [w0, w1]) {
  return bands.filter((r) => r.series === series && String(r.key) === String(key) && r.week >= w0 && r.week <= w1)
    .map((r) => ({ ...r, label: r.date ? String(r.date).slice(0, 7) : String(r.week) }));
}

function keysOf(bands, series) {
  return [...new Set(bands.filter((r) => r.series === series).map((r) => String(r.key)))];
}

function altText(name, rows) {
  const low = rows.reduce((a, b) => (b.p50 < a.p50 ? b : a), rows[0]);
  return t("scen_chart_alt", { name, v: fmtNum(low.p50, 0), w: low.label });
}

// One small chart per key; each chart may overlay several results (A and B).
function smallMultiples(results, series, labelOf, keyLabel, yMax = null) {
  const all = results.flatMap((r) => r.bands.filter((b) => b.series === series));
  if (!all.length) return h("p", { class: "muted" }, "–");
  const win = window(all);
  const charts = keysOf(all, series).map((key) => {
    const parts = results.map((r, i) => ({ name: r.name, color: PALETTE[i], rows: rowsOf(r.bands, series, key, win) }));
    const desc = parts.map((p) => altText(`${labelOf(key)}${p.name ? ` (${p.name})` : ""}`, p.rows)).join(" ");
    return h("figure", {}, bandChart({ series: parts, title: labelOf(key), desc, yMax }), h("figcaption", { class: "muted" }, desc));
  });
  const sample = all.filter((r) => r.week >= win[0] && r.week <= win[1] && (r.week - win[0]) % 4 === 0);
  return h("div", {}, h("div", { class: "grid" }, charts),
    details(t("show_table"), h("div", { class: "scroll" }, table(sample, [
      { key: "date", label: t("year") },
      { key: "key", label: keyLabel, fmt: (v) => labelOf(String(v)) },
      { key: "p5", label: "p5", num: true, fmt: (v) => fmtNum(v) },
      { key: "p50", label: "p50", num: true, fmt: (v) => fmtNum(v) },
      { key: "p95", label: "p95", num: true, fmt: (v) => fmtNum(v) },
    ]))));
}

// Reading order of the KPIs: output of end products first (the headline), chips after (detail).
const OUTPUT_KPIS = ["output_lost_weeks", "output_lost_pct_annual", "peak_output_lost_pct", "weeks_to_recover", "loss_usd_bn"];
const CHIP_KPIS = ["cumulative_shortfall_weeks", "cumulative_shortfall_pct_annual", "peak_weekly_shortfall_pct"];
const ALL = ["all", "total"];

// One row per end market, one column per indicator of `names`: "median (p5–p95)".
function kpiTable(kpis, names) {
  const present = names.filter((k) => kpis.some((r) => r.kpi === k));
  const markets = [...new Set(kpis.map((r) => r.market))];
  const rows = markets.map((m) => {
    const row = { market: m };
    for (const k of present) {
      const r = kpis.find((x) => x.market === m && x.kpi === k);
      row[k] = r ? `${fmtKpi(k, r.p50)} (${fmtKpi(k, r.p5)} – ${fmtKpi(k, r.p95)})` : "–";
    }
    return row;
  });
  return h("div", {}, table(rows, [
    { key: "market", label: t("col_market"), fmt: (v) => marketLabel(v) },
    ...present.map((k) => ({ key: k, label: kpiLabel(k), num: true })),
  ]), h("p", { class: "muted" }, t("kpi_note")));
}

function kpiTables(kpis) {
  return [h("h3", {}, t("scen_kpis_output")), kpiTable(kpis, OUTPUT_KPIS),
    h("h3", {}, t("scen_kpis_chips")), kpiTable(kpis, CHIP_KPIS)];
}

const row = (kpis, kpi, market) => kpis.find((r) => r.kpi === kpi && r.market === market);

// The hardest-hit market: the one losing most weeks of output (as the engine's summary ranks).
function worstMarket(result) {
  if (result.summary?.worst_market) return result.summary.worst_market;
  const rows = result.kpis.filter((r) => r.kpi === "output_lost_weeks" && !ALL.includes(r.market));
  return rows.reduce((a, b) => (b.p50 > a.p50 ? b : a), rows[0])?.market;
}

function card(label, value, note = null) {
  return h("div", { class: "card" }, label, h("b", {}, value), note ? h("span", { class: "muted" }, note) : null);
}

// Key figures: output first (worst point, weeks lost, recovery, USD at risk), then chips.
function cards(result) {
  const kpis = result.kpis, wm = worstMarket(result), m = marketLabel(wm ?? "");
  const out = [];
  const peak = row(kpis, "peak_output_lost_pct", wm);
  if (peak) out.push(card(t("card_peak", { m }), t("card_peak_v", { v: `${fmtNum(100 - peak.p50, 0)}%` })));
  const weeks = row(kpis, "output_lost_weeks", "all");
  if (weeks) out.push(card(t("card_weeks"), t("card_weeks_v", { v: fmtNum(weeks.p50, 1) })));
  const rec = row(kpis, "weeks_to_recover", wm);
  if (rec) out.push(card(t("card_recover", { m }), fmtKpi("weeks_to_recover", rec.p50)));
  const loss = row(kpis, "loss_usd_bn", "all");
  if (loss) out.push(card(t("card_loss"), fmtKpi("loss_usd_bn", loss.p50)));
  const chips = row(kpis, "peak_weekly_shortfall_pct", wm);
  if (chips) out.push(card(t("card_chips", { m }), t("card_chips_v", { v: `${fmtNum(100 - chips.p50, 0)}%` })));
  return h("div", { class: "cards" }, out);
}

function assumptions(rows, meta) {
  return h("div", {}, details(t("scen_assumptions"), h("div", { class: "scroll" }, table(rows, [
    { key: "file", label: "file" }, { key: "id", label: "id" }, { key: "value", label: "value" },
    { key: "as_of", label: t("as_of") }, { key: "confidence", label: "confidence" }, { key: "source_url", label: t("col_source") },
  ]))), h("p", { class: "source" }, sourceLine(meta)));
}

// Charts in reading order: output of end products, chips delivered, supply by node class.
function bandSections(results) {
  return [
    h("h3", {}, `${t("scen_output")} (${t("scen_band")})`),
    h("p", { class: "muted" }, t("scen_output_note")),
    smallMultiples(results, "output_pct_of_normal", marketLabel, t("col_market"), 100),
    h("h3", {}, `${t("scen_delivered")} (${t("scen_band")})`),
    smallMultiples(results, "delivered_pct_of_demand", marketLabel, t("col_market"), 100),
    h("h3", {}, `${t("scen_supply")} (${t("scen_band")})`),
    smallMultiples(results, "supply_pct_of_demand", nodeLabel, t("col_node")),
  ];
}

export function renderRun() {
  describe();
  if (!run) return;
  document.getElementById("scen-result").replaceChildren(
    h("h3", {}, t("scen_summary")),
    h("p", { class: "summary", id: "scen-summary" }, run.summary_text[lang]),
    cards(run),
    ...bandSections([{ name: "", bands: run.bands }]),
    ...kpiTables(run.kpis),
    assumptions(run.assumptions, run.meta));
}

// delta = second − first per run; "avoided" by the better side is positive.
function avoidedRows(delta, flip) {
  return delta.map((r) => (flip ? { ...r } : { ...r, mean: -r.mean, p5: -r.p95, p50: -r.p50, p95: -r.p5 }));
}

export function renderCompare() {
  relabel();
  const b = document.getElementById("cmp-b").options[0];
  if (b) b.textContent = t("cmp_default");
  if (!cmp) return;
  const [nameA, nameB] = cmp.labels[lang];
  const head = cmp.headline?.output_lost_weeks_avoided;
  const flip = head ? head.p50 < 0 : false; // the first side loses less: it is the one that avoids
  const [better, worse] = flip ? [nameA, nameB] : [nameB, nameA];
  const avoided = avoidedRows(cmp.delta, flip);
  const allRow = (k) => avoided.find((r) => r.kpi === k && ALL.includes(r.market));
  const weeks = allRow("output_lost_weeks"), usd = allRow("loss_usd_bn");
  const range = (k, r) => t("cmp_avoided_range", { lo: fmtKpi(k, r.p5), hi: fmtKpi(k, r.p95) });
  const avoidedCards = h("div", { class: "cards", id: "cmp-avoided" },
    weeks ? card(t("cmp_avoided_weeks"), t("card_weeks_v", { v: fmtNum(weeks.p50, 1) }), range("output_lost_weeks", weeks)) : null,
    usd ? card(t("cmp_avoided_usd"), fmtKpi("loss_usd_bn", usd.p50), range("loss_usd_bn", usd)) : null);
  const loss = "loss_usd_bn";
  const get = (kpis, m) => (row(kpis, loss, m)?.p50 ?? 0) * 1e9;
  const markets = [...new Set(cmp.a.kpis.filter((r) => r.kpi === loss && !ALL.includes(r.market)).map((r) => r.market))];
  const items = markets.map((m) => ({ label: marketLabel(m), values: [get(cmp.a.kpis, m), get(cmp.b.kpis, m)] }));
  const desc = items.map((i) => `${i.label}: ${nameA} ${fmtUsd(i.values[0])}, ${nameB} ${fmtUsd(i.values[1])}`).join("; ");
  const lossChart = items.length ? h("figure", {}, barChart({ items, title: t("cmp_loss"), desc, fmt: fmtUsd }), h("figcaption", { class: "muted" }, desc)) : null;
  const sides = [{ name: nameA, bands: cmp.a.bands }, { name: nameB, bands: cmp.b.bands }];
  document.getElementById("cmp-result").replaceChildren(
    h("h3", {}, t("scen_summary")),
    h("p", { class: "summary", id: "cmp-summary" }, cmp.summary_text[lang]),
    h("h3", {}, t("cmp_avoided_title", { better, worse })),
    avoidedCards,
    h("div", { class: "legend" }, h("span", { style: `--c:${PALETTE[0]}` }, nameA), h("span", { style: `--c:${PALETTE[1]}` }, nameB)),
    h("h3", {}, t("cmp_loss")),
    lossChart,
    ...bandSections(sides),
    h("h3", {}, t("cmp_avoided_table", { better, worse })),
    kpiTable(avoided, [...OUTPUT_KPIS, ...CHIP_KPIS]),
    assumptions(cmp.a.assumptions, cmp.meta));
}
