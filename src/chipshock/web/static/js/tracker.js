// Alliance tracker: the April 2024 U.S.–Japan deliverables and the partnerships, with totals.
// and the milestones of the visit (and the earlier steps it built on) with their status (GET /api/tracker, the rows of
// `chipshock deliverables --status`), an open status checked long before the data release
// flagged stale. State in the URL: #tracker?sector=…&status=…
import { getJSON, showError } from "./api.js";
import { fill, h, sourceLine, table } from "./dom.js";
import { inLanguage, lang, t } from "./i18n.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "tracker";
let deliverables = null, partnerships = null, milestones = null;

export async function initTracker() {
  const wanted = paramsFor(VIEW).get("status") || "";
  [deliverables, partnerships, milestones] = await Promise.all([
    getJSON("/api/deliverables"), getJSON("/api/partnerships"), getJSON(trackerUrl(wanted))]);
  const st = document.getElementById("trk-status");
  st.replaceChildren(h("option", { value: "" }, t("trk_all_statuses")),
    ...milestones.statuses.map((s) => h("option", { value: s }, t(`trk_st_${s}`))));
  st.value = milestones.statuses.includes(wanted) ? wanted : "";
  st.addEventListener("change", () => { setParams(VIEW, { status: st.value }); loadMilestones(); });
  const sectors = [...new Set(deliverables.rows.map((r) => r.sector).filter(Boolean))].sort();
  const sel = document.getElementById("trk-sector");
  sel.replaceChildren(h("option", { value: "" }, t("trk_all")), ...sectors.map((s) => h("option", { value: s }, word("trk_sec", s))));
  sel.value = sectors.includes(paramsFor(VIEW).get("sector")) ? paramsFor(VIEW).get("sector") : "";
  sel.addEventListener("change", () => { setParams(VIEW, { sector: sel.value }); load(); });
  if (sel.value) await load(); else renderTracker();
}

// The deliverables of one sector, with their chart (built by the API).
async function load() {
  const sector = document.getElementById("trk-sector").value;
  try {
    deliverables = await getJSON(`/api/deliverables${sector ? `?sector=${encodeURIComponent(sector)}` : ""}`);
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  renderTracker();
}

function trackerUrl(status) {
  return `/api/tracker${status ? `?status=${encodeURIComponent(status)}` : ""}`;
}

// The milestones of one status (or all).
async function loadMilestones() {
  try {
    milestones = await getJSON(trackerUrl(document.getElementById("trk-status").value));
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  renderTracker();
}

// A committed amount as the chart and the report write it (USD 16 m, not "USD 0.1 bn"): the API
// writes it in both languages (amount_text, amount_text_ja: chipshock.present's fmt_usd_amount),
// so that the rule lives in one place; null where no amount is published.
function amountText(row) {
  return lang === "ja" ? row.amount_text_ja : row.amount_text;
}

// An item's title in the page's language: title_ja of alliance_tracker.csv is chipshock's
// translation (the loader refuses a row without one).
function itemTitle(row) {
  return lang === "ja" ? row.title_ja : row.title;
}

// A deliverable's summary in the page's language: summary_ja of alliance_deliverables.csv is
// chipshock's translation (the loader refuses a row without one).
function summaryText(row) {
  return lang === "ja" ? row.summary_ja : row.summary;
}

// A partnership's technology in the page's language: technology_ja of partnerships.csv is
// chipshock's rendering in Japanese terms; where it is blank the English technology is shown.
function technologyText(row) {
  return inLanguage(row.technology, row.technology_ja);
}

// A sector, kind or partnership status of the data in the page's language (`family`_<value> in
// the translation files); a value without a translation is shown as the data has it.
function word(family, value) {
  const key = `${family}_${value}`, text = t(key);
  return text === key ? value ?? "" : text;
}

// A status as a word in a badge: the text carries it, colour only repeats it.
function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, t(`trk_st_${status}`));
}

// A table's box as a region named by its heading (role="region" + aria-labelledby); `scroll`:
// a box of its own height that scrolls (reachable by keyboard), else the table shown whole.
// Printed, every box shows its table whole (app.css, @media print).
function region(id, headingId, scroll, content) {
  const attrs = { id, role: "region", "aria-labelledby": headingId };
  return h("div", scroll ? { ...attrs, class: "scroll", tabindex: "0" } : { ...attrs, class: "whole" }, content);
}

function milestoneTable() {
  // a one-line heading; under it the visit's own items counted apart from the U.S. CHIPS Act
  // context, and how many involve both countries, as the CLI and the report write it (from
  // the API; in the heading it ran to three lines)
  return [
    h("h3", { id: "trk-milestones-title" }, t("trk_milestones")),
    // the API's counts are a clause (the report and the CLI set them in a sentence): here a
    // sentence of their own, ended as the language ends one
    h("p", { class: "counts", id: "trk-counts" }, `${milestones.parts_text[lang]}${lang === "ja" ? "。" : "."}`),
    // shown whole, not in a scroll box: the Rapidus rows near its end were out of sight, of a
    // full-page screenshot and of print (review 16, finding 15); a named region for screen readers
    region("trk-milestones", "trk-milestones-title", false, table(milestones.rows, [
      { key: "title", label: t("trk_item"), fmt: (v, r) => (r.parent_item_id ? `↳ ${itemTitle(r)}` : itemTitle(r)) },
      // the date, with the year the model counts the fab's volume from where later (from the API)
      { key: "event_date", label: t("trk_event_date"), fmt: (v, r) => (lang === "ja" ? r.event_date_text_ja : r.event_date_text) ?? v },
      { key: "status", label: t("col_status"), fmt: (v) => statusBadge(v) },
      { key: "status_as_of", label: t("trk_status_as_of") },
      { key: "stale", label: t("trk_col_stale"), fmt: (v) => (v ? h("span", { class: "badge stale" }, t("trk_stale")) : "") },
      // why the status is what it is (a later source, a counterpart that changed, or none found)
      { key: "status_note", label: t("trk_status_note"), fmt: (v, r) => (lang === "ja" ? r.status_note_ja : v) ?? "" },
      { key: "source_url", label: t("col_source") },
    ])),
    // the convention and the count, as the CLI and the report write them (from the API)
    h("p", { class: "stale-caption", id: "trk-stale" }, milestones.stale.caption[lang]),
    h("p", { class: "source" }, sourceLine(milestones.meta)),
  ];
}

export function renderTracker() {
  if (!deliverables) { showError(null, VIEW); return; }
  const sel = document.getElementById("trk-sector");
  for (const o of sel.options) o.textContent = o.value ? word("trk_sec", o.value) : t("trk_all");
  for (const o of document.getElementById("trk-status").options) o.textContent = o.value ? t(`trk_st_${o.value}`) : t("trk_all_statuses");
  const rows = deliverables.rows;
  const spec = deliverables.chart[lang];
  fill("trk-result",
    ...(milestones ? milestoneTable() : []),
    spec ? chart(spec, undefined, { source: deliverables.meta }) : null,
    // the total as the report and `chipshock deliverables --totals` give it (written by the API)
    h("p", { id: "trk-total" }, deliverables.total.text[lang]),
    h("h3", { id: "trk-deliverables-title" }, t("trk_deliverables", { n: rows.length })),
    region("trk-deliverables", "trk-deliverables-title", true, table(rows, [
      // actor_ja: chipshock's rendering (the loader refuses a row without one); the countries
      // by their Japanese names (from the API), not their codes
      { key: "actor", label: t("trk_actor"), fmt: (v, r) => (lang === "ja" ? r.actor_ja : v) },
      { key: "actor_country", label: t("col_country"), fmt: (v, r) => (lang === "ja" ? r.actor_country_ja : v) },
      { key: "sector", label: t("trk_sector"), fmt: (v) => word("trk_sec", v) },
      { key: "kind", label: t("col_type"), fmt: (v) => word("trk_kind", v) },
      { key: "amount_usd", label: t("trk_amount"), num: true, fmt: (v, r) => amountText(r) || r.amount_original || t("trk_no_amount") },
      { key: "location", label: t("trk_location"), fmt: (v, r) => inLanguage(r.location, r.location_ja) },
      { key: "summary", label: t("trk_summary"), fmt: (v, r) => summaryText(r) },
      { key: "source_url", label: t("col_source") },
    ])),
    h("p", { class: "source" }, sourceLine(deliverables.meta)),
    h("h3", { id: "trk-partnerships-title" }, t("trk_partnerships", { n: partnerships.rows.length })),
    region("trk-partnerships", "trk-partnerships-title", true, table(partnerships.rows, [
      // parties_ja: the parties by their Japanese names (data release 27)
      { key: "parties", label: t("trk_parties"), fmt: (v, r) => (lang === "ja" ? r.parties_ja || v : v) },
      { key: "kind", label: t("col_type"), fmt: (v) => word("trk_kind", v) },
      { key: "technology", label: t("trk_technology"), fmt: (v, r) => technologyText(r) },
      { key: "status", label: t("col_status"), fmt: (v) => word("trk_pst", v) },
      { key: "amount_usd", label: t("trk_amount"), num: true, fmt: (v, r) => amountText(r) || t("trk_no_amount") },
      { key: "source_url", label: t("col_source") },
    ])),
    h("p", { class: "source" }, sourceLine(partnerships.meta)));
}
