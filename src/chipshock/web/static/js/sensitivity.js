// "What drives this answer?": a one-at-a-time tornado of the scenario chosen in the runner form.
import { postJSON, showError } from "./api.js";
import { chart } from "./vl.js";
import { changedFields } from "./scenario.js";
import { details, fill, h, sourceLine, table, wrapLines } from "./dom.js";
import { bracketed, confidenceLabel, fmtKpi, fmtNum, lang, t } from "./i18n.js";
import { factorRange, rangeSource, unitValue } from "./factors.js";

//: runs per bar: small, so that the answer comes in a few seconds (the server may lower it)
const RUNS = 100;
let result = null;

export function initSensitivity() {
  document.getElementById("sens-run").addEventListener("click", computeSensitivity);
}

// a value in the unit of its factor row (the API's rows carry it: sensitivity_factors.csv)
const value = (r, v) => unitValue(r.unit, v);

const labelOf = (r) => (lang === "ja" && r.label_ja ? r.label_ja : r.label);

// The tornado's spec comes from the server (chipshock.report.sensitivity.tornado_chart, the
// report's chart), its assumption names wrapped for 300 px: on a phone they took all but a few
// pixels of the chart and its axis title and legend ran off the screen. There each name is
// wrapped again for at most 40% of the screen (`wrapLines`, nothing cut), with the axis' margin
// and the chart's height to match; the words are the server's.
const narrow = () => window.innerWidth < 600;
const LABEL_FONT = "12px Noto Sans, Noto Sans CJK JP, DejaVu Sans, sans-serif";
const LINE_PX = 15;
// A wrapped label's lines joined again: a space where two words of Latin script met.
const unwrap = (label) => String(label).split("\n")
  .reduce((text, line) => text + (/[A-Za-z0-9)]$/.test(text) && /^[A-Za-z0-9(×]/.test(line) ? " " : "") + line);

// `text` on lines no wider than `px`, broken only between its phrases (after 「、」 or ", ",
// before 「（」 or " ("): 「失われる生産額、」 over 「10億ドル（基準：5,245億ドル）」, not
// 「10億ド」 over 「ル」; a phrase wider than a line by itself is wrapped as `wrapLines` does.
function phrases(text, px, font) {
  const fits = (line) => wrapLines(line, px, font).length === 1;
  const lines = [];
  for (const piece of text.split(/(?<=、|, )|(?=（| \()/)) {
    const last = lines.length - 1;
    if (last >= 0 && fits(lines[last] + piece)) lines[last] += piece;
    else lines.push(...(fits(piece) ? [piece.trimStart()] : wrapLines(piece.trim(), px, font)));
  }
  return lines.map((line) => line.trimEnd());
}

function forScreen(spec) {
  if (!narrow() || !Array.isArray(spec.layer)) return spec;
  const px = Math.round(Math.max(120, 0.4 * window.innerWidth));
  const lines = new Map();
  const label = (v) => {
    if (!lines.has(v)) lines.set(v, wrapLines(unwrap(v), px - 8, LABEL_FONT).join("\n"));
    return lines.get(v);
  };
  const relabel = (rows) => rows.map((row) => ("label" in row ? { ...row, label: label(row.label) } : row));
  // the rows sit in the spec's named `datasets` (chipshock.present.charts), or in a layer's data
  const datasets = spec.datasets
    ? Object.fromEntries(Object.entries(spec.datasets).map(([name, rows]) => [name, relabel(rows)]))
    : spec.datasets;
  // the value axis' title on as many lines as the plot's width needs (its end ran off the screen)
  const plotPx = Math.max(120, window.innerWidth - 48 - px);
  const titleLines = (title) => (typeof title === "string" ? phrases(title, plotPx, `bold ${LABEL_FONT}`) : title);
  const layer = spec.layer.map((part) => {
    const values = part.data && part.data.values;
    const { x, y } = part.encoding || {};
    return {
      ...part,
      data: values ? { ...part.data, values: relabel(values) } : part.data,
      encoding: y && Array.isArray(y.sort) ? {
        ...part.encoding,
        x: x && x.title ? { ...x, title: titleLines(x.title) } : x,
        y: { ...y, sort: y.sort.map(label), axis: { ...y.axis, minExtent: px, labelLineHeight: LINE_PX } },
      } : part.encoding,
    };
  });
  const rows = [...lines.values()];
  const most = Math.max(1, ...rows.map((v) => v.split("\n").length));
  const bars = new Set(rows).size || 1;
  return { ...spec, datasets, layer, height: Math.max(60, (LINE_PX * most + 10) * bars) };
}

async function computeSensitivity() {
  const button = document.getElementById("sens-run"), status = document.getElementById("sens-status");
  const box = document.getElementById("sens-panel");
  button.disabled = true;
  box.setAttribute("aria-busy", "true");
  status.textContent = t("sens_running", { n: fmtNum(RUNS, 0) });
  try {
    result = await postJSON("/api/scenarios/sensitivity", {
      ...changedFields(),
      runs: RUNS,
      lang,
    });
    showError(null, "sens");
    renderSensitivity();
  } catch (err) {
    status.textContent = "";
    showError(err, "sens");
  } finally {
    button.disabled = false;
    box.removeAttribute("aria-busy");
  }
}

export function renderSensitivity() {
  if (!result) return;
  const kpi = result.kpi, rows = result.rows, p = result.params;
  const spec = result.charts[lang] ? forScreen(result.charts[lang]) : null;
  const figure = spec ? chart(spec, t("sens_caption"), { class: "tornado", source: result.meta }) : null;
  const ranges = h("ul", { class: "ranges", id: "sens-ranges" }, rows.map((r) => h("li", { "data-factor": r.factor }, h("b", {}, labelOf(r)), ` ${factorRange(r)}${bracketed(`${t("sens_base")} ${value(r, r.base_value)}`)} · ${t("sens_conf", { c: confidenceLabel(r.confidence) })} · ${t("range_from")}${t("sep_label")}`, rangeSource(r))));
  const title_ = lang === "ja" && result.scenario.title_ja ? result.scenario.title_ja : result.scenario.title;
  const note = [t("sens_done", { title: title_, n: fmtNum(p.runs, 0), total: fmtNum(p.total_runs, 0) })];
  if (p.runs < p.runs_requested) note.push(t("sens_capped", { n: fmtNum(p.runs, 0), m: fmtNum(p.runs_requested, 0) }));
  document.getElementById("sens-status").textContent = note.join(" ");
  fill("sens-result", 
    h("p", { class: "summary", id: "sens-reading" }, result.reading_text[lang]),
    figure,
    ranges,
    details(t("show_table"), h("div", { class: "scroll" }, table(rows, [
      { key: "label", label: t("col_assumption"), fmt: (_v, r) => labelOf(r) },
      { key: "low_value", label: t("col_low_high"), fmt: (_v, r) => factorRange(r) + bracketed(value(r, r.base_value)) },
      { key: "kpi_low", label: t("sens_low"), num: true, fmt: (v) => fmtKpi(kpi, v) },
      { key: "kpi_high", label: t("sens_high"), num: true, fmt: (v) => fmtKpi(kpi, v) },
      { key: "swing", label: t("col_swing"), num: true, fmt: (v) => fmtKpi(kpi, v) },
      { key: "confidence", label: t("col_confidence"), fmt: (v) => confidenceLabel(v) },
      { key: "source", label: t("col_file"), fmt: (v, r) => (lang === "ja" && r.source_ja) || v },
      { key: "source_url", label: t("col_source"), fmt: (v) => String(v || "").split(" ")[0] },
      { key: "range_source", label: t("col_range_source"), fmt: (_v, r) => rangeSource(r) },
    ]))),
    h("p", { class: "source", id: "sens-source" }, sourceLine(result.meta)));
}
