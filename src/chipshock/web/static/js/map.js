// World map of fabs (Natural Earth 1:110m via world-atlas, served locally), equirectangular.
import { mapData } from "./boot.js";
import { fill, h, md, s, sourceLine, table } from "./dom.js";
import { bracketed, confidenceLabel, fmtNum, fmtUsdAmount, inLanguage, lang, nodeLabel, t, tn } from "./i18n.js";
import { paramsFor, setParams } from "./url.js";

const W = 1000, LAT_TOP = 80, LAT_BOTTOM = -58;
const H = Math.round((W * (LAT_TOP - LAT_BOTTOM)) / 360);
const px = (lon) => ((lon + 180) / 360) * W;
const py = (lat) => ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H;
export const NODE_COLORS = {
  lt10: "#D55E00", n10_22: "#E69F00", n28_45: "#009E73", gt45: "#56B4E9",
  memory: "#CC79A7", packaging: "#555555", unknown: "#999999",
};
//: reading order of the statuses we know; any other status in the data is listed after them,
//: so that no fab is ever hidden for want of a checkbox
const STATUS_ORDER = ["operating", "ramping", "under-construction", "planned", "announced", "on-hold", "cancelled", "closed"];
const OFF_BY_DEFAULT = new Set(["cancelled"]);
let STATUSES = STATUS_ORDER;
export const statusLabel = (st) => { const s = t(`status_${st}`); return s === `status_${st}` ? String(st).replaceAll("-", " ") : s; };

let world = null, fabs = null, partnerships = null, meta = null, picked = null;
// each country's SVG path, made once (zoom and pan move the viewBox, not the paths)
let landPaths = null;
// The visible window of the map (viewBox): zoom 1 = the whole world.
const view = { zoom: 1, cx: W / 2, cy: H / 2 };

// Rings that cross the date line are unwrapped (no jumps over 180°) and drawn once more
// shifted by 360°, so each half shows at its edge of the map instead of a stripe across it.
function ringPath(ring) {
  const pts = [];
  let shift = 0;
  ring.forEach(([lon, lat], i) => {
    if (i > 0) {
      const d = lon + shift - pts[i - 1][0];
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    pts.push([lon + shift, lat]);
  });
  const draw = (dx) => "M" + pts.map(([lon, lat]) => `${px(lon + dx).toFixed(1)},${py(lat).toFixed(1)}`).join("L") + "Z";
  const lons = pts.map((p) => p[0]);
  let d = draw(0);
  if (Math.max(...lons) > 180) d += draw(-360);
  if (Math.min(...lons) < -180) d += draw(360);
  return d;
}

function countryPath(feature) {
  const g = feature.geometry;
  if (!g) return "";
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polys.map((p) => p.map(ringPath).join("")).join("");
}

// A curved arc between two anchors; if the short way crosses the date line, it wraps round.
function arcPaths([lon1, lat1], [lon2, lat2]) {
  const curve = (a, b) => {
    const [x1, y1, x2, y2] = [px(a[0]), py(a[1]), px(b[0]), py(b[1])];
    const lift = Math.min(90, Math.hypot(x2 - x1, y2 - y1) * 0.25);
    return `M${x1},${y1} Q${(x1 + x2) / 2},${(y1 + y2) / 2 - lift} ${x2},${y2}`;
  };
  if (Math.abs(lon2 - lon1) <= 180) return [curve([lon1, lat1], [lon2, lat2])];
  const [east, west] = lon1 > lon2 ? [[lon1, lat1], [lon2, lat2]] : [[lon2, lat2], [lon1, lat1]];
  const midLat = (lat1 + lat2) / 2 + 8;
  return [curve(east, [180, midLat]), curve([-180, midLat], west)];
}

// Circle area by capacity in the slider's year as the model holds it, in 300mm-equivalent
// wafers/month (the API's capacity_300mm_steps: the step function `chipshock fabs --capacity-in
// YEAR` sums), so that a 200mm fab is not drawn as large as a 300mm fab of the same wafer count.
// The map draws only fabs with capacity in the model that year (`producingIn`) and packaging
// sites, which hold no wafer capacity and are drawn hollow at one size; a fab's published figure
// (fabs.csv) never sizes a circle: a fab with only that is left out and named (`leftOutReason`).
const sliderYear = () => Number(document.getElementById("map-year").value);
function stepAt(f, year) {
  let v = 0;
  for (const [y, wspm] of f.capacity_300mm_steps || []) if (y <= year) v = wspm;
  return v;
}
const capacity300 = (f) => stepAt(f, sliderYear());
const packaging = (f) => f.segment === "packaging";
function radius(f) {
  const v = capacity300(f);
  return (v ? 3 + Math.sqrt(v) / 28 : packaging(f) ? 5 : 3) / Math.sqrt(view.zoom);
}

function viewBox() {
  const w = W / view.zoom, hh = H / view.zoom;
  view.cx = Math.min(Math.max(view.cx, w / 2), W - w / 2);
  view.cy = Math.min(Math.max(view.cy, hh / 2), H - hh / 2);
  return `${(view.cx - w / 2).toFixed(1)} ${(view.cy - hh / 2).toFixed(1)} ${w.toFixed(1)} ${hh.toFixed(1)}`;
}

function zoomBy(factor, cx = view.cx, cy = view.cy) {
  view.zoom = Math.min(16, Math.max(1, view.zoom * factor));
  view.cx = cx;
  view.cy = cy;
  save();
  renderMap();
}

function pan(dx, dy) {
  view.cx += (dx * W) / view.zoom;
  view.cy += (dy * H) / view.zoom;
  save();
  renderMap();
}

function save() {
  setParams("map", {
    year: document.getElementById("map-year").value === "2035" ? "" : document.getElementById("map-year").value,
    fab: picked,
    zoom: view.zoom > 1 ? `${view.zoom.toFixed(2)},${view.cx.toFixed(0)},${view.cy.toFixed(0)}` : "",
  });
}

function pick(fabId, focusPanel = true) {
  picked = fabId;
  save();
  renderMap();
  if (focusPanel) document.getElementById("map-detail").focus();
}

// What a partnership arc is about, in the page's language: its technology (technology_ja in
// Japanese where given), else its kind as the alliance tracker words it.
function arcTopic(row) {
  const kind = t(`trk_kind_${row.kind}`);
  return inLanguage(row.technology, row.technology_ja) || (kind === `trk_kind_${row.kind}` ? row.kind : kind);
}

// Where fab `f` is, in the page's language (region_or_city_ja of /api/fabs, from
// place_names_ja.csv; a place without a Japanese name shows as fabs.csv writes it).
function place(f) {
  return inLanguage(f.region_or_city, f.region_or_city_ja);
}

// Fab `f`'s name in the page's language (name_ja of /api/fabs, from fab_names_ja.csv).
const fabName = (f) => inLanguage(f.name, f.name_ja);

// A fab's capacity in the slider's year, as the map has it: the model's figure for a fab it
// draws, "packaging site" for a packaging site, else why it is not drawn (`leftOutReason`).
function capacityText(f) {
  const year = sliderYear();
  if (packaging(f)) return t("map_cap_packaging");
  if (producingIn(f, year)) return t("map_cap_300_in", { v: fmtNum(capacity300(f), 0), year });
  return t("map_not_drawn", { reason: leftOutReason(f, year) });
}

function fabText(f) {
  // the punctuation is the page's language's (、 and 。 in Japanese, not ", " and "; ")
  const sep = t("sep_list");
  const nm = f.node_nm ? t("map_node_nm", { nm: f.node_nm }) : "";
  const year = f.production_start_year ? `${sep}${t("map_start_year", { year: f.production_start_year })}` : "";
  return `${fabName(f)} — ${operatorText(f)}${sep}${nodeLabel(f.node_class)}${nm}${sep}`
    + `${statusLabel(f.status)}${year}${t("sep_clause")}${capacityText(f)}`;
}

// Whether fab `f` is producing in `year`, by the range the API computes with the rule of
// `chipshock fabs --year` and `/api/fabs?year=` (chipshock.analysis.fab_years: dated by the
// registry and with capacity in the model that year; closed, on-hold and undated fabs drop out
// there, so they do here): no second copy of the rule in the page.
const inRange = (first, last, year) => first !== null && first !== undefined && first <= year && year <= last;
const producingIn = (f, year) => inRange(f.producing_from_year, f.producing_until_year, year);
// Whether the registry alone dates fab `f` producing by `year` (the API's registry_* range): a
// fab in it but not producingIn has no capacity in the model that year, and is left out.
const datedIn = (f, year) => inRange(f.registry_from_year, f.registry_until_year, year);

// Why fab `f` is not drawn in `year`. A fab the registry never dates producing says why: on
// hold, cancelled, closed without a closing year, or no start year. Else as the CLI's caption
// says it: its first year of capacity in the model when that is later; no capacity that year in
// its rows; a published figure (fabs.csv, 300mm-equivalent) the model does not count (the
// fab's note says why: ST's Ang Mo Kio 6-inch lines would put the region's itemised fabs above
// its total); or no figure published at all, so none in the model.
const NEVER_DATED = { "on-hold": "map_left_out_on_hold", cancelled: "map_left_out_cancelled", closed: "map_left_out_closed" };
function leftOutReason(f, year) {
  if (f.registry_from_year === null || f.registry_from_year === undefined) {
    return t(NEVER_DATED[f.status] || "map_left_out_undated");
  }
  const steps = f.capacity_300mm_steps || [];
  const first = steps.find(([, wspm]) => wspm > 0);
  if (first && first[0] > year) return t("map_left_out_from", { year: first[0] });
  if (steps.length) return t("map_left_out_gone", { year });
  if (f.capacity_300mm_wspm) return t("map_left_out_published", { v: fmtNum(f.capacity_300mm_wspm, 0) });
  return t("map_left_out_none");
}

// A fab left out, named with its reason; a button that shows its details (its note says more).
function leftOutItem(f, year) {
  const button = h("button", { type: "button", class: "link", "data-fab": f.fab_id }, fabName(f));
  button.addEventListener("click", () => pick(f.fab_id));
  return [button, bracketed(leftOutReason(f, year))];
}

// `items` (arrays of nodes) joined by the page's list separator.
const joined = (items) => items.flatMap((item, i) => (i ? [t("sep_list"), ...item] : item));

function codes(cell) {
  return String(cell || "").split(";").map((c) => c.trim().toUpperCase()).filter(Boolean);
}

// The sentence under the map naming the fabs the registry has producing by `year` that the model
// gives no capacity that year (`chipshock fabs --year` leaves them out too), each with its reason.
function leftOutSentence(leftOut, year) {
  const [before, after] = tn("map_left_out", leftOut.length, { n: leftOut.length, year }).split("{fabs}");
  return [before, ...joined(leftOut.map((f) => leftOutItem(f, year))), after];
}

// The sentence naming the fabs of a ticked status that no year draws (on hold, cancelled, no
// start year in the registry), each with its reason.
function undatedSentence(fabsNever, year) {
  const [before, after] = tn("map_never_drawn", fabsNever.length, { n: fabsNever.length }).split("{fabs}");
  return [before, ...joined(fabsNever.map((f) => leftOutItem(f, year))), after];
}

export async function initMap() {
  const [w, f, p] = await mapData; // asked for by boot.js as the page started
  world = topojson.feature(w, w.objects.countries);
  landPaths = world.features.map((feat) => [countryPath(feat), feat.properties.name]);
  fabs = f.rows;
  meta = f.meta;
  partnerships = p;
  const box = document.getElementById("map-status");
  const present = new Set(fabs.map((x) => x.status));
  STATUSES = [...STATUS_ORDER.filter((st) => present.has(st)), ...[...present].filter((st) => !STATUS_ORDER.includes(st)).sort()];
  box.replaceChildren(...STATUSES.map((st) => h("label", {},
    h("input", { type: "checkbox", value: st, checked: OFF_BY_DEFAULT.has(st) ? null : "" }),
    h("span", { "data-status": st }, statusLabel(st)))));
  const q = paramsFor("map");
  if (q.get("year")) document.getElementById("map-year").value = q.get("year");
  if (q.get("fab")) picked = q.get("fab");
  if (q.get("zoom")) {
    const [z, cx, cy] = q.get("zoom").split(",").map(Number);
    if (z >= 1 && z <= 16) Object.assign(view, { zoom: z, cx: cx || W / 2, cy: cy || H / 2 });
  }
  document.getElementById("map-table").closest("details").addEventListener("toggle", (e) => { if (e.target.open) renderTable(); });
  document.getElementById("map-controls").addEventListener("input", () => { save(); renderMap(); });
  document.getElementById("map-controls").addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("map-zoom-in").addEventListener("click", () => zoomBy(1.6));
  document.getElementById("map-zoom-out").addEventListener("click", () => zoomBy(1 / 1.6));
  document.getElementById("map-zoom-reset").addEventListener("click", () => { view.zoom = 1; zoomBy(1, W / 2, H / 2); });
  const mapBox = document.getElementById("map");
  mapBox.addEventListener("keydown", (e) => {
    const step = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] }[e.key];
    if (step && e.target === mapBox) { e.preventDefault(); pan(...step); }
    else if (e.key === "+" || e.key === "=") { e.preventDefault(); zoomBy(1.6); }
    else if (e.key === "-") { e.preventDefault(); zoomBy(1 / 1.6); }
  });
  // drag (mouse or one finger) pans once zoomed in
  let drag = null;
  mapBox.addEventListener("pointerdown", (e) => { if (view.zoom > 1) drag = { x: e.clientX, y: e.clientY, w: mapBox.clientWidth }; });
  mapBox.addEventListener("pointerup", (e) => {
    if (!drag) return;
    const dx = (drag.x - e.clientX) / drag.w, dy = (drag.y - e.clientY) / drag.w * (W / H);
    drag = null;
    if (Math.abs(dx) + Math.abs(dy) > 0.01) pan(dx, dy);
  });
  renderMap();
}

export function renderMap() {
  if (!world) return;
  const year = Number(document.getElementById("map-year").value);
  document.getElementById("map-year-out").textContent = year;
  for (const el of document.querySelectorAll("[data-status]")) el.textContent = statusLabel(el.dataset.status);
  const statuses = [...document.querySelectorAll("#map-status input:checked")].map((i) => i.value);
  const shown = fabs.filter((f) => statuses.includes(f.status) && producingIn(f, year));
  const leftOut = fabs.filter((f) => statuses.includes(f.status) && datedIn(f, year) && !producingIn(f, year));
  // fabs of a ticked status the registry dates producing in no year: never drawn, named too
  const neverDated = fabs.filter((f) => statuses.includes(f.status)
    && (f.registry_from_year === null || f.registry_from_year === undefined));
  const hollowCount = shown.filter(packaging).length;
  const noPlace = shown.filter((f) => f.latitude === null || f.longitude === null);
  const svg = s("svg", { viewBox: viewBox(), role: "group", "aria-label": t("map_alt", { n: shown.length }), class: view.zoom > 1 ? "zoomed" : "" },
    s("title", {}, t("map_title")), s("desc", {}, t("map_alt", { n: shown.length })));
  const land = s("g", { fill: "#d9dee3", stroke: "#ffffff", "stroke-width": 0.5 });
  for (const [d, name] of landPaths) land.append(s("path", { d }, s("title", {}, name)));
  svg.append(land);
  if (document.getElementById("map-arcs").checked) {
    const arcs = s("g", { fill: "none", stroke: "#0b2740", "stroke-width": 1.4, "stroke-opacity": 0.55 });
    const anchors = partnerships.anchors;
    const seen = new Set();
    for (const row of partnerships.rows) {
      const cs = [...new Set(codes(row.parties_countries))].filter((c) => anchors[c]);
      for (let i = 0; i < cs.length; i++) {
        for (let j = i + 1; j < cs.length; j++) {
          const key = [cs[i], cs[j]].sort().join("-");
          const label = `${(lang === "ja" && row.parties_ja) || row.parties} — ${arcTopic(row)}${bracketed(row.partnership_id)}`;  // parties_ja: release 27
          if (seen.has(key)) { arcs.querySelector(`[data-pair="${key}"] title`).textContent += `\n${label}`; continue; }
          seen.add(key);
          const g = s("g", { "data-pair": key }, s("title", {}, label));
          for (const d of arcPaths(anchors[cs[i]], anchors[cs[j]])) g.append(s("path", { d, "stroke-dasharray": "5 3" }));
          arcs.append(g);
        }
      }
    }
    svg.append(arcs);
  }
  const dots = s("g", { class: "fabs" });
  for (const f of [...shown].sort((a, b) => radius(b) - radius(a))) {
    if (f.latitude === null || f.longitude === null) continue;
    const c = NODE_COLORS[f.node_class] || NODE_COLORS.unknown;
    const hollow = packaging(f); // a packaging site: no wafer capacity
    const text = fabText(f);
    const dot = s("circle", {
      cx: px(f.longitude), cy: py(f.latitude), r: radius(f),
      fill: hollow ? "#fff" : c, "fill-opacity": hollow ? 0.95 : 0.8, stroke: f.fab_id === picked ? "#000" : c,
      "stroke-width": (f.fab_id === picked ? 3 : hollow ? 2.2 : 1) / Math.sqrt(view.zoom),
      class: `fab${hollow ? " nocap" : ""}`, "data-fab": f.fab_id, tabindex: "0", role: "button",
      "aria-label": text, "aria-pressed": String(f.fab_id === picked),
    }, s("title", {}, text));
    dot.addEventListener("click", () => pick(f.fab_id));
    dot.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(f.fab_id); } });
    dots.append(dot);
  }
  svg.append(dots);
  const box = document.getElementById("map");
  box.tabIndex = 0;
  box.setAttribute("aria-label", t("map_keys"));
  box.replaceChildren(svg);
  document.getElementById("map-count").textContent = [t("map_count", { n: shown.length }),
    hollowCount ? t("map_count_nocap", { n: hollowCount }) : "", noPlace.length ? t("map_count_noplace", { n: noPlace.length }) : ""].filter(Boolean).join(" · ");
  const leftOutBox = document.getElementById("map-left-out");
  leftOutBox.replaceChildren(...(leftOut.length ? leftOutSentence(leftOut, year) : []),
    // sentences follow each other after a space in English, straight after 。 in Japanese
    ...(neverDated.length ? [leftOut.length && lang !== "ja" ? " " : "", ...undatedSentence(neverDated, year)] : []));
  fill("map-legend", ...Object.entries(NODE_COLORS)
    .map(([k, c]) => h("span", { vars: { "--c": c }, "data-node": k }, nodeLabel(k))),
    h("span", { class: "hollow" }, t("map_legend_nocap")),
    h("span", { class: "size" }, t("map_legend_size")),
    h("span", { class: "year" }, t("map_legend_year")));
  const f = fabs.find((x) => x.fab_id === picked);
  const programme = Boolean(f && f.public_funding_usd && f.funding_program);
  fill("map-detail", ...(f ? [
    // the heading names the fab in the page's language; its id (for --fabs-off) is a detail
    h("h3", { id: "map-detail-name" }, fabName(f)),
    h("p", {}, fabText(f)),
    h("p", { id: "map-place" }, `${place(f)}${place(f) ? t("sep_list") : ""}${countryText(f)} · ${t("col_operator")}${t("sep_label")}${operatorText(f)}`
      + (f.public_funding_usd ? ` · ${t("map_funding")}${t("sep_label")}${fmtUsdAmount(f.public_funding_usd)}` : ""),
    programme ? [" (", english(f.funding_program, "map-programme"), ")", f.note ? null : englishMark("map_in_english")] : null),
    // one mark for both English texts, at the start of the note (they were marked each)
    f.note ? h("p", { class: "muted", id: "map-note" }, englishMark(programme ? "map_in_english_both" : "map_in_english"), english(md(f.note))) : null,
    h("p", { class: "source" }, md(`${t("source")}${t("sep_label")}${f.source_url} · ${t("as_of")} ${f.as_of} · ${t("col_confidence")}${t("sep_label")}${confidenceLabel(f.confidence)}`)),
    h("p", { class: "muted", id: "map-fab-id" }, t("map_fab_id", { id: f.fab_id })),
  ] : [h("p", { class: "muted" }, t("map_pick"))]));
  document.getElementById("map-source").textContent = sourceLine(meta) + " · " + t("map_natural_earth");
  tableRows = shown;
  if (document.getElementById("map-table").closest("details").open) renderTable();
}

// Text the data has only in English (a funding programme, a fab's note): marked lang="en", so
// that a screen reader on the Japanese page reads it as English, and labelled once in a fab's
// detail there (`englishMark`): 「（英語の原文）」 beside the one English text, or
// 「（支援制度名と注記は英語の原文）」 before the note when the programme is in English too.
const english = (text, id = undefined) => h("span", { lang: "en", id }, text);
const englishMark = (key) => (lang === "en" ? null : h("span", { class: "in-english" }, t(key)));

// a fab's operator in the page's language (operator_ja of /api/fabs, from fab_names_ja.csv)
const operatorText = (f) => inLanguage(f.operator, f.operator_ja);

// a fab's country in the page's language (the API's country_ja: 日本, not JPN)
const countryText = (f) => (lang === "ja" && f.country_ja) || f.country;

// The table of the fabs shown (in a closed <details> at first): drawn when opened, so that the
// map's first drawing does not wait for a few hundred rows nobody sees yet.
let tableRows = [];
function renderTable() {
  fill("map-table", table(tableRows, [
    { key: "name", label: t("col_fab"), fmt: (_v, r) => fabName(r) },
    { key: "operator", label: t("col_operator"), fmt: (_v, r) => operatorText(r) },
    { key: "country", label: t("col_country"), fmt: (v, r) => countryText(r) },
    { key: "node_class", label: t("col_node"), fmt: (v, r) => `${nodeLabel(v)}${r.node_nm ? t("map_node_nm", { nm: r.node_nm }) : ""}` },
    { key: "capacity_300mm_wspm", label: t("map_col_capacity_300_in", { year: sliderYear() }), num: true,
      fmt: (_v, r) => (packaging(r) ? t("map_cap_packaging") : fmtNum(capacity300(r), 0)) },
    { key: "capacity_basis", label: t("map_col_capacity_basis"), fmt: (v) => v ?? "–" },
    { key: "status", label: t("col_status"), fmt: (v) => statusLabel(v) },
    { key: "production_start_year", label: t("col_start"), num: true },
    { key: "as_of", label: t("as_of") },
    { key: "source_url", label: t("col_source") },
  ], (r) => pick(r.fab_id)));
}
