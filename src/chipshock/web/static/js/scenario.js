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
    for (const id of ["scen-run", "cmp-run"]) document.getElementById(id).disabled = true;
    return;
  }
  scenarios = list.rows;
  const opts = () => scenarios.map((r) => h("option", { value: r.scenario_id }, r.scenario_id));
  const sel = document.getElementById("scen-id");
  sel.replaceChildren(...opts());
  sel.value = scenarios.some((r) => r.scenario_id === "taiwan-blockade-2027-6m") ? "taiwan-blockade-2027-6m" : scenarios[0].scenario_id;
  sel.addEventListener("change", () => describe(true));
  document.getElementById("cmp-a").replaceChildren(...opts());
  document.getElementById("cmp-a").value = sel.value;
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

function describe(resetStart = false) {
  relabel();
  const r = scenarios.find((x) => x.scenario_id === document.getElementById("scen-id").value);
  if (!r) return;
  if (resetStart) document.getElementById("scen-start").value = r.start_year;
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
      scenario: document.getElementById("scen-id").value,
      start_year: Number(document.getElementById("scen-start").value),
      duration_weeks: Number(document.getElementById("scen-duration").value),
      alliance_fabs: document.getElementById("scen-alliance").checked,
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

// One row per end market, one column per indicator: "median (p5–p95)".
function kpiTable(kpis) {
  const names = [...new Set(kpis.map((r) => r.kpi))];
  const markets = [...new Set(kpis.map((r) => r.market))];
  const rows = markets.map((m) => {
    const row = { market: m };
    for (const k of names) {
      const r = kpis.find((x) => x.market === m && x.kpi === k);
      row[k] = r ? `${fmtKpi(k, r.p50)} (${fmtKpi(k, r.p5)} – ${fmtKpi(k, r.p95)})` : "–";
    }
    return row;
  });
  return h("div", {}, table(rows, [
    { key: "market", label: t("col_market"), fmt: (v) => marketLabel(v) },
    ...names.map((k) => ({ key: k, label: kpiLabel(k), num: true })),
  ]), h("p", { class: "muted" }, t("kpi_note")));
}

function kpiName(kpis, kind) {
  return kpis.map((r) => r.kpi).find((k) => k.toLowerCase().includes(kind));
}

function cards(kpis) {
  const out = [];
  const loss = kpiName(kpis, "loss");
  if (loss) {
    const rows = kpis.filter((r) => r.kpi === loss);
    const agg = rows.find((r) => ["all", "total"].includes(r.market));
    const v = agg ? agg.p50 : rows.reduce((a, r) => a + r.p50, 0);
    out.push(h("div", { class: "card" }, t("kpi_loss"), h("b", {}, fmtKpi(loss, v))));
  }
  const peak = kpiName(kpis, "peak");
  if (peak) {
    const rows = kpis.filter((r) => r.kpi === peak && !["all", "total"].includes(r.market));
    const worst = rows.reduce((a, b) => (b.p50 > a.p50 ? b : a), rows[0]);
    if (worst) out.push(h("div", { class: "card" }, `${t("kpi_peak")} — ${marketLabel(worst.market)}`, h("b", {}, fmtKpi(peak, worst.p50))));
  }
  return h("div", { class: "cards" }, out);
}

function assumptions(rows, meta) {
  return h("div", {}, details(t("scen_assumptions"), h("div", { class: "scroll" }, table(rows, [
    { key: "file", label: "file" }, { key: "id", label: "id" }, { key: "value", label: "value" },
    { key: "as_of", label: t("as_of") }, { key: "confidence", label: "confidence" }, { key: "source_url", label: t("col_source") },
  ]))), h("p", { class: "source" }, sourceLine(meta)));
}

export function renderRun() {
  describe();
  if (!run) return;
  const res = { name: "", bands: run.bands };
  document.getElementById("scen-result").replaceChildren(
    h("h3", {}, t("scen_summary")),
    h("p", { class: "summary", id: "scen-summary" }, run.summary_text[lang]),
    cards(run.kpis),
    h("h3", {}, `${t("scen_delivered")} (${t("scen_band")})`),
    smallMultiples([res], "delivered_pct_of_demand", marketLabel, t("col_market"), 100),
    h("h3", {}, `${t("scen_supply")} (${t("scen_band")})`),
    smallMultiples([res], "supply_pct_of_demand", nodeLabel, t("col_node")),
    h("h3", {}, t("scen_kpis")), kpiTable(run.kpis),
    assumptions(run.assumptions, run.meta));
}

export function renderCompare() {
  relabel();
  const b = document.getElementById("cmp-b").options[0];
  if (b) b.textContent = t("cmp_default");
  if (!cmp) return;
  const loss = kpiName(cmp.a.kpis, "loss");
  let lossChart = null;
  if (loss) {
    const scale = loss.includes("usd_bn") ? 1e9 : 1;
    const get = (kpis, m) => (kpis.find((r) => r.kpi === loss && r.market === m)?.p50 ?? 0) * scale;
    const markets = [...new Set(cmp.a.kpis.filter((r) => r.kpi === loss).map((r) => r.market))];
    const items = markets.map((m) => ({ label: marketLabel(m), values: [get(cmp.a.kpis, m), get(cmp.b.kpis, m)] }));
    const desc = items.map((i) => `${i.label}: A ${fmtUsd(i.values[0])}, B ${fmtUsd(i.values[1])}`).join("; ");
    lossChart = h("figure", {}, barChart({ items, title: t("cmp_loss"), desc, fmt: fmtUsd }), h("figcaption", { class: "muted" }, desc));
  }
  const nameA = cmp.labels[lang][0], nameB = cmp.labels[lang][1];
  document.getElementById("cmp-result").replaceChildren(
    h("h3", {}, t("scen_summary")),
    h("p", { class: "summary", id: "cmp-summary" }, cmp.summary_text[lang]),
    h("div", { class: "legend" }, h("span", { style: `--c:${PALETTE[0]}` }, `A: ${nameA}`), h("span", { style: `--c:${PALETTE[1]}` }, `B: ${nameB}`)),
    lossChart,
    h("h3", {}, `${t("scen_delivered")} (${t("scen_band")})`),
    smallMultiples([{ name: "A", bands: cmp.a.bands }, { name: "B", bands: cmp.b.bands }], "delivered_pct_of_demand", marketLabel, t("col_market"), 100),
    h("h3", {}, t("cmp_delta")), kpiTable(cmp.delta),
    assumptions(cmp.a.assumptions, cmp.meta));
}
