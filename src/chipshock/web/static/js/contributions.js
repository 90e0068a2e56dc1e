// What each alliance fab avoids (POST /api/jobs/contributions, the CLI's `scenario
// contributions`): a section under the default comparison, run on demand because it costs
// 2 + 2 x fabs runs of the scenario per run asked.
import { runJob, showError } from "./api.js";
import { h, sourceLine, table } from "./dom.js";
import { confidenceLabel, fmtNum, lang, t } from "./i18n.js";

let shown = null; // {key, body}: the last answer and the comparison it belongs to
let asked = null; // {key, seed}: the split a shared link asks for, not run yet

// A row's median and p5–p95 as the CLI's tables write them: the API's texts
// (chipshock.present.contributions.cell_texts), "12.3" and "0.0 – 0.1" in English under headers
// naming USD bn, 「123億ドル」 and 「0億ドル〜1億ドル」 in Japanese; never written again here.
const median = (r) => r.p50_text[lang];
const band = (r) => r.band_text[lang];

// The split of the comparison of `scenario` at `runs` runs, shown or asked for by a shared link
// ({seed}, seed null for the scenario's own), or null: the comparison's URL keeps it (split,
// split_seed), so that a shared link shows the same split.
export function splitState(scenario, runs) {
  const key = `${scenario}|${runs}`;
  if (shown && shown.key === key) return { seed: shown.body.params.seed };
  return asked && asked.key === key ? { seed: asked.seed } : null;
}

// A shared link asks for the split of that comparison on `seed`: its section offers it, and it
// runs only when the user presses the button (it costs 2 + 2 x fabs runs per run: a link
// never starts that by itself), on that seed, so it shows the numbers the link was made with.
export function askSplit(scenario, runs, seed) {
  asked = { key: `${scenario}|${runs}`, seed };
}

// The section under a default comparison of `scenario` at `runs` runs per side; `onShown`
// follows each split shown.
export function contributionsSection(scenario, runs, { onShown = () => {} } = {}) {
  const key = `${scenario}|${runs}`;
  const box = h("div", { id: "cmp-fabs-result", "aria-live": "polite" });
  const progress = h("span", { id: "cmp-fabs-progress", role: "status" });
  const button = h("button", { type: "button", id: "cmp-fabs-run" },
    t("cmp_fabs_run", { runs: fmtNum(runs, 0) }));
  // (2 + 2 x fabs) x runs can take minutes: while it runs it can be cancelled, as a run can
  const cancel = h("button", { type: "button", id: "cmp-fabs-cancel", hidden: "" }, t("cancel"));
  const split = async () => {
    const seed = asked && asked.key === key ? asked.seed : null;
    const abort = new AbortController();
    const onCancel = () => abort.abort();
    cancel.addEventListener("click", onCancel, { once: true });
    cancel.hidden = false;
    button.disabled = true;
    try {
      const body = await runJob("contributions", seed === null ? { scenario, runs } : { scenario, runs, seed }, {
        signal: abort.signal,
        onProgress: (s) => {
          progress.textContent = t("progress", { done: fmtNum(s.done, 0), total: fmtNum(s.total || 0, 0), s: fmtNum(s.elapsed_s, 0) });
        },
      });
      shown = { key, body };
      if (asked && asked.key === key) asked = null;
      showError(null, "compare");
      renderInto(box, body, runs);
      progress.textContent = "";
      onShown();
    } catch (err) {
      if (err.cancelled) {
        showError(null, "compare");
        progress.textContent = t("cancelled");
      } else showError(err, "compare");
    } finally {
      cancel.removeEventListener("click", onCancel);
      cancel.hidden = true;
      button.disabled = false;
    }
  };
  button.addEventListener("click", split);
  if (shown && shown.key === key) renderInto(box, shown.body, runs);
  else if (asked && asked.key === key) {
    box.replaceChildren(h("p", { class: "offer", id: "cmp-fabs-offer" }, asked.seed === null
      ? t("cmp_fabs_offer_own") : t("cmp_fabs_offer", { seed: asked.seed })));
  }
  return h("section", { id: "cmp-fabs" },
    h("h3", {}, t("cmp_fabs_title")),
    h("p", { class: "muted" }, t("cmp_fabs_intro")),
    button, " ", cancel, " ", progress, box);
}

// A fab's capacity date and confidence: [date, separator, confidence], the date kept whole.
function asOf(fab) {
  const date = fab.capacity_as_of ? h("span", { class: "date" }, fab.capacity_as_of) : null;
  const confidence = fab.capacity_confidence ? confidenceLabel(fab.capacity_confidence) : null;
  return [date, date && confidence ? t("sep_list") : null, confidence].filter(Boolean);
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
      // the date (on one line) and the confidence in the page's words: 「2022-02、低」, not
      // "2022-02, low"
      { key: "fab_id", label: t("cmp_fabs_col_asof"), fmt: (_v, r) => asOf(info(r)) },
      { key: "alone", label: t("cmp_fabs_col_alone"), num: true, fmt: (v) => (v ? median(v) : "") },
      { key: "alone", label: t("cmp_fabs_col_band"), num: true, fmt: (v) => (v ? band(v) : "") },
      { key: "added", label: t("cmp_fabs_col_added"), num: true, fmt: (v) => (v ? median(v) : "") },
      { key: "added", label: t("cmp_fabs_col_band"), num: true, fmt: (v) => (v ? band(v) : "") },
    ]),
    // what the fabs avoid together, the sums of each measure and their interaction: the
    // CLI's second table, its labels and figures as the CLI writes them
    h("h4", { id: "cmp-fabs-together-title" }, t("cmp_fabs_together_title")),
    h("div", { id: "cmp-fabs-together" }, table(body.together, [
      { key: "measure", label: t("cmp_fabs_col_total"), fmt: (_v, r) => r.label_text[lang] },
      { key: "p50", label: t("cmp_fabs_col_median"), num: true, fmt: (_v, r) => median(r) },
      { key: "p5", label: t("cmp_fabs_col_band"), num: true, fmt: (_v, r) => band(r) },
    ])),
    h("p", { class: "muted" }, t("cmp_fabs_note", { runs: fmtNum(runs, 0), seed: body.params.seed })),
    // the engine and data release it ran on, as every result (session 30's audit: none shown)
    body.meta ? h("p", { class: "source", id: "cmp-fabs-source" }, sourceLine(body.meta)) : null].filter(Boolean));
}
