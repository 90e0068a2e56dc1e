// Who makes each market's chips (GET /api/sourcing, the rows of `chipshock sourcing`): for one
// end market, node class and year, each operator's (region's, fab's) share of the market's
// wafers as sourcing_shares.csv gives it (sourced) beside the share the engine serves once no
// fab is given more orders than its capacity allows (served), with each row's source, date and
// confidence. The numbers, the method of each row and the caption are the API's; this module
// only sorts, draws and labels them. Without the alliance fabs (the fabs of /api/scenarios'
// `alliance_fabs`, switched off as in the scenario view), the request names them in `fabs_off`.
// State in the URL: #sourcing?market=…&node=…&year=…&by=…&alliance=0
import { errorText, getJSON, showError } from "./api.js";
import { fill, h, sourceLine, table, wrapLines } from "./dom.js";
import { countryName, fmtCellNumber, fmtPct, lang, marketLabel, nodeLabel, t } from "./i18n.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "sourcing";
//: what the view shows when its link names nothing (the README's example: cars' 28–45 nm)
export const DEFAULTS = { market: "automotive", node: "n28_45", year: "2027", by: "operator", alliance: "1" };
//: how many rows the chart draws (the largest by sourced or served share); the table has all
export const CHART_ROWS = 12;

let answer = null;
// the alliance fabs' ids (GET /api/scenarios: params.alliance_fabs), sorted as the API sorts
// `fabs_off`
let allianceFabs = [];
// the request of the answer shown (on the result box as data-request, for tests and tools)
let shownUrl = null;
// the latest request (the answer shown, or one on its way)
let requestedUrl = null;
// what a link asked for that the server refused (its error: its message is said in the page's
// language when the view is drawn), said until the reader picks
let refused = null;
// the server's error for the latest request, when it refused it (said in the view)
let failed = null;
// the latest request: an older answer arriving after a newer one is dropped
let asked = 0;

export function sourcingUrl({ market, node, year, by, alliance }) {
  const q = new URLSearchParams({ year, markets: market, nodes: node, by });
  if (alliance === "0") for (const fab of allianceFabs) q.append("fabs_off", fab);
  return `/api/sourcing?${q}`;
}

const form = () => ({
  market: document.getElementById("src-market").value,
  node: document.getElementById("src-node").value,
  year: document.getElementById("src-year").value.trim(),
  by: document.getElementById("src-by").value,
  alliance: document.getElementById("src-alliance").checked ? "1" : "0",
});

export async function initSourcing() {
  const p = paramsFor(VIEW);
  const want = Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, p.get(k) || v]));
  allianceFabs = [...(await getJSON("/api/scenarios")).params.alliance_fabs].sort();
  shownUrl = sourcingUrl(want);
  try {
    answer = await getJSON(shownUrl);
  } catch (err) {
    if (err.status !== 404 && err.status !== 422) throw err;
    refused = err; // a link to a market, class, grouping or year the API refuses
    shownUrl = sourcingUrl(DEFAULTS);
    answer = await getJSON(shownUrl);
  }
  requestedUrl = shownUrl;
  const choices = answer.choices; // what a request may name, in the engine's order
  const options = (id, values, label) => {
    document.getElementById(id).replaceChildren(...values.map((v) => h("option", { value: v }, label(v))));
  };
  options("src-market", choices.markets, marketLabel);
  options("src-node", choices.nodes, nodeLabel);
  options("src-by", choices.by, (v) => t(`src_by_${v}`));
  const year = document.getElementById("src-year");
  [year.min, year.max] = choices.years.map(String);
  setForm(answer.params);
  if (refused) setParams(VIEW, linkParams(answer.params)); // the link now says what is shown
  const controls = document.getElementById("src-form");
  controls.addEventListener("change", load);
  // Enter in the year field: a change (and, the year being the form's only text field, a
  // submit, which asks nothing more when the change has asked already)
  controls.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  renderSourcing();
}

function setForm(params) {
  document.getElementById("src-market").value = params.markets[0];
  document.getElementById("src-node").value = params.nodes[0];
  document.getElementById("src-year").value = String(params.year);
  document.getElementById("src-by").value = params.by;
  document.getElementById("src-alliance").checked = !params.fabs_off.length;
}

// the link's parameters (the form's, or an answer's `params`): those that differ from the
// defaults
function linkParams(p) {
  const now = p.markets
    ? { market: p.markets[0], node: p.nodes[0], year: String(p.year), by: p.by, alliance: p.fabs_off.length ? "0" : "1" }
    : p;
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v === DEFAULTS[k] ? "" : v]));
}

async function load() {
  const want = form();
  const url = sourcingUrl(want);
  if (url === requestedUrl) return; // asked already
  requestedUrl = url;
  const mine = ++asked;
  setParams(VIEW, linkParams(want));
  let body;
  try {
    body = await getJSON(url);
  } catch (err) {
    if (mine !== asked) return;
    // the server's message names the field, the value and what it accepts; the figures of
    // the last answer are not left under controls that no longer match them
    answer = null;
    refused = null;
    failed = err;
    shownUrl = requestedUrl = null;
    delete fill("src-result").dataset.request;
    renderSourcing();
    return;
  }
  if (mine !== asked) return;
  answer = body;
  shownUrl = url;
  refused = failed = null;
  showError(null, VIEW);
  renderSourcing();
}

// ---- words ---------------------------------------------------------------------------------

// A row's name in the page's language: "other fabs" remainders in Japanese words (the API
// names them in English), a fab by its Japanese name (the API's name_ja), everything else as
// the data names it.
function rowName(r, by) {
  if (lang !== "ja") return r.name;
  const key = String(r[by]);
  if (by === "operator" && key.startsWith("other fabs ")) return `${t("util_other_operator")}（${countryName(key.slice(11))}）`;
  if (by === "region") return countryName(key); // 台湾, not TWN
  if (by === "producer" && key.startsWith("other:")) {
    const [, region, node] = key.split(":");
    return t("util_other", { region: countryName(region), node: nodeLabel(node) });
  }
  return r.name_ja || r.name; // a fab's producer: fabs.csv's Japanese name, where given
}

// A row's regions ("USA, TWN") by their names in the page's language: 米国、台湾.
const regionNames = (codes) => String(codes || "").split(",").map((c) => c.trim()).filter(Boolean)
  .map(countryName).join(lang === "ja" ? "、" : ", ");

// A row's method in the page's language, from the API's structured fields (`method_kind`, one of
// five kinds, and `row_share_pct`, the share of the operator's sourcing row): the market's own
// rows (in English named by the id sourcing_shares.csv writes), the class's `all` rows, the
// rest by capacity, by capacity, or a sourced operator with no fab with capacity in the year.
// A kind this page does not know is shown in the API's English words (`method`).
const METHOD_KINDS = ["market_rows", "all_rows", "rest", "capacity", "unplaced"];
export function methodText(r) {
  if (!METHOD_KINDS.includes(r.method_kind)) return r.method;
  const key = `src_method_${r.method_kind}`;
  if (r.method_kind === "market_rows") return t(key, { market: lang === "ja" ? marketLabel(r.market) : r.market });
  if (r.method_kind === "unplaced") return t(key, { share: String(r.row_share_pct), year: r.year });
  return t(key);
}

const low = (r) => r.confidence === "low";
const confidenceText = (v) => (v ? t(`conf_${v}`) : "–");
const pct = (v) => fmtPct(v, 1);

// Rows sorted as drawn: largest sourced share first, then largest served (the API sorts by
// served); the same order in the chart and the table.
export function sortedRows(rows) {
  return [...rows].sort((a, b) => b.sourced_pct - a.sourced_pct || b.served_pct - a.served_pct);
}

// The rows the chart draws: the CHART_ROWS largest by the larger of their two shares, in the
// table's order.
export function chartRows(rows) {
  if (rows.length <= CHART_ROWS) return rows;
  const size = (r) => Math.max(r.sourced_pct, r.served_pct);
  const keep = new Set([...rows].sort((a, b) => size(b) - size(a)).slice(0, CHART_ROWS));
  return rows.filter((r) => keep.has(r));
}

const FONT = "Noto Sans, Noto Sans CJK JP, DejaVu Sans, sans-serif";
// the names' font on the axis (the chart's config: 12 px) and the height of one of their lines
const LABEL_FONT = `12px ${FONT}`;
const LINE_PX = 14;

// Paired bars: per row its sourced share (blue) above its served share (orange), with the
// rows' names on the left, whole: a name wider than 40% of the screen (at most 260 px) goes on
// lines, and every row is as tall as the longest name needs; a low-confidence sourced share
// is marked "*" in its name.
function spec(rows, by, what) {
  const names = [t("src_sourced"), t("src_served")];
  const label = (r) => `${rowName(r, by)}${low(r) ? " *" : ""}`;
  const namePx = Math.round(Math.min(260, Math.max(100, 0.4 * window.innerWidth)));
  // the axis' text: the name's lines joined by "\n" (split again by the axis' labelExpr)
  const axisName = (r) => wrapLines(label(r), namePx, LABEL_FONT).join("\n");
  const values = rows.flatMap((r) => [
    { row: axisName(r), measure: names[0], pct: r.sourced_pct, text: pct(r.sourced_pct) },
    { row: axisName(r), measure: names[1], pct: r.served_pct, text: pct(r.served_pct) },
  ]);
  const lines = Math.max(1, ...values.map((v) => v.row.split("\n").length));
  // room right of the longest bar for its value
  const top = Math.max(...values.map((v) => v.pct));
  // the axis' title on lines no wider than the plot, what is left of the page beside the names
  // (on a 390 px phone it ran past the chart's right edge: "…in the clas")
  const plotPx = Math.max(120, Math.min(document.documentElement.clientWidth, 1200) - namePx - 60);
  const xTitle = wrapLines(t("src_axis"), plotPx, `bold ${LABEL_FONT}`);
  const list = rows.map((r) => `${label(r)} ${pct(r.sourced_pct)} / ${pct(r.served_pct)}`).join("; ");
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: t("src_chart", what),
    description: t("src_alt", { ...what, list }),
    width: "container",
    autosize: { type: "fit-x", contains: "padding" },
    height: Math.max(30, lines * LINE_PX + 10) * rows.length,
    data: { values },
    encoding: {
      y: {
        field: "row", type: "nominal", sort: rows.map(axisName), title: null,
        // no cut: the lines are as wide as the names' room
        axis: { labelLimit: 0, labelExpr: "split(datum.label, '\\n')", labelLineHeight: LINE_PX },
      },
      yOffset: { field: "measure", type: "nominal", sort: names },
      x: { field: "pct", type: "quantitative", title: xTitle.length > 1 ? xTitle : xTitle[0], scale: { domain: [0, top * 1.2] }, axis: { tickCount: 6 } },
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          color: {
            field: "measure", type: "nominal", title: null, sort: names,
            scale: { domain: names, range: ["#0072B2", "#D55E00"] },
            legend: { orient: "bottom", direction: "horizontal", labelLimit: 320 },
          },
        },
      },
      // each bar's value at its end, in the text colour (the table has them too)
      { mark: { type: "text", align: "left", dx: 3, fontSize: 11, color: "#1d1d1f" }, encoding: { text: { field: "text" } } },
    ],
    config: {
      font: FONT,
      axis: { labelFontSize: 12, titleFontSize: 12, gridColor: "#e5e5e5" },
      legend: { labelFontSize: 12, titleFontSize: 12 },
      view: { stroke: null },
    },
  };
}

// The largest move from sourced to served, down and up (a plain reading of the figures).
function moves(rows, by) {
  if (!rows.length) return [];
  const change = (r) => r.served_pct - r.sourced_pct;
  const down = rows.reduce((a, b) => (change(b) < change(a) ? b : a));
  const up = rows.reduce((a, b) => (change(b) > change(a) ? b : a));
  const say = (key, r) => t(key, { name: rowName(r, by), sourced: pct(r.sourced_pct), served: pct(r.served_pct) });
  return [change(down) < -0.05 ? say("src_down", down) : null, change(up) > 0.05 ? say("src_up", up) : null].filter(Boolean);
}

export function renderSourcing() {
  for (const o of document.getElementById("src-market").options) o.textContent = marketLabel(o.value);
  for (const o of document.getElementById("src-node").options) o.textContent = nodeLabel(o.value);
  for (const o of document.getElementById("src-by").options) o.textContent = t(`src_by_${o.value}`);
  if (refused !== null && answer) {
    const p = answer.params;
    const shown = `${marketLabel(p.markets[0])}, ${nodeLabel(p.nodes[0])}, ${p.year}`;
    showError(new Error(t("src_refused", { detail: errorText(refused), shown })), VIEW);
  }
  if (failed !== null) showError(new Error(t("src_error", { detail: errorText(failed) })), VIEW);
  if (!answer) return;
  document.getElementById("src-result").dataset.request = shownUrl;
  const p = answer.params, by = p.by;
  const what = { market: marketLabel(p.markets[0]), node: nodeLabel(p.nodes[0]), year: p.year };
  const without = !p.fabs_off.length ? "" : lang === "ja" ? `（${t("cap_without")}）` : ` (${t("cap_without")})`;
  const rows = sortedRows(answer.rows);
  if (!rows.length) { fill("src-result", h("p", { class: "note" }, t("src_none", what))); return; }
  const drawn = chartRows(rows);
  const anyLow = rows.some(low);
  const nameHead = { operator: t("col_operator"), region: t("col_region"), producer: t("col_fab") }[by];
  fill("src-result",
    h("h3", { id: "src-heading" }, t("src_heading", what) + without),
    // what the two shares mean and why they differ: the API's own caption
    h("p", { class: "note", id: "src-caption" }, lang === "ja" ? answer.caption_ja : answer.caption),
    moves(rows, by).length ? h("ul", { id: "src-moves" }, moves(rows, by).map((m) => h("li", {}, m))) : null,
    chart(spec(drawn, by, what), t("src_fig_caption"), { "data-chart": "sourcing", source: answer.meta }),
    drawn.length < rows.length ? h("p", { class: "muted", id: "src-top" }, t("src_chart_top", { n: drawn.length, total: rows.length })) : null,
    anyLow ? h("p", { class: "muted", id: "src-low" }, t("src_low_note")) : null,
    h("div", { class: "scroll src-table", tabindex: "0", id: "src-table" }, table(rows, [
      { key: by, label: nameHead, fmt: (_v, r) => rowName(r, by) },
      by === "region" ? null : { key: "regions", label: t("src_col_regions"), fmt: (v) => regionNames(v) },
      { key: "sourced_pct", label: t("src_col_sourced"), num: true, fmt: pct },
      { key: "served_pct", label: t("src_col_served"), num: true, fmt: pct },
      { key: "served_kwspm", label: t("src_col_orders"), num: true, fmt: (v) => fmtCellNumber(v, 1) },
      { key: "method", label: t("src_col_method"), fmt: (_v, r) => methodText(r) },
      // a low-confidence row's word in a badge (the word carries it, the colour repeats it)
      { key: "confidence", label: t("col_confidence"), fmt: (v) => (v === "low" ? h("span", { class: "badge" }, confidenceText(v)) : confidenceText(v)) },
      { key: "as_of", label: t("src_col_as_of"), fmt: (v) => v || "–" },
      { key: "source_url", label: t("col_source"), fmt: (v) => v || "–" },
    ].filter(Boolean))),
    by === "operator" ? null : h("p", { class: "muted", id: "src-by-note" }, t("src_by_note")),
    h("p", { class: "source" }, sourceLine(answer.meta)));
}
