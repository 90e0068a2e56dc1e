// World map of fabs (Natural Earth 1:110m via world-atlas, served locally), equirectangular.
import { getJSON } from "./api.js";
import { h, s, sourceLine, table } from "./dom.js";
import { fmtNum, nodeLabel, t } from "./i18n.js";

const W = 1000, LAT_TOP = 80, LAT_BOTTOM = -58;
const H = Math.round((W * (LAT_TOP - LAT_BOTTOM)) / 360);
const px = (lon) => ((lon + 180) / 360) * W;
const py = (lat) => ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H;
export const NODE_COLORS = {
  lt10: "#D55E00", n10_22: "#E69F00", n28_45: "#009E73", gt45: "#56B4E9",
  memory: "#CC79A7", packaging: "#555555", unknown: "#999999",
};
const STATUSES = ["operating", "ramping", "under-construction", "planned", "cancelled"];

let world = null, fabs = null, partnerships = null, meta = null;

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

function radius(f) {
  return f.capacity_wspm ? 3 + Math.sqrt(f.capacity_wspm) / 28 : 4;
}

function codes(cell) {
  return String(cell || "").split(";").map((c) => c.trim().toUpperCase()).filter(Boolean);
}

export async function initMap() {
  const [w, f, p] = await Promise.all([
    getJSON("/static/vendor/world-atlas/countries-110m.json"),
    getJSON("/api/fabs"),
    getJSON("/api/partnerships"),
  ]);
  world = topojson.feature(w, w.objects.countries);
  fabs = f.rows;
  meta = f.meta;
  partnerships = p;
  const box = document.getElementById("map-status");
  box.replaceChildren(...STATUSES.map((st) => h("label", {},
    h("input", { type: "checkbox", value: st, checked: st !== "cancelled" ? "" : null }),
    h("span", { "data-status": st }, t(`status_${st}`)))));
  document.getElementById("map-controls").addEventListener("input", renderMap);
  renderMap();
}

export function renderMap() {
  if (!world) return;
  const year = Number(document.getElementById("map-year").value);
  document.getElementById("map-year-out").textContent = year;
  for (const el of document.querySelectorAll("[data-status]")) el.textContent = t(`status_${el.dataset.status}`);
  const statuses = [...document.querySelectorAll("#map-status input:checked")].map((i) => i.value);
  const shown = fabs.filter((f) => statuses.includes(f.status)
    && (f.production_start_year === null || f.production_start_year <= year));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("map_alt", { n: shown.length }) },
    s("title", {}, t("map_title")), s("desc", {}, t("map_alt", { n: shown.length })));
  const land = s("g", { fill: "#d9dee3", stroke: "#ffffff", "stroke-width": 0.5 });
  for (const feat of world.features) land.append(s("path", { d: countryPath(feat) }, s("title", {}, feat.properties.name)));
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
          const label = `${row.parties} — ${row.technology || row.kind} (${row.partnership_id})`;
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
    const hollow = !f.capacity_wspm;
    dots.append(s("circle", {
      cx: px(f.longitude), cy: py(f.latitude), r: radius(f),
      fill: hollow ? "#fff" : c, "fill-opacity": hollow ? 0.9 : 0.8, stroke: c, "stroke-width": hollow ? 2 : 1,
      class: "fab", "data-fab": f.fab_id,
    }, s("title", {}, `${f.name} — ${f.operator}\n${nodeLabel(f.node_class)}${f.node_nm ? ` (${f.node_nm} nm)` : ""}, `
      + `${t(`status_${f.status}`)}, ${f.production_start_year ?? ""}\n`
      + `${f.capacity_wspm ? fmtNum(f.capacity_wspm, 0) + " wspm" : ""}`)));
  }
  svg.append(dots);
  document.getElementById("map").replaceChildren(svg);
  document.getElementById("map-count").textContent = t("map_count", { n: shown.length });
  document.getElementById("map-legend").replaceChildren(...Object.entries(NODE_COLORS)
    .filter(([k]) => k !== "unknown")
    .map(([k, c]) => h("span", { style: `--c:${c}` }, nodeLabel(k))));
  document.getElementById("map-source").textContent = sourceLine(meta) + " · " + "Natural Earth (public domain)";
  document.getElementById("map-table").replaceChildren(table(shown, [
    { key: "name", label: t("col_fab") },
    { key: "operator", label: t("col_operator") },
    { key: "country", label: t("col_country") },
    { key: "node_class", label: t("col_node"), fmt: (v, r) => `${nodeLabel(v)}${r.node_nm ? ` (${r.node_nm} nm)` : ""}` },
    { key: "capacity_wspm", label: t("col_capacity"), num: true, fmt: (v) => fmtNum(v, 0) },
    { key: "status", label: t("col_status"), fmt: (v) => t(`status_${v}`) },
    { key: "production_start_year", label: t("col_start"), num: true },
    { key: "as_of", label: t("as_of") },
    { key: "source_url", label: t("col_source") },
  ]));
}
