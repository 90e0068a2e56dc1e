// Capacity build-out 2022–2035 by region and node class, with and without the alliance fabs.
// The chart comes from the API (GET /api/capacity/buildout, built in Python).
// State in the URL: #capacity?class=lt10
import { getJSON, showError } from "./api.js";
import { CAPACITY_CLASS, buildoutUrl } from "./boot.js";
import { details, fill, h, sourceLine, table } from "./dom.js";
import { fmtNum, lang, nodeLabel, t } from "./i18n.js";
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
  const [first, fabList] = await Promise.all([firstBuildout(want), getJSON("/api/fabs")]);
  const classes = first.node_classes;
  fabs = fabList.rows.filter((f) => first.params.alliance_fabs.includes(f.fab_id));
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
    classes: codes.map((c) => `${c} (${name(c)})`).join(", "),
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

export function renderCapacity() {
  if (!buildout) return;
  const sel = document.getElementById("cap-class");
  for (const o of sel.options) o.textContent = o.value === "all" ? t("cap_all") : nodeLabel(o.value);
  const spec = buildout.chart[lang];
  if (unknownClass !== null) showError(new Error(unknownNote()), VIEW); // in the language shown
  fill("cap-result", 
    spec ? chart(spec) : null,
    h("h3", {}, t("cap_fabs", { n: fabs.length })),
    h("div", { class: "scroll", tabindex: "0" }, table(fabs, [
      { key: "name", label: t("col_fab") },
      { key: "operator", label: t("col_operator") },
      { key: "country", label: t("col_country") },
      { key: "node_class", label: t("col_node"), fmt: (v) => nodeLabel(v) },
      { key: "capacity_wspm", label: t("col_capacity"), num: true, fmt: (v) => (v ? fmtNum(v, 0) : t("cap_unpublished")) },
      { key: "production_start_year", label: t("col_start"), num: true },
      { key: "status", label: t("col_status"), fmt: (v) => statusLabel(v) },
      { key: "source_url", label: t("col_source") },
    ])),
    details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(sums(buildout.rows, buildout.params.node_class), [
      { key: "year", label: t("year"), num: true },
      { key: "region", label: t("col_region") },
      { key: "with", label: t("cap_with"), num: true, fmt: (v) => fmtNum(v, 1) },
      { key: "without", label: t("cap_without"), num: true, fmt: (v) => fmtNum(v, 1) },
      { key: "diff", label: t("cap_diff"), num: true, fmt: (v) => fmtNum(v, 1) },
    ]))),
    h("p", { class: "source" }, sourceLine(buildout.meta)));
}
