// "What drives this answer?": a one-at-a-time tornado of the scenario chosen in the runner form.
import { postJSON, showError } from "./api.js";
import { chart } from "./vl.js";
import { changedFields } from "./scenario.js";
import { details, fill, h, sourceLine, table } from "./dom.js";
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
  const spec = result.charts[lang];
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
