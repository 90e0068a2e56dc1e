// Capacity build-out 2022–2035 by region and node class, with and without the alliance fabs.
// The chart comes from the API (GET /api/capacity/buildout, built in Python).
// State in the URL: #capacity?class=lt10
import { getJSON, showError } from "./api.js";
import { CAPACITY_CLASS, buildoutUrl } from "./boot.js";
import { details, fill, h, sourceLine, table } from "./dom.js";
import { bracketed, fmtCellNumber, fmtNum, lang, nodeLabel, t } from "./i18n.js";
import { statusLabel } from "./map.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "capacity";
let buildout = null, fabs = [];
// the node class a link asked for that the data does not have (null: none); said in the view
// until the reader picks a class
let unknownClass = null;

export async function initCapacity() {
  const want = paramsFor(VIEW).get("class") || CAPACITY_CLASS;
  const first = await firstBuildout(want);
  const classes = first.node_classes;
  fabs = first.fabs; // as the model uses them (fab_capacity.csv), not fabs.csv's headline figures
  const sel = document.getElementById("cap-class");
  sel.replaceChildren(h("option", { value: "all" }, t("cap_all")), ...classes.map((c) => h("option", { value: c }, nodeLabel(c))));
  sel.value = first.params.node_class;
  sel.addEventListener("change", () => { setParams(VIEW, { class: sel.value }); load(); });
  buildout = first;
  if (first.params.node_class !== want) {
    unknownClass = want;
    setParams(VIEW, { class: first.params.node_class }); // the link now says what is shown
  }
  renderCapacity();
}

// The build-out of node class `want` (the one boot.js asked for when the page opened here),
// else of the default class, else of all classes (a class the data does not have is a 404).
async function firstBuildout(want) {
  for (const cls of new Set([want, CAPACITY_CLASS])) {
    try {
      return await getJSON(buildoutUrl(cls));
    } catch (err) {
      if (err.status !== 404) throw err;
    }
  }
  return getJSON(buildoutUrl("all"));
}

async function load() {
  const cls = document.getElementById("cap-class").value;
  try {
    buildout = await getJSON(buildoutUrl(cls));
    unknownClass = null;
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  renderCapacity();
}

// What the view says about a link's unknown class: the class shown instead, and every class
// the link may name (the codes of the URL, with their names).
function unknownNote() {
  const codes = ["all", ...buildout.node_classes];
  const name = (c) => (c === "all" ? t("cap_all") : nodeLabel(c));
  return t("cap_unknown", {
    c: unknownClass,
    shown: name(buildout.params.node_class),
    // 「n28_45（28〜45nm）、…」 in Japanese
    classes: codes.map((c) => (lang === "ja" ? `${c}（${name(c)}）` : `${c} (${name(c)})`)).join(t("sep_list")),
  });
}

// Per year and region, summed over the node classes shown.
function sums(rows, cls) {
  const out = new Map();
  for (const r of rows) {
    if (cls !== "all" && r.node_class !== cls) continue;
    const k = `${r.year}|${r.region}`;
    const v = out.get(k) || { year: r.year, region: r.region, with: 0, without: 0 };
    v.with += r.with_kwspm;
    v.without += r.without_kwspm;
    out.set(k, v);
  }
  return [...out.values()].map((v) => ({ ...v, diff: v.with - v.without }));
}

// "2028: 15,000 · 2029: 45,000": the years a fab's capacity changes, and the new value.
function capacitySteps(steps) {
  if (!steps.length) return t("cap_no_capacity");
  return steps.map((s) => `${s.year}${t("sep_label")}${fmtNum(s.capacity_wspm, 0)}`).join(" · ");
}

// The fab_capacity.csv rows' sources, each a link with its as-of date.
function sourceLinks(sources) {
  return h("span", {}, sources.flatMap((s, i) => [
    i ? " · " : "",
    h("a", { href: s.url, rel: "noopener", title: s.method }, new URL(s.url).hostname),
    bracketed(s.as_of),
  ]));
}

export function renderCapacity() {
  if (!buildout) return;
  const sel = document.getElementById("cap-class");
  for (const o of sel.options) o.textContent = o.value === "all" ? t("cap_all") : nodeLabel(o.value);
  const spec = buildout.chart[lang];
  if (unknownClass !== null) showError(new Error(unknownNote()), VIEW); // in the language shown
  // years beyond the data (world capacity held flat) and the registry fabs counted as zero:
  // the API's words (chipshock.present.coverage_notes), in the language shown
  const warnings = (lang === "ja" ? buildout.warnings_ja : buildout.warnings) || [];
  const uncounted = buildout.uncounted_note ? buildout.uncounted_note[lang] : "";
  fill("cap-result",
    warnings.length ? h("p", { class: "note", id: "cap-warnings" }, warnings.join(" ")) : null,
    spec ? chart(spec, undefined, { source: buildout.meta }) : null,
    uncounted ? h("p", { class: "note", id: "cap-uncounted" }, uncounted) : null,
    h("h3", {}, t("cap_fabs", { n: fabs.length })),
    h("div", { class: "scroll", tabindex: "0", id: "cap-fabs" }, table(fabs, [
      { key: "name", label: t("col_fab"), fmt: (v, r) => (lang === "ja" && r.name_ja) || v },
      { key: "operator", label: t("col_operator"), fmt: (v, r) => (lang === "ja" && r.operator_ja) || v },
      { key: "country", label: t("col_country"), fmt: (v, r) => (lang === "ja" && r.country_ja) || v },
      { key: "node_classes", label: t("col_node"), fmt: (v) => v.map((c) => nodeLabel(c)).join(t("sep_list")) },
      { key: "first_year", label: t("cap_first_year"), num: true, fmt: (v) => (v === null ? t("cap_no_capacity") : String(v)) },
      { key: "steps", label: t("cap_steps"), fmt: (v) => capacitySteps(v) },
      { key: "status", label: t("col_status"), fmt: (v) => statusLabel(v) },
      { key: "sources", label: t("col_source"), fmt: (v) => sourceLinks(v) },
    ])),
    h("p", { class: "source" }, t("cap_fabs_note")),
    details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(sums(buildout.rows, buildout.params.node_class), [
      { key: "year", label: t("year"), num: true },
      // the region by its name, as the chart's legend (from the API)
      { key: "region", label: t("col_region"), fmt: (v) => buildout.region_names?.[lang]?.[v] ?? v },
      // kwspm with one decimal, a nonzero below the tenth "<0.1" (as `chipshock capacity`)
      { key: "with", label: t("cap_with"), num: true, fmt: (v) => fmtCellNumber(v, 1) },
      { key: "without", label: t("cap_without"), num: true, fmt: (v) => fmtCellNumber(v, 1) },
      { key: "diff", label: t("cap_diff"), num: true, fmt: (v) => fmtCellNumber(v, 1) },
    ]))),
    h("p", { class: "source" }, sourceLine(buildout.meta)));
}
