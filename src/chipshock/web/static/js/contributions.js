// What each alliance fab avoids (POST /api/jobs/contributions, the CLI's `scenario
// contributions`): a section under the default comparison, run on demand because it costs
// 2 + 2 x fabs runs of the scenario per run asked.
import { runJob, showError } from "./api.js";
import { h, table } from "./dom.js";
import { fmtNum, fmtUsd, lang, t } from "./i18n.js";

let shown = null; // {key, body}: the last answer and the comparison it belongs to

const usd = (v) => fmtUsd(v * 1e9);
const band = (r) => `${usd(r.p5)} – ${usd(r.p95)}`;

// The seed of the split shown for the comparison of `scenario` at `runs` runs, or null: the
// comparison's URL keeps it (split, split_seed), so that a shared link shows the same split.
export function splitSeed(scenario, runs) {
  return shown && shown.key === `${scenario}|${runs}` ? shown.body.params.seed : null;
}

// The section under a default comparison of `scenario` at `runs` runs per side. `restore`
// ({seed}, seed null for the scenario's own) runs the split a shared link asked for at once
// (the same request on the same seed: the same numbers); `onShown` follows each split shown.
export function contributionsSection(scenario, runs, { restore = null, onShown = () => {} } = {}) {
  const key = `${scenario}|${runs}`;
  const box = h("div", { id: "cmp-fabs-result", "aria-live": "polite" });
  const progress = h("span", { id: "cmp-fabs-progress", role: "status" });
  const button = h("button", { type: "button", id: "cmp-fabs-run" },
    t("cmp_fabs_run", { runs: fmtNum(runs, 0) }));
  const split = async (seed) => {
    button.disabled = true;
    try {
      const body = await runJob("contributions", seed === null ? { scenario, runs } : { scenario, runs, seed }, {
        signal: new AbortController().signal,
        onProgress: (s) => {
          progress.textContent = t("progress", { done: fmtNum(s.done, 0), total: fmtNum(s.total || 0, 0), s: fmtNum(s.elapsed_s, 0) });
        },
      });
      shown = { key, body };
      showError(null, "compare");
      renderInto(box, body, runs);
      progress.textContent = "";
      onShown();
    } catch (err) {
      showError(err, "compare");
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener("click", () => split(null));
  if (shown && shown.key === key) renderInto(box, shown.body, runs);
  else if (restore) split(restore.seed);
  return h("section", { id: "cmp-fabs" },
    h("h3", {}, t("cmp_fabs_title")),
    h("p", { class: "muted" }, t("cmp_fabs_intro")),
    button, " ", progress, box);
}

// `box` may still be detached (the section is being built): fill the element itself, never
// look it up by id, which would find the old section's box (review 15, finding 9).
function renderInto(box, body, asked) {
  const rows = [];
  for (const r of body.fabs) {
    let row = rows.find((x) => x.fab_id === r.fab_id);
    if (!row) rows.push((row = { fab_id: r.fab_id, name: (lang === "ja" && r.name_ja) || r.name }));
    row[r.measure] = r;
  }
  const runs = body.params.runs;
  const capped = asked && runs < asked
    ? h("p", { class: "stale-note", id: "cmp-fabs-capped", role: "status" },
      t("cmp_fabs_capped", { runs: fmtNum(runs, 0), asked: fmtNum(asked, 0), sides: fmtNum(body.params.total_runs / runs, 0) }))
    : null;
  const info = (r) => r.alone || r.added || {};
  box.replaceChildren(
    ...[capped,
    h("p", { class: "summary", id: "cmp-fabs-summary" }, body.summary_text[lang] || body.summary_text.en),
    table(rows, [
      { key: "name", label: t("cmp_fabs_col_fab") },
      { key: "fab_id", label: t("cmp_fabs_col_capacity"), fmt: (_v, r) => info(r).capacity_text?.[lang] ?? "" },
      { key: "fab_id", label: t("cmp_fabs_col_asof"), fmt: (_v, r) => [info(r).capacity_as_of, info(r).capacity_confidence].filter(Boolean).join(", ") },
      { key: "alone", label: t("cmp_fabs_col_alone"), num: true, fmt: (v) => (v ? usd(v.p50) : "") },
      { key: "alone", label: t("cmp_fabs_col_band"), fmt: (v) => (v ? band(v) : "") },
      { key: "added", label: t("cmp_fabs_col_added"), num: true, fmt: (v) => (v ? usd(v.p50) : "") },
      { key: "added", label: t("cmp_fabs_col_band"), fmt: (v) => (v ? band(v) : "") },
    ]),
    h("p", { class: "muted" }, t("cmp_fabs_note", { runs: fmtNum(runs, 0), seed: body.params.seed }))].filter(Boolean));
}
