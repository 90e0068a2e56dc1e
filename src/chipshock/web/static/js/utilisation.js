// Producer utilisation: which fabs run flat out in a shock (they take over the orders of those
// cut off, up to their spare capacity) and which sit idle because they are cut off.
// The rows are the API's `utilisation` (chipshock.sim.run.utilisation: one row per producer,
// most stretched first), shown as they come: the same numbers as `chipshock scenario run
// --utilisation` and the report's appendix, which lists the same most and least stretched rows.
import { details, h, sourceLine, table, wrapLines } from "./dom.js";
import { bracketed, fmtBand, fmtCellNumber, fmtNum, fmtPct, fmtPoints, lang, nodeLabel, t } from "./i18n.js";
import { chart } from "./vl.js";

// how many of the most and of the least stretched producers come first (as in the report)
export const TOP = 8, BOTTOM = 5;

// The rows shown first: the shock year's producers with shock-week values, the TOP first and
// BOTTOM last. Fabs without capacity in the shock year (`in_shock_year` false: measured in a
// later year over only `shock_runs` runs) are never ranked with them: see `laterRows`.
export function shownRows(rows) {
  const valued = rows.filter((r) => r.shock_runs > 0 && r.in_shock_year !== false);
  return valued.length <= TOP + BOTTOM ? valued : [...valued.slice(0, TOP), ...valued.slice(-BOTTOM)];
}

// Fabs that start during the shock, measured in their first year with capacity (shown apart).
export const laterRows = (rows) => rows.filter((r) => r.in_shock_year === false && r.shock_runs > 0);

const other = (r) => r.kind === "other fabs";
// A remainder's operator cell: "other fabs" in the page's language; in English, the API's text
// for one remainder_operators.csv counts as an operator's ("other fabs, counted as tsmc's
// (remainder_operators.csv: <source>)"), in Japanese the operator's name (the API's
// counted_as_ja, from operator_names.csv)
const otherOperator = (v, r) => {
  const counted = /^other fabs, counted as (.+?)'s \(/.exec(v || "");
  if (!counted) return t("util_other_operator");
  return lang === "ja" ? `${t("util_other_operator")}（${r?.counted_as_ja ?? counted[1]}の分として計上）` : v;
};
// a region in the page's language (the API's region_ja: 台湾, not TWN)
const regionName = (r) => (lang === "ja" && r.region_ja) || r.region;
// a fab's name in the page's language (the API's name_ja: fab_names_ja.csv, every fab has one)
const fabName = (r) => (lang === "ja" && r.name_ja) || r.name;
// a fab's operator in the page's language (the API's operator_ja: fab_names_ja.csv)
const operatorName = (r) => (lang === "ja" && r.operator_ja) || r.operator;
const name = (r) => (other(r) ? t("util_other", { region: regionName(r), node: nodeLabel(r.node_class) }) : fabName(r));
const pct = (v) => fmtPct(v, 1);
// One label per producer: a fab in two node classes appears twice, once per class.
const label = (r) => (other(r) ? name(r) : `${fabName(r)} · ${nodeLabel(r.node_class)}`);

const FONT = "Noto Sans, Noto Sans CJK JP, DejaVu Sans, sans-serif";

// a phone: the producers' names take several lines on the chart's axis (`axisName`)
const narrow = () => window.innerWidth < 600;
// names get at most 40% of the screen's width, so that the plot keeps room on a phone
const labelLimit = () => Math.round(Math.min(260, Math.max(100, 0.4 * window.innerWidth)));
// the axis labels' font (the charts' config: 12 px)
const LABEL_FONT = `12px ${FONT}`;

// A producer as the chart's axis shows it: on a desktop its label (`label`); on a phone, so that
// a long name cut short does not make two rows read alike, the fab's whole name on lines
// (`wrapLines`) over its node class ("TSMC Arizona Fab 21 / Phase 2 / Leading edge (<10 nm)"; "other fabs /
// (USA, 10–22 nm)"), the lines joined by "\n" for the axis's labelExpr (`nameAxis`).
function axisName(r) {
  if (!narrow()) return label(r);
  const px = labelLimit() - 4;
  const [first, second] = other(r)
    ? [t("util_other_operator"), name(r).slice(t("util_other_operator").length).trim()]
    : [fabName(r), nodeLabel(r.node_class)];
  return [...wrapLines(first, px, LABEL_FONT), second].join("\n");
}

// The producer axis (labels cut at `labelLimit`); on a phone each name's lines (`axisName`),
// none cut.
function nameAxis() {
  return narrow()
    ? { labelLimit: 0, labelExpr: "split(datum.label, '\\n')", labelLineHeight: LINE_PX }
    : { labelLimit: labelLimit() };
}

// a label line on a phone, px; and the height of one producer's row: more on a phone, as many
// lines as the longest of the `names` (axis names) takes (no label runs into the next row's)
const LINE_PX = 13;
const rowPx = (wide, names) => (narrow() ? Math.max(50, LINE_PX * Math.max(...names.map((n) => n.split("\n").length)) + 11) : wide);

// A plain Vega-Lite spec: per producer a line from p5 to p95, a dot at p50 and an orange tick at
// its normal utilisation; a dashed line at 100% of capacity.
function spec(rows) {
  const values = rows.map((r) => ({
    producer: axisName(r), p5: r.shock_p5_pct, p50: r.shock_p50_pct, p95: r.shock_p95_pct, normal: r.baseline_pct,
  }));
  const order = values.map((v) => v.producer);
  const y = { field: "producer", type: "nominal", sort: order, title: null, axis: nameAxis() };
  const x = (field, extra = {}) => ({ field, type: "quantitative", ...extra });
  const list = rows.map((r) => `${label(r)} ${pct(r.shock_p50_pct)}${bracketed(pct(r.baseline_pct))}`).join(lang === "ja" ? "、" : "; ");
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: t("util_chart"),
    description: t("util_alt", { list }),
    width: "container",
    autosize: { type: "fit-x", contains: "padding" },
    height: rowPx(24, order) * values.length,
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#0072B2", strokeWidth: 2 }, encoding: { y, x: x("p5", { title: t("util_axis") }), x2: { field: "p95" } } },
      { mark: { type: "point", filled: true, color: "#0072B2", size: 70, opacity: 1 }, encoding: { y, x: x("p50") } },
      { mark: { type: "tick", color: "#D55E00", thickness: 2 }, encoding: { y, x: x("normal") } },
      { data: { values: [{ full: 100 }] }, mark: { type: "rule", color: "#555555", strokeDash: [4, 3] }, encoding: { x: x("full") } },
    ],
    config: {
      font: FONT,
      axis: { labelFontSize: 12, titleFontSize: 12, gridColor: "#e5e5e5" },
      view: { stroke: null },
    },
  };
}

// The chart's caption (`base`), with a sentence on utilisation above 100% (a wafer bank drawn
// down, as the report's note and docs/scenarios.md say) only when one of the `sides` rows the
// section shows has a value that reads above 100% (as `pct` writes it: 100.04 reads 100.0%).
const OVER = ["shock_p5_pct", "shock_p50_pct", "shock_p95_pct"];
export function captionFor(base, sides) {
  const over = sides.some((r) => r && OVER.some((k) => r[k] !== null && Number(fmtNum(r[k], 1).replaceAll(",", "")) > 100));
  return over ? `${base}${lang === "ja" ? "" : " "}${t("util_caption_over")}` : base;
}

// A producer's capacity in the shock year; a fab built during the shock gets its first year with
// capacity in brackets ("15.0 (2028)", "15.0（2028）"), as `chipshock scenario run --utilisation`
// writes it; a nonzero below the tenth reads "<0.1", never "0.0" (fmtCellNumber, as the CLI and
// the report).
export function capacityCell(r, year) {
  const v = fmtCellNumber(r.capacity_kwspm, 1);
  return r.year === year ? v : v + bracketed(r.year);
}

// A capacity figure's date as the API labels it (chipshock.present.capacity_age: an old one,
// `capacity_age_old`, with a marker and its age, "⚠ 2007-10 (20 years before 2027)"), flagged
// `old-capacity`; the bare date for a result the API did not age.
export function asOfCell(r) {
  const text = (lang === "ja" && r.capacity_as_of_label_ja) || r.capacity_as_of_label || r.capacity_as_of || "–";
  return r.capacity_age_old ? h("span", { class: "old-capacity", "data-age": String(r.capacity_age_years) }, text) : text;
}

// The line under a table with old capacity figures (the API's `utilisation_meta.capacity_age_note`,
// the words of `chipshock scenario run --utilisation`); null without any.
export function ageNote(meta) {
  const note = (lang === "ja" && meta?.capacity_age_note_ja) || meta?.capacity_age_note;
  return note ? h("p", { class: "muted util-age", "data-note": "capacity-age" }, note) : null;
}

function producerTable(rows, year) {
  return table(rows, [
    { key: "name", label: t("util_col_producer"), fmt: (_v, r) => name(r) },
    { key: "operator", label: t("util_col_operator"), fmt: (v, r) => (other(r) ? otherOperator(v, r) : operatorName(r)) },
    { key: "region", label: t("col_region"), fmt: (_v, r) => regionName(r) },
    { key: "node_class", label: t("col_node"), fmt: (v) => nodeLabel(v) },
    // a fab that starts during the shock weeks: its first year with capacity, in brackets
    { key: "capacity_kwspm", label: t("util_col_capacity", { year }), num: true, fmt: (_v, r) => capacityCell(r, year) },
    { key: "baseline_pct", label: t("util_col_normal"), num: true, fmt: pct },
    { key: "shock_p50_pct", label: t("util_col_shock"), num: true, fmt: (v, r) => fmtBand(pct(v), pct(r.shock_p5_pct), pct(r.shock_p95_pct)) },
    { key: "change_pp", label: t("util_col_change"), num: true, fmt: (v) => fmtPoints(v) },
    { key: "capacity_source", label: t("util_col_source"), fmt: (v) => v },
    { key: "capacity_as_of", label: t("as_of"), fmt: (_v, r) => asOfCell(r) },
  ]);
}

// The note on the operators exempt from an input as in-house makers (the API's
// `utilisation_meta.exemption_note`, the words of `chipshock scenario run --utilisation`): no cut
// of the input reaches their fabs, so their utilisation in such a cut is an upper bound. Null
// without exemptions (or for a saved result).
export function exemptionNote(meta) {
  const note = (lang === "ja" && meta?.exemption_note_ja) || meta?.exemption_note;
  return note ? h("p", { class: "muted util-exempt", "data-note": "exemption" }, note) : null;
}

// The section for one result (`{utilisation, utilisation_meta}` of the API), or null without
// rows (a result saved before the table existed) or without shock weeks. `id` names the
// section on the page.
export function utilisationSection(result, id) {
  const rows = result?.utilisation;
  if (!rows || !rows.length) return null;
  const year = result.utilisation_meta?.shock_year ?? Math.min(...rows.map((r) => r.year)); // the shock year
  const shown = shownRows(rows);
  const later = laterRows(rows);
  if (!shown.length) return null; // no shock weeks (a scenario without shocks)
  return h("section", { id, class: "utilisation" },
    h("h3", {}, t("util_title")),
    h("p", { class: "muted" }, t("util_intro", { year, top: TOP, bottom: BOTTOM })),
    chart(spec(shown), captionFor(t("util_caption"), rows), { "data-chart": "utilisation", source: result.utilisation_meta }),
    h("div", { class: "util-top" }, producerTable(shown, year)),
    exemptionNote(result.utilisation_meta),
    ageNote(result.utilisation_meta),
    later.length ? h("h4", {}, t("util_later_title", { year })) : null,
    later.length ? h("div", { class: "util-later" }, table(later, [
      { key: "name", label: t("util_col_producer"), fmt: (_v, r) => name(r) },
      { key: "region", label: t("col_region"), fmt: (_v, r) => regionName(r) },
      { key: "node_class", label: t("col_node"), fmt: (v) => nodeLabel(v) },
      { key: "year", label: t("util_col_year") },
      { key: "capacity_kwspm", label: t("util_col_capacity_then"), num: true, fmt: (v) => fmtCellNumber(v, 1) },
      { key: "baseline_pct", label: t("util_col_normal"), num: true, fmt: pct },
      { key: "shock_p50_pct", label: t("util_col_shock"), num: true, fmt: (v, r) => fmtBand(pct(v), pct(r.shock_p5_pct), pct(r.shock_p95_pct)) },
      { key: "shock_runs", label: t("util_col_runs"), num: true, fmt: (v) => fmtNum(v, 0) },
    ])) : null,
    details(t("util_all", { n: fmtNum(rows.length, 0) }), producerTable(rows, year)),
    h("p", { class: "source" }, sourceLine(result.utilisation_meta)));
}

// ---- comparison: the two sides' utilisation, the producers that differ most ----------------

// how many producers the comparison shows (those that differ most between the two sides)
export const DIFFER = 12;

const running = (r) => Boolean(r) && r.shock_runs > 0 && r.shock_p50_pct !== null && r.shock_p50_pct !== undefined;

// The producers whose shock-week median differs most between `a` and `b` (their `utilisation`
// rows, by producer_id): first those that run on one side only (a fab switched off, or not
// yet producing, on the other), then the largest |b − a| in points; ties by capacity.
export function differRows(aRows, bRows, limit = DIFFER) {
  const byId = (rows) => new Map((rows || []).map((r) => [r.producer_id, r]));
  const A = byId(aRows), B = byId(bRows);
  const ids = [...new Set([...A.keys(), ...B.keys()])];
  const out = [];
  for (const id of ids) {
    const a = A.get(id), b = B.get(id);
    if (!running(a) && !running(b)) continue;
    const both = running(a) && running(b);
    const diff = both ? b.shock_p50_pct - a.shock_p50_pct : null;
    const capacity = Math.max(a?.capacity_kwspm ?? 0, b?.capacity_kwspm ?? 0);
    out.push({ id, a: running(a) ? a : null, b: running(b) ? b : null, any: (running(b) ? b : a), diff, capacity });
  }
  const rank = (r) => (r.diff === null ? Infinity : Math.abs(r.diff));
  out.sort((x, y) => rank(y) - rank(x) || y.capacity - x.capacity || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return out.slice(0, limit);
}

// One side's shock-week median and range; a fab measured over fewer runs than the comparison's
// (built during the shock: only the runs whose shock weeks reach its first year) says over how
// many, so that a band over 5 of 40 runs does not read as the whole blockade's.
const side = (r, total) => {
  if (!r) return t("cmp_util_not_running");
  const band = fmtBand(pct(r.shock_p50_pct), pct(r.shock_p5_pct), pct(r.shock_p95_pct));
  const runs = t("util_in_runs", { n: fmtNum(r.shock_runs, 0), m: fmtNum(total, 0) });
  return total && r.shock_runs < total ? `${band}${lang === "ja" ? "" : " "}${runs}` : band;
};

// Per producer, one line p5–p95 and a dot at p50 for each side (side colours, the first side
// above the second); a dashed line at 100% of capacity.
function compareSpec(rows, names) {
  const values = [];
  for (const r of rows) {
    for (const [i, s] of [[0, r.a], [1, r.b]]) {
      if (s) values.push({ producer: axisName(r.any), side: names[i], p5: s.shock_p5_pct, p50: s.shock_p50_pct, p95: s.shock_p95_pct });
    }
  }
  const order = rows.map((r) => axisName(r.any));
  const y = { field: "producer", type: "nominal", sort: order, title: null, axis: nameAxis() };
  const color = { field: "side", type: "nominal", title: null, scale: { domain: names, range: ["#0072B2", "#D55E00"] }, legend: { orient: "bottom", direction: "vertical", labelLimit: 320 } };
  const yOffset = { field: "side", type: "nominal", sort: names };
  const x = (field, extra = {}) => ({ field, type: "quantitative", ...extra });
  const list = rows.map((r) => `${label(r.any)} ${r.a ? pct(r.a.shock_p50_pct) : t("cmp_util_not_running")} / ${r.b ? pct(r.b.shock_p50_pct) : t("cmp_util_not_running")}`).join("; ");
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: t("util_chart"),
    description: t("cmp_util_alt", { a: names[0], b: names[1], list }),
    width: "container",
    autosize: { type: "fit-x", contains: "padding" },
    height: rowPx(34, order) * rows.length,
    data: { values },
    layer: [
      { mark: { type: "rule", strokeWidth: 2 }, encoding: { y, yOffset, color, x: x("p5", { title: t("util_axis"), scale: { zero: false } }), x2: { field: "p95" } } },
      { mark: { type: "point", filled: true, size: 60, opacity: 1 }, encoding: { y, yOffset, color, x: x("p50") } },
      { data: { values: [{ full: 100 }] }, mark: { type: "rule", color: "#555555", strokeDash: [4, 3] }, encoding: { x: x("full") } },
    ],
    config: {
      font: FONT,
      axis: { labelFontSize: 12, titleFontSize: 12, gridColor: "#e5e5e5" },
      legend: { labelFontSize: 12, titleFontSize: 12 },
      view: { stroke: null },
    },
  };
}

// The comparison's utilisation section: `cmp.a` and `cmp.b` as the API sends them (their
// `utilisation` rows and `utilisation_meta`), `names` the two sides' names; null when neither
// side has shock weeks. `id` names the section on the page.
export function compareUtilisationSection(cmp, names, id) {
  const rows = differRows(cmp?.a?.utilisation, cmp?.b?.utilisation);
  if (!rows.length) return null;
  // the shock year: the first year of either side's rows (later only for fabs built during it)
  const year = Math.min(...[...(cmp.a.utilisation || []), ...(cmp.b.utilisation || [])].map((r) => r.year));
  const meta = cmp.b.utilisation_meta || cmp.a.utilisation_meta;
  const total = cmp.params?.runs;
  return h("section", { id, class: "utilisation" },
    h("h3", {}, t("cmp_util_title")),
    h("p", { class: "muted" }, t("cmp_util_intro", { a: names[0], b: names[1], n: rows.length, year })),
    chart(compareSpec(rows, names), captionFor(t("cmp_util_caption"), rows.flatMap((r) => [r.a, r.b])), { "data-chart": "compare-utilisation", source: meta }),
    h("div", { class: "util-top" }, table(rows, [
      { key: "id", label: t("util_col_producer"), fmt: (_v, r) => name(r.any) },
      { key: "operator", label: t("util_col_operator"), fmt: (_v, r) => (other(r.any) ? otherOperator(r.any.operator, r.any) : operatorName(r.any)) },
      { key: "region", label: t("col_region"), fmt: (_v, r) => regionName(r.any) },
      { key: "node", label: t("col_node"), fmt: (_v, r) => nodeLabel(r.any.node_class) },
      { key: "capacity", label: t("util_col_capacity", { year }), num: true, fmt: (_v, r) => capacityCell(r.any, year) },
      { key: "a", label: t("cmp_util_col_side", { name: names[0] }), num: true, fmt: (v) => side(v, total) },
      { key: "b", label: t("cmp_util_col_side", { name: names[1] }), num: true, fmt: (v) => side(v, total) },
      { key: "diff", label: t("cmp_util_col_diff"), num: true, fmt: (v) => fmtPoints(v) },
      { key: "source", label: t("util_col_source"), fmt: (_v, r) => r.any.capacity_source },
      { key: "as_of", label: t("as_of"), fmt: (_v, r) => asOfCell(r.any) },
    ])),
    // either side's note: a shock of one side may reach the exempt input, not the other's
    exemptionNote(cmp.b.utilisation_meta?.exemption_note ? cmp.b.utilisation_meta : cmp.a.utilisation_meta),
    // under the rows shown, when one of them has an old capacity figure
    rows.some((r) => r.any.capacity_age_old) ? ageNote(cmp.b.utilisation_meta?.capacity_age_note ? cmp.b.utilisation_meta : cmp.a.utilisation_meta) : null,
    h("p", { class: "source" }, sourceLine(meta)));
}
