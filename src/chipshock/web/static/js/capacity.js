// Capacity build-out 2022–2035 by region and node class, with and without the alliance fabs.
// State in the URL: #capacity?class=lt10
import { getJSON, showError } from "./api.js";
import { details, fill, h, sourceLine, table } from "./dom.js";
import { fmtNum, nodeLabel, t } from "./i18n.js";
import { statusLabel } from "./map.js";
import { lineSpec } from "./specs.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "capacity";
const YEARS = Array.from({ length: 14 }, (_, i) => 2022 + i);
let withFabs = null, withoutFabs = null, allianceFabs = [], fabs = [];

export async function initCapacity() {
  const years = YEARS.map((y) => `years=${y}`).join("&");
  const [scen, fabList] = await Promise.all([getJSON("/api/scenarios"), getJSON("/api/fabs")]);
  allianceFabs = scen.params.alliance_fabs;
  fabs = fabList.rows.filter((f) => allianceFabs.includes(f.fab_id));
  const off = allianceFabs.map((f) => `fabs_off=${encodeURIComponent(f)}`).join("&");
  [withFabs, withoutFabs] = await Promise.all([getJSON(`/api/capacity?${years}`), getJSON(`/api/capacity?${years}&${off}`)]);
  const classes = [...new Set(withFabs.rows.map((r) => r.node_class))];
  const sel = document.getElementById("cap-class");
  sel.replaceChildren(h("option", { value: "all" }, t("cap_all")), ...classes.map((c) => h("option", { value: c }, nodeLabel(c))));
  const want = paramsFor(VIEW).get("class");
  sel.value = want && (want === "all" || classes.includes(want)) ? want : (classes.includes("lt10") ? "lt10" : "all");
  sel.addEventListener("change", () => { setParams(VIEW, { class: sel.value }); renderCapacity(); });
  renderCapacity();
}

function sums(rows, cls) {
  const out = new Map();
  for (const r of rows) {
    if (cls !== "all" && r.node_class !== cls) continue;
    const k = `${r.year}|${r.region}`;
    out.set(k, (out.get(k) || 0) + r.capacity_kwspm);
  }
  return out;
}

export function renderCapacity() {
  if (!withFabs) return;
  const sel = document.getElementById("cap-class");
  for (const o of sel.options) o.textContent = o.value === "all" ? t("cap_all") : nodeLabel(o.value);
  const cls = sel.value;
  const a = sums(withFabs.rows, cls), b = sums(withoutFabs.rows, cls);
  const [on, off] = [t("cap_with"), t("cap_without")];
  const rows = [];
  const table_ = [];
  for (const k of a.keys()) {
    const [year, region] = k.split("|");
    rows.push({ year: Number(year), group: region, variant: on, value: a.get(k) });
    rows.push({ year: Number(year), group: region, variant: off, value: b.get(k) ?? 0 });
    table_.push({ year: Number(year), region, with: a.get(k), without: b.get(k) ?? 0, diff: a.get(k) - (b.get(k) ?? 0) });
  }
  const what = cls === "all" ? t("cap_all") : nodeLabel(cls);
  const title = t("cap_chart", { c: what });
  const last = table_.filter((r) => r.year === YEARS[YEARS.length - 1]).sort((x, y) => y.with - x.with);
  const desc = t("cap_alt", { c: what, y: YEARS[YEARS.length - 1], list: last.map((r) => `${r.region} ${fmtNum(r.with, 0)} (${fmtNum(r.without, 0)})`).join(", ") });
  fill("cap-result", 
    chart(lineSpec({ rows, title, description: desc, xTitle: t("year"), yTitle: t("cap_axis"), variants: [on, off] }), desc),
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
    details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(table_, [
      { key: "year", label: t("year"), num: true },
      { key: "region", label: t("col_region") },
      { key: "with", label: on, num: true, fmt: (v) => fmtNum(v, 1) },
      { key: "without", label: off, num: true, fmt: (v) => fmtNum(v, 1) },
      { key: "diff", label: t("cap_diff"), num: true, fmt: (v) => fmtNum(v, 1) },
    ]))),
    h("p", { class: "source" }, sourceLine(withFabs.meta)));
}
