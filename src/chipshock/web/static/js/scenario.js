// Scenario runner and comparison view.
import { getJSON, runJob, showError } from "./api.js";
import { details, fill, h, offer, sourceLine, table } from "./dom.js";
import { confidenceLabel, fmtBand, fmtCellNumber, fmtKpi, fmtKpiCell, fmtNum, fmtPct, fmtWeeks, kpiLabel, lang, marketLabel, nodeLabel, t } from "./i18n.js";
import { paramsFor, setParams } from "./url.js";
import { offerSobol } from "./sobol.js";
import { asWritten } from "./factors.js";
import { compareUtilisationSection, utilisationSection } from "./utilisation.js";
import { askSplit, contributionsSection, splitState } from "./contributions.js";
import { chart, chartsIn, tableRows } from "./vl.js";

let scenarios = [], run = null, cmp = null;
// the most runs the server accepts per request (per side of a comparison; /api/scenarios
// params.max_runs), and the run counts that a shared link asked for above it (null: none)
let maxRuns = null;
const clamped = { scen: null, cmp: null };
// a scenario id a link asked for that this server does not have, per form, with the field that
// shows another scenario instead ({id, field}; null: none): the form is not run, and the view
// says so until the next run (a stale link must not show another scenario's figures as its own)
const unknown = { scen: null, cmp: null };
// what each form's live region (#scen-announce, #cmp-announce) last said: "summary" (of the
// result on screen) or "cancelled"; null: nothing yet. A switch of language says it again in the
// new language, as the rest of the page is (it stayed in the old one).
const announced = { scen: null, cmp: null };
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
    for (const id of ["scen-run", "cmp-run", "sens-run", "sobol-run"]) document.getElementById(id).disabled = true;
    return;
  }
  scenarios = list.rows;
  maxRuns = list.params?.max_runs ?? null;
  const opts = () => scenarios.map((r) => h("option", { value: r.scenario_id }, r.scenario_id));
  const sel = document.getElementById("scen-id");
  sel.replaceChildren(...opts());
  sel.value = scenarios.some((r) => r.scenario_id === "taiwan-blockade-2027-6m") ? "taiwan-blockade-2027-6m" : scenarios[0].scenario_id;
  sel.addEventListener("change", () => describe(true));
  fill("cmp-a", ...opts());
  const cmpA = document.getElementById("cmp-a");
  cmpA.value = sel.value;
  const cmpRuns = () => {
    const r = scenarios.find((x) => x.scenario_id === cmpA.value);
    if (r) document.getElementById("cmp-runs").value = withinLimit(r.runs);
  };
  cmpA.addEventListener("change", cmpRuns);
  cmpRuns();
  fill("cmp-b", h("option", { value: "" }, defaultOther()), ...opts());
  document.getElementById("scen-form").addEventListener("submit", (e) => { e.preventDefault(); runScenario(); });
  document.getElementById("cmp-form").addEventListener("submit", (e) => { e.preventDefault(); runCompare(); });
  document.getElementById("scen-form").addEventListener("input", () => {
    clamped.scen = null; showLimit();
    stale("scen", run); offer("scen-offer"); offer("sobol-offer"); saveRun({ run: false, sobol: false });
  });
  document.getElementById("cmp-form").addEventListener("input", () => {
    clamped.cmp = null; showLimit();
    stale("cmp", cmp); offer("cmp-offer"); saveCompare(); });
  describe(true);
  const p = paramsFor("scenario"), q = paramsFor("compare");
  const known = (id) => scenarios.some((r) => r.scenario_id === id);
  if (p.get("id") && known(p.get("id"))) { sel.value = p.get("id"); describe(true); }
  else if (p.get("id")) unknown.scen = { id: p.get("id"), field: "scen-id" };
  for (const [key, id] of [["start", "scen-start"], ["duration", "scen-duration"]]) {
    if (p.get(key)) document.getElementById(id).value = p.get(key);
  }
  if (p.get("runs")) restoreRuns("scen", p.get("runs"));
  if (p.get("alliance")) document.getElementById("scen-alliance").checked = p.get("alliance") === "1";
  const samples = document.getElementById("sobol-samples");
  if ([...samples.options].some((o) => o.value === p.get("samples"))) samples.value = p.get("samples");
  if (q.get("a") && known(q.get("a"))) cmpA.value = q.get("a");
  else if (q.get("a")) unknown.cmp = { id: q.get("a"), field: "cmp-a" };
  if (q.get("b") && known(q.get("b"))) document.getElementById("cmp-b").value = q.get("b");
  else if (q.get("b")) unknown.cmp = { id: q.get("b"), field: "cmp-b" };
  if (q.get("runs")) restoreRuns("cmp", q.get("runs"));
  if (q.get("split") === "1" && !document.getElementById("cmp-b").value) {
    const seed = /^[0-9]+$/.test(q.get("split_seed") || "") ? Number(q.get("split_seed")) : null;
    askSplit(cmpA.value, document.getElementById("cmp-runs").value, seed); // offered, not run
  }
  relabel();
  showUnknown();
  // a shared link restores the form; a run it asks for starts by itself only when it is no
  // bigger than the scenario's own run count (as the CLI runs it); a larger run, and any
  // Sobol analysis, waits for the user to press Run on a box that says what it costs; so does a
  // run whose count was lowered to the server's limit (the note above the form says so)
  const ownRuns = (id) => scenarios.find((r) => r.scenario_id === document.getElementById(id).value)?.runs;
  if (p.get("run") === "1" && !unknown.scen) {
    const runs = Number(document.getElementById("scen-runs").value);
    if (clamped.scen !== null) offer("scen-offer", ["offer_start", {}], ["offer_button", { runs }], runScenario);
    else if (runs <= ownRuns("scen-id")) runScenario();
    else offer("scen-offer", ["offer_run", { runs }], ["offer_button", { runs }], runScenario);
  }
  if (q.get("run") === "1" && !unknown.cmp) {
    const runs = Number(document.getElementById("cmp-runs").value);
    if (clamped.cmp !== null) offer("cmp-offer", ["offer_start", {}], ["offer_button", { runs: 2 * runs }], runCompare);
    else if (runs <= ownRuns("cmp-a")) runCompare();
    else offer("cmp-offer", ["offer_compare", { runs }], ["offer_button", { runs: 2 * runs }], runCompare);
  }
  if (p.get("sobol") === "1") offerSobol();
}

// The largest run count the run fields accept (multiples of 10 up to the server's limit).
function withinLimit(runs) {
  if (!maxRuns) return runs;
  return Math.min(runs, maxRuns >= 10 ? Math.floor(maxRuns / 10) * 10 : maxRuns);
}

// A run count from a shared link: one above the server's limit is lowered to it, and the page
// says so (a run the server would refuse is never offered); one that is not a whole number of
// at least 1 ("abc", "0") is no run count: the field keeps the scenario's own.
function restoreRuns(prefix, value) {
  if (!/^[1-9][0-9]*$/.test(value.trim())) return;
  const asked = Number(value);
  const runs = withinLimit(asked);
  clamped[prefix] = runs < asked ? asked : null;
  document.getElementById(`${prefix}-runs`).value = String(runs);
  showLimit();
}

// The server's limit on the run fields (their `max`, and beside them in words), and the note on
// a link's run count that was lowered to it.
function showLimit() {
  for (const prefix of ["scen", "cmp"]) {
    const input = document.getElementById(`${prefix}-runs`);
    if (maxRuns) {
      input.max = String(maxRuns);
      if (maxRuns < 10) { input.min = "1"; input.step = "1"; }
    }
    document.getElementById(`${prefix}-runs-limit`).textContent = maxRuns ? t("runs_limit", { max: fmtNum(maxRuns, 0) }) : "";
    const note = document.getElementById(`${prefix}-limit`);
    const asked = clamped[prefix];
    note.hidden = asked === null;
    note.textContent = asked === null ? "" : t("runs_clamped", { asked: fmtNum(asked, 0), max: fmtNum(withinLimit(asked), 0) });
  }
}

// The scenario ids a link asked for that this server does not have, each in its view's error box
// in the page's language (again after a switch of language), until that form runs.
function showUnknown() {
  for (const [prefix, view] of [["scen", "scenario"], ["cmp", "compare"]]) {
    const asked = unknown[prefix];
    if (!asked) continue;
    const field = document.getElementById(asked.field);
    const shown = field.options[field.selectedIndex]?.textContent ?? "";
    showError(new Error(t("link_unknown_scenario", { id: asked.id, shown })), view);
  }
}

// The form's live region in the page's language: what it last said, said again (`body`: the
// result on screen).
function reannounce(prefix, body) {
  const said = announced[prefix];
  const text = said === "cancelled" ? t("cancelled") : said === "summary" ? body?.summary_text[lang] : null;
  const box = document.getElementById(`${prefix}-announce`);
  if (text && box.textContent !== text) box.textContent = text;
}

// The results on screen no longer match the form: say so until the next run.
function stale(prefix, shown) {
  const mark = Boolean(shown);
  document.getElementById(`${prefix}-stale`).hidden = !mark;
  document.getElementById(`${prefix}-result`).classList.toggle("stale", mark);
}

// The runner's state in the URL, with the Sobol panel's sample count (when not the default) and
// whether a run or a Sobol analysis was made: `flags.run`/`flags.sobol` true or false set or
// clear it, absent keeps what the URL says.
export function saveRun(flags = {}) {
  const changed = changedFields();
  const prior = paramsFor("scenario");
  const flag = (key) => (key in flags ? (flags[key] ? "1" : null) : prior.get(key));
  const samples = document.getElementById("sobol-samples");
  const fallback = [...samples.options].find((o) => o.defaultSelected);
  setParams("scenario", {
    id: changed.scenario, start: changed.start_year, duration: changed.duration_weeks,
    alliance: changed.alliance_fabs === undefined ? null : changed.alliance_fabs ? "1" : "0",
    runs: document.getElementById("scen-runs").value, run: flag("run"),
    samples: fallback && samples.value === fallback.value ? null : samples.value, sobol: flag("sobol"),
  });
}

// The comparison's state in the URL, with the split by fab shown for it or asked for by the
// link it was opened from (`split`, and its seed: `split_seed`).
function saveCompare(ran = false) {
  const a = document.getElementById("cmp-a").value, b = document.getElementById("cmp-b").value;
  const runs = document.getElementById("cmp-runs").value;
  const split = ran && !b ? splitState(a, runs) : null;
  setParams("compare", {
    a, b, runs, run: ran ? "1" : null, split: split ? "1" : null, split_seed: split ? split.seed : null,
  });
}

const titleOf = (r) => (lang === "ja" && r.title_ja ? r.title_ja : r.title);

// Option labels follow the language; the id stays the value.
function relabel() {
  showLimit();
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
  document.getElementById("scen-runs").value = withinLimit(r.runs);
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

// A run or comparison as a job: progress after a second, a Cancel button, errors in this view.
async function busy(prefix, view, kind, payload, done) {
  const button = document.getElementById(`${prefix}-run`);
  const box = document.getElementById(`${prefix}-progress`);
  const bar = document.getElementById(`${prefix}-progress-bar`);
  const text = document.getElementById(`${prefix}-progress-text`);
  const cancel = document.getElementById(`${prefix}-cancel`);
  const abort = new AbortController();
  const onCancel = () => abort.abort();
  cancel.addEventListener("click", onCancel, { once: true });
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t("scen_running");
  bar.removeAttribute("value");
  text.textContent = "";
  const timer = setTimeout(() => { box.hidden = false; cancel.focus(); }, 1000);
  try {
    const body = await runJob(kind, payload, {
      signal: abort.signal,
      onProgress: (s) => {
        if (s.total) { bar.max = s.total; bar.value = s.done; }
        text.textContent = t("progress", { done: fmtNum(s.done, 0), total: fmtNum(s.total || payload.runs || 0, 0), s: fmtNum(s.elapsed_s, 0) });
      },
    });
    showError(null, view);
    done(body);
    stale(prefix, null);
    announced[prefix] = "summary";
    document.getElementById(`${prefix}-announce`).textContent = body.summary_text[lang];
    document.getElementById(`${prefix}-result`).focus();
  } catch (err) {
    if (err.cancelled) {
      showError(null, view);
      announced[prefix] = "cancelled";
      document.getElementById(`${prefix}-announce`).textContent = t("cancelled");
    } else showError(err, view);
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener("click", onCancel);
    box.hidden = true;
    button.disabled = false;
    button.textContent = label;
  }
}

function runScenario() {
  offer("scen-offer");
  unknown.scen = null;
  // the bands column by column (less than half the answer's bytes), as rows again here
  const payload = { ...changedFields(), runs: Number(document.getElementById("scen-runs").value), bands: "table" };
  saveRun({ run: true });
  return busy("scen", "scenario", "run", payload, (body) => {
    run = { ...body, bands: tableRows(body.bands) };
    renderRun();
  });
}

function runCompare() {
  offer("cmp-offer");
  unknown.cmp = null;
  const other = document.getElementById("cmp-b").value;
  const payload = {
    scenario: document.getElementById("cmp-a").value,
    other: other || null,
    runs: Number(document.getElementById("cmp-runs").value),
  };
  saveCompare(true);
  return busy("cmp", "compare", "compare", payload, (body) => {
    cmp = body;
    renderCompare();
  });
}

// Every chart comes from the API as a Vega-Lite spec (chipshock.present.charts, the specs the
// report draws); the dashboard only embeds them. `charts` is the response's `charts[lang]`.
const SERIES = [
  ["output", "scen_output", "scen_output_note"],
  ["delivered", "scen_delivered", null],
  ["supply", "scen_supply", null],
];

// The p5/p50/p95 rows behind the band charts, every fourth week of the weeks that move.
function bandTable(bands) {
  const hit = bands.filter((r) => r.p5 < 99 || r.p50 < 99.5).map((r) => r.week);
  const [w0, w1] = hit.length ? [Math.min(...hit) - 13, Math.max(...hit) + 104] : [-Infinity, Infinity];
  const first = Math.max(w0, Math.min(...bands.map((r) => r.week)));
  const sample = bands.filter((r) => r.week >= w0 && r.week <= w1 && (r.week - first) % 4 === 0);
  const label = (r) => (r.series === "supply_pct_of_demand" ? nodeLabel(String(r.key)) : marketLabel(String(r.key)));
  return details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(sample, [
    { key: "date", label: t("col_week_date") },
    { key: "key", label: `${t("col_market")} / ${t("col_node")}`, fmt: (_v, r) => label(r) },
    ...PERCENTILES.map((p) => ({ key: p, label: t("col_pctl_pct", { p }), num: true, fmt: (v) => fmtCellNumber(v, 1) })),
  ])));
}

// The percentile columns of every table under a chart, in one order.
const PERCENTILES = ["p5", "p50", "p95"];

// Band charts in reading order (output of end products, chips delivered, supply by node class),
// one column per result; `results`: [{name, charts, bands}], `charts` already in the language.
export function bandSections(results) {
  const out = [];
  for (const [key, head, note] of SERIES) {
    const figs = results.map((r) => (r.charts[key]
      ? chart(r.charts[key], undefined, { "data-chart": key, source: r.meta })
      : h("p", { class: "muted" }, t("scen_no_series"))));
    out.push(h("h3", {}, t("scen_band_head", { head: t(head) })));
    if (note) out.push(h("p", { class: "muted" }, t(note)));
    if (results.length > 1) {
      out.push(h("div", { class: "grid" }, results.map((r, i) => h("div", {}, h("h4", {}, r.name), figs[i]))));
    } else out.push(figs[0]);
  }
  if (results.some((r) => r.charts.output || r.charts.delivered)) out.push(h("p", { class: "muted" }, t("shock_note")));
  for (const r of results) if (r.bands?.length) out.push(bandTable(r.bands));
  return out;
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
      row[k] = r ? fmtBand(fmtKpiCell(r, "p50"), fmtKpiCell(r, "p5"), fmtKpiCell(r, "p95")) : "–";
    }
    return row;
  });
  // "≥ N" weeks to recover: not back to normal by the horizon end (kpis' censored_at)
  const censored = kpis.some((r) => names.includes(r.kpi) && r.not_recovered_pct > 0);
  return h("div", {}, table(rows, [
    { key: "market", label: t("col_market"), fmt: (v) => marketLabel(v) },
    ...present.map((k) => ({ key: k, label: kpiLabel(k), num: true })),
  ]), h("p", { class: "muted" }, t("kpi_note") + (censored ? ` ${t("kpi_censored_note")}` : "")));
}

function kpiTables(kpis) {
  return [h("h3", {}, t("scen_kpis_output")), kpiTable(kpis, OUTPUT_KPIS),
    h("h3", {}, t("scen_kpis_chips")), kpiTable(kpis, CHIP_KPIS)];
}

const row = (kpis, kpi, market) => kpis.find((r) => r.kpi === kpi && r.market === market);

// The hardest-hit market: the one losing most weeks of output (as the engine's summary ranks);
// "all" (the cards then give all markets) when the summary names none: no market loses output.
function worstMarket(result) {
  if (result.summary?.worst_market) return result.summary.worst_market;
  if (result.summary && "worst_market" in result.summary) return "all";
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
  if (peak) out.push(card(t("card_peak", { m }), t("card_peak_v", { v: fmtPct(100 - peak.p50, 0) })));
  const weeks = row(kpis, "output_lost_weeks", "all");
  if (weeks) out.push(card(t("card_weeks"), t("card_weeks_v", { v: fmtWeeks(weeks.p50) })));
  const rec = row(kpis, "weeks_to_recover", wm);
  if (rec) out.push(card(t("card_recover", { m }), fmtKpiCell(rec, "p50")));
  const loss = row(kpis, "loss_usd_bn", "all");
  // with its 90% range (p5–p95), as the comparison's cards and the report give it
  if (loss) out.push(card(t("card_loss"), fmtKpi("loss_usd_bn", loss.p50), t("cmp_avoided_range", { lo: fmtKpi("loss_usd_bn", loss.p5), hi: fmtKpi("loss_usd_bn", loss.p95) })));
  const chips = row(kpis, "peak_weekly_shortfall_pct", wm);
  if (chips) out.push(card(t("card_chips", { m }), t("card_chips_v", { v: fmtPct(100 - chips.p50, 0) })));
  return h("div", { class: "cards" }, out);
}

// The unit of a data row's value (the API's `unit`: chipshock.sim.assumptions.VALUE_UNITS) in
// the page's language: the catalogue's data_unit.<unit>, else as the data writes it.
function dataUnit(u) {
  if (!u) return "";
  const s = t(`data_unit.${u}`);
  return s === `data_unit.${u}` ? u : s;
}

// Every data row the run uses, with the report's column names (File, Row, Value, Unit, ...).
function assumptions(rows, meta) {
  return h("div", { class: "assumption-rows" }, details(t("scen_assumptions"), h("div", { class: "scroll" }, table(rows, [
    { key: "file", label: t("col_data_file") }, { key: "id", label: t("col_row") },
    { key: "value", label: t("col_value"), num: true, fmt: (v) => (typeof v === "number" ? asWritten(v, 3) : v ?? "–") },
    { key: "unit", label: t("col_unit"), fmt: (v) => dataUnit(v) },
    { key: "as_of", label: t("col_as_of") }, { key: "confidence", label: t("col_confidence"), fmt: (v) => confidenceLabel(v) },
    { key: "source_url", label: t("col_source") },
  ]))), h("p", { class: "source" }, sourceLine(meta)));
}

// Each node class's normal utilisation in the shock year as the run used it (the API's
// utilisation_meta.class_utilisation: chipshock.present.utilisation.class_utilisation_rows, the
// numbers of the CLI's caption and the report's note), each with the data row behind it.
function classUtilisation(meta) {
  const rows = meta?.class_utilisation || [];
  if (!rows.length) return null;
  const year = meta.shock_year;
  return h("section", { id: "scen-class-utilisation", "aria-labelledby": "scen-class-utilisation-title" },
    h("h3", { id: "scen-class-utilisation-title" }, t("util_class_title", { year })),
    h("p", { class: "muted" }, t("util_class_note", { year })),
    table(rows, [
      { key: "node_class", label: t("util_class_col_class"), fmt: (v) => nodeLabel(v) },
      { key: "utilisation_pct", label: t("util_class_col_pct"), num: true, fmt: (v) => fmtPct(v, 1) },
      { key: "file", label: t("col_data_file") }, { key: "id", label: t("col_row") },
      { key: "as_of", label: t("col_as_of"), fmt: (v) => v ?? "–" },
      { key: "confidence", label: t("col_confidence"), fmt: (v) => confidenceLabel(v) },
      { key: "source_url", label: t("col_source"), fmt: (v) => v ?? "–" },
    ]));
}

// "China (CHN)": the name the charts use (the API's `country_names`), with its code.
function countryName(names, code) {
  const name = names?.[lang]?.[code];
  if (!name || name === code) return code;
  return lang === "ja" ? `${name}（${code}）` : `${name} (${code})`;
}

// p5, p50, p95 columns of USD amounts
const usdColumns = () => PERCENTILES.map((p) => ({ key: p, label: p, num: true, fmt: (v) => fmtKpi("loss_usd_bn", v) }));

// Gross output at risk by country and value added lost by country, each named for what it is,
// with the p5–p95 range in the tables.
function countryLoss(rows, spec, id, names, meta) {
  if (!rows || !rows.length || !spec) return null;
  const sorted = [...rows].sort((a, b) => b.p50 - a.p50);
  return h("div", {},
    chart(spec, undefined, { id, source: meta }),
    details(t("show_table"), table(sorted, [
      { key: "country", label: t("col_country"), fmt: (v) => countryName(names, v) },
      ...usdColumns(),
    ])));
}

// Value added lost by country x end market: the heat map, and every cell in a table.
function countryMarket(result, spec) {
  const rows = (result.value_added_by_country_market || [])
    .filter((r) => r.measure === "value_added_lost" && !ALL.includes(r.market) && r.p50 > 1e-6);
  if (!rows.length || !spec) return null;
  const sorted = [...rows].sort((a, b) => b.p50 - a.p50);
  return h("div", {},
    chart(spec, undefined, { id: "scen-country-market", source: result.meta }),
    details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(sorted, [
      { key: "country", label: t("col_country"), fmt: (v) => countryName(result.country_names, v) },
      { key: "market", label: t("col_market"), fmt: (v) => marketLabel(v) },
      ...usdColumns(),
    ]))));
}

// A country shock: loss by country counts only output lost for lack of chips, not the
// shock's direct damage in the shocked country (the API's meta, review 16 #10).
function countryScope(meta) {
  const note = meta && (lang === "ja" ? meta.loss_by_country_note_ja : meta.loss_by_country_note);
  return note ? h("p", { class: "muted", id: "scen-country-scope" }, note) : null;
}

function economy(result, charts) {
  const va = (result.value_added_by_country || []).filter((r) => r.measure === "value_added_lost");
  return [
    h("h3", {}, t("scen_economy")),
    h("p", { class: "muted" }, t("country_loss_note")),
    countryLoss(result.loss_by_country, charts.loss_country, "scen-country-loss", result.country_names, result.meta),
    countryScope(result.meta),
    countryLoss(va, charts.value_added, "scen-value-added", result.country_names, result.meta),
    countryMarket(result, charts.country_market),
  ];
}

// What the scenario sets beside its shocks (stocks, priorities, fab overrides: the API's
// `settings`, the lines `chipshock scenario run` prints under its heading), one item each;
// a comparison whose sides differ lists each side under its name.
export function settingsList(sides, id) {
  const lists = sides.map(([name, body]) => [name, (body?.settings || {})[lang] || []]);
  const same = lists.every(([, lines]) => lines.join("\n") === lists[0][1].join("\n"));
  const items = (lines) => h("ul", { class: "settings" }, ...lines.map((l) => h("li", {}, l)));
  if (!lists.some(([, lines]) => lines.length)) return null;
  return h("section", { id, "aria-labelledby": `${id}-head` },
    h("h3", { id: `${id}-head` }, t("scen_settings")),
    ...(same ? [items(lists[0][1])] : lists.map(([name, lines]) => h("div", {}, h("h4", {}, name), items(lines)))));
}

export function renderRun() {
  describe();
  showUnknown();
  reannounce("scen", run);
  if (!run) return;
  // the run as it was made: a changed start year or duration is said in its title and text
  const sc = run.scenario || {};
  const runTitle = lang === "ja" && sc.title_ja ? sc.title_ja : sc.title;
  const runText = lang === "ja" && sc.description_ja ? sc.description_ja : sc.description;
  if (runTitle && runText) document.getElementById("scen-description").textContent = `${runTitle} — ${runText}`;
  const runCharts = chartsIn(run, lang); // the tables come once, in `chart_data`
  fill("scen-result", 
    h("h3", {}, t("scen_summary")),
    h("p", { class: "summary", id: "scen-summary" }, run.summary_text[lang]),
    settingsList([["", run]], "scen-settings"),
    cards(run),
    ...bandSections([{ name: "", charts: runCharts, bands: run.bands, meta: run.meta }]),
    ...economy(run, runCharts),
    utilisationSection(run, "scen-utilisation"),
    ...kpiTables(run.kpis),
    classUtilisation(run.utilisation_meta),
    assumptions(run.assumptions, run.meta));
}

// delta = second − first per run; "avoided" by the better side is positive.
function avoidedRows(delta, flip) {
  return delta.map((r) => (flip ? { ...r } : { ...r, mean: -r.mean, p5: -r.p95, p50: -r.p50, p95: -r.p5 }));
}

//: plot height of the avoided-loss histogram, px: the report draws it 100 px high to keep its
//: page; the dashboard's lead chart has the room, and at 100 px a phone showed bars a few
//: pixels tall under the percentile labels
export const AVOIDED_HEIGHT_PX = 220;

// The lead chart, as the report's: what the better side avoids run by run (a histogram with
// p5, p50 and p95 marked; `chipshock.present.avoided_chart`), its text alternative under it and
// its source line (`cmp.avoided` gives the same numbers); drawn taller than the report's.
function avoidedChart(spec, meta) {
  const fig = chart({ ...spec, height: AVOIDED_HEIGHT_PX }, undefined, { id: "cmp-avoided-chart", source: meta });
  fig.append(h("p", { class: "source" }, sourceLine(meta)));
  return fig;
}

// The "Compare with" default in words that fit the closed dropdown: on a phone (390 px) the
// whole phrase was cut off, so a shorter one there.
const defaultOther = () => t(window.innerWidth < 600 ? "cmp_default_short" : "cmp_default");

export function renderCompare() {
  relabel();
  const b = document.getElementById("cmp-b").options[0];
  if (b) b.textContent = defaultOther();
  reannounce("cmp", cmp);
  if (!cmp) return;
  const [nameA, nameB] = cmp.labels[lang];
  const head = cmp.headline?.output_lost_weeks_avoided;
  // the first side loses less: it is the one that avoids (the API's `better`, the rule of every
  // surface; at a median tie, null, the side that loses less on average, as the API's
  // `avoided.first_is_better` and the report orient it, else the second side against the first)
  const flip = cmp.better ? cmp.better === "a"
    : (cmp.avoided ? cmp.avoided.first_is_better : (head ? head.p50 < 0 : false));
  const [better, worse] = flip ? [nameA, nameB] : [nameB, nameA];
  const avoided = avoidedRows(cmp.delta, flip);
  const allRow = (k) => avoided.find((r) => r.kpi === k && ALL.includes(r.market));
  const weeks = allRow("output_lost_weeks"), usd = allRow("loss_usd_bn");
  const range = (k, r) => t("cmp_avoided_range", { lo: fmtKpi(k, r.p5), hi: fmtKpi(k, r.p95) });
  const avoidedCards = h("div", { class: "cards", id: "cmp-avoided" },
    weeks ? card(t("cmp_avoided_weeks"), t("card_weeks_v", { v: fmtWeeks(weeks.p50) }), range("output_lost_weeks", weeks)) : null,
    usd ? card(t("cmp_avoided_usd"), fmtKpi("loss_usd_bn", usd.p50), range("loss_usd_bn", usd)) : null);
  // each side's total with its band: the first number quoted (review12 #1)
  const total = (r) => r.kpis.find((k) => k.kpi === "loss_usd_bn" && ALL.includes(k.market));
  const totalCard = (name, r) => (r ? card(name, fmtKpi("loss_usd_bn", r.p50), range("loss_usd_bn", r)) : null);
  const totals = [total(cmp.a), total(cmp.b)];
  const totalCards = totals.some(Boolean) ? [
    h("h3", {}, t("cmp_totals_title")),
    h("div", { class: "cards", id: "cmp-totals" }, totalCard(nameA, totals[0]), totalCard(nameB, totals[1])),
    h("p", { class: "muted", id: "cmp-totals-note" }, t("cmp_totals_note")),
  ] : [];
  // what each scenario is and leaves out, as its description says; a paragraph the other side
  // already gave is not repeated (the default comparison runs one scenario twice)
  const seen = new Set();
  const about = [[nameA, cmp.scenario_a], [nameB, cmp.scenario_b]].map(([name, sc]) => {
    const text = (lang === "ja" && sc?.description_ja) || sc?.description || "";
    const paras = text.split("\n\n").map((p) => p.trim()).filter((p) => p && !seen.has(p));
    paras.forEach((p) => seen.add(p));
    return paras.length ? h("div", {}, h("h4", {}, name), ...paras.map((p) => h("p", { class: "muted" }, p))) : null;
  }).filter(Boolean);
  const aboutSection = about.length ? [h("h3", {}, t("cmp_about")), h("div", { id: "cmp-about" }, ...about)] : [];
  const charts = chartsIn(cmp, lang);
  const side = (prefix) => Object.fromEntries(Object.entries(charts)
    .filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const sides = [{ name: nameA, charts: side("a."), meta: cmp.meta }, { name: nameB, charts: side("b."), meta: cmp.meta }];
  fill("cmp-result", 
    h("h3", {}, t("scen_summary")),
    h("p", { class: "summary", id: "cmp-summary" }, cmp.summary_text[lang]),
    settingsList([[nameA, cmp.a], [nameB, cmp.b]], "cmp-settings"),
    ...totalCards,
    h("h3", {}, t("cmp_avoided_title", { better, worse })),
    avoidedCards,
    charts.avoided ? avoidedChart(charts.avoided, cmp.meta) : null,
    // the default comparison (the alliance fabs off, then on) split by fab, on demand
    cmp.params.other ? null : contributionsSection(cmp.params.scenario, cmp.params.runs, {
      // the URL says which split is on screen, unless the form moved on since the comparison
      onShown: () => { if (document.getElementById("cmp-stale").hidden) saveCompare(true); },
    }),
    ...aboutSection,
    charts.compare ? chart(charts.compare, undefined, { id: "cmp-main", source: cmp.meta }) : null,
    charts.loss_market ? chart(charts.loss_market, undefined, { id: "cmp-loss", source: cmp.meta }) : null,
    ...bandSections(sides),
    compareUtilisationSection(cmp, [nameA, nameB], "cmp-utilisation"),
    h("h3", {}, t("cmp_avoided_table", { better, worse })),
    kpiTable(avoided, [...OUTPUT_KPIS, ...CHIP_KPIS]),
    assumptions(cmp.a.assumptions, cmp.meta));
}
