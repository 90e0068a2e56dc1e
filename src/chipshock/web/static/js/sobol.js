// "Which assumptions, and which combinations, drive this answer?": Sobol indices of the scenario
// chosen in the runner form, run as a job (progress after a second, Cancel). The reading, the
// stability note and the chart come from the API (chipshock.report.sobol_reading, the report's).
import { getJSON, runJob, showError } from "./api.js";
import { details, fill, h, offer, sourceLine, table } from "./dom.js";
import { fmtNum, fmtPct, lang, t } from "./i18n.js";
import { changedFields, saveRun } from "./scenario.js";
import { chart } from "./vl.js";
import { rangeList } from "./factors.js";

//: runs per evaluation: one simulated future per design point, chance being one more factor
//: (chipshock.sim.sobol); the server refuses a design larger than its --max-runs
const RUNS = 1;
let result = null;

export function initSobol() {
  document.getElementById("sobol-run").addEventListener("click", computeSobol);
  // the sample count is part of the view's URL; a shown analysis no longer matches it
  document.getElementById("sobol-samples").addEventListener("change", () => { offer("sobol-offer"); saveRun({ sobol: false }); });
}

// A link with sobol=1 restores the sample count and offers the analysis with its cost (from
// GET /api/estimate/sobol: evaluations x runs each, as the job would run them); the user starts
// it. The link stays as it was, so that it can be shared again.
export async function offerSobol() {
  const samples = Number(document.getElementById("sobol-samples").value);
  try {
    const cost = await getJSON(`/api/estimate/sobol?samples=${samples}&runs=${RUNS}`);
    offer("sobol-offer",
      ["offer_sobol", { evaluations: cost.evaluations, each: cost.runs_per_evaluation, runs: cost.runs }],
      ["offer_button", { runs: cost.runs }], computeSobol);
  } catch (err) {
    showError(err, "sobol");
  }
}

async function computeSobol() {
  const button = document.getElementById("sobol-run");
  const box = document.getElementById("sobol-progress");
  const bar = document.getElementById("sobol-progress-bar");
  const text = document.getElementById("sobol-progress-text");
  const cancel = document.getElementById("sobol-cancel");
  const abort = new AbortController();
  const onCancel = () => abort.abort();
  cancel.addEventListener("click", onCancel, { once: true });
  const samples = Number(document.getElementById("sobol-samples").value);
  offer("sobol-offer");
  button.disabled = true;
  bar.removeAttribute("value");
  text.textContent = "";
  const timer = setTimeout(() => { box.hidden = false; cancel.focus(); }, 1000);
  try {
    const body = await runJob("sobol", { ...changedFields(), samples, runs: RUNS, lang }, {
      signal: abort.signal,
      onProgress: (s) => {
        if (s.total) { bar.max = s.total; bar.value = s.done; }
        text.textContent = t("progress", { done: fmtNum(s.done, 0), total: fmtNum(s.total || 0, 0), s: fmtNum(s.elapsed_s, 0) });
      },
    });
    showSobol(body);
    saveRun({ sobol: true });
  } catch (err) {
    if (err.cancelled) {
      showError(null, "sobol");
      saveRun({ sobol: false });
      document.getElementById("sobol-announce").textContent = t("cancelled");
    } else showError(err, "sobol");
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener("click", onCancel);
    box.hidden = true;
    button.disabled = false;
  }
}

// Show a finished analysis (a body of POST /api/jobs/sobol or /api/scenarios/sensitivity/sobol):
// announced, with the focus on it.
export function showSobol(body) {
  result = body;
  showError(null, "sobol");
  renderSobol();
  document.getElementById("sobol-announce").textContent = result.reading_text[lang];
  document.getElementById("sobol-result").focus();
}

// each factor's range, unit and where the range comes from (the rows carry them)
function sobolRanges(rows) {
  return rangeList(rows, (r) => (lang === "ja" && r.label_ja ? r.label_ja : r.label), "sobol-ranges");
}

// an index and its 95% half-width, both in whole percent ("52% ± 3%", a nonzero below the half
// "<1%"), as the report's table writes them (chipshock.report.sobol_section)
export const indexCell = (v, half = null) => (half === null ? fmtPct(v, 0) : `${fmtPct(v, 0)} ± ${fmtPct(half, 0)}`);

export function renderSobol() {
  if (!result) return;
  const spec = result.charts[lang];
  const p = result.params;
  fill("sobol-result",
    h("p", { class: "summary", id: "sobol-reading" }, result.reading_text[lang]),
    h("p", { class: p.converged ? "muted" : "note", id: "sobol-converged" }, result.convergence_text[lang]),
    spec ? chart(spec, undefined, { class: "sobol", source: result.meta }) : null,
    sobolRanges(result.rows),
    details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(result.rows, [
      { key: "label", label: t("col_assumption"), fmt: (v, r) => (lang === "ja" && r.label_ja ? r.label_ja : v) },
      { key: "ST", label: t("sobol_total"), num: true, fmt: (v, r) => indexCell(v * 100, r.ST_conf * 100) },
      { key: "S1", label: t("sobol_first"), num: true, fmt: (v, r) => indexCell(v * 100, r.S1_conf * 100) },
      { key: "interaction", label: t("sobol_interaction"), num: true, fmt: (v) => indexCell(v * 100) },
      { key: "ST_half", label: t("sobol_half"), num: true, fmt: (v) => indexCell(v * 100) },
      { key: "source", label: t("col_file"), fmt: (v, r) => (lang === "ja" && r.source_ja) || v },
      { key: "source_url", label: t("col_source"), fmt: (v) => String(v || "").split(" ")[0] },
    ]))),
    h("p", { class: "muted" }, t("sobol_done", { n: fmtNum(p.evaluations, 0), runs: fmtNum(p.runs, 0), total: fmtNum(p.total_runs, 0) })),
    h("p", { class: "source", id: "sobol-source" }, sourceLine(result.meta)));
}
