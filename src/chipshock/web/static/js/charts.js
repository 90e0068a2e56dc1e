// SVG charts drawn by hand: median lines with p5–p95 bands, and horizontal bars.
import { s } from "./dom.js";

export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

function niceMax(v) {
  if (!(v > 0)) return 1;
  const e = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * e) return m * e;
  return 10 * e;
}

// series: [{name, color, rows: [{week, label, p5, p50, p95}]}]
export function bandChart({ series, title, desc, width = 420, height = 240, yMax = null }) {
  const m = { l: 40, r: 24, t: 22, b: 26 };
  const pw = width - m.l - m.r, ph = height - m.t - m.b;
  const all = series.flatMap((x) => x.rows);
  const xs = all.map((r) => r.week);
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const top = yMax ?? niceMax(Math.max(...all.map((r) => Math.max(r.p95, r.p50))));
  const bottom = Math.min(0, ...all.map((r) => r.p5));
  const sx = (w) => m.l + ((w - x0) / ((x1 - x0) || 1)) * pw;
  const sy = (v) => m.t + ph - ((v - bottom) / ((top - bottom) || 1)) * ph;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" },
    s("title", {}, title), s("desc", {}, desc));
  svg.append(s("text", { x: m.l, y: 14, "font-weight": "bold", "font-size": 12 }, title));
  for (let i = 0; i <= 4; i++) {
    const v = bottom + ((top - bottom) * i) / 4;
    svg.append(s("line", { x1: m.l, x2: m.l + pw, y1: sy(v), y2: sy(v), stroke: "#e6e6e6" }),
      s("text", { x: m.l - 5, y: sy(v) + 4, "text-anchor": "end" }, `${Math.round(v)}%`));
  }
  const labelled = series[0].rows;
  for (let i = 0; i <= 4; i++) {
    const r = labelled[Math.round((i / 4) * (labelled.length - 1))];
    if (r) svg.append(s("text", { x: sx(r.week), y: height - 8, "text-anchor": "middle" }, r.label));
  }
  for (const x of series) {
    const up = x.rows.map((r) => `${sx(r.week).toFixed(1)},${sy(r.p95).toFixed(1)}`);
    const lo = x.rows.slice().reverse().map((r) => `${sx(r.week).toFixed(1)},${sy(r.p5).toFixed(1)}`);
    const mid = x.rows.map((r) => `${sx(r.week).toFixed(1)},${sy(r.p50).toFixed(1)}`);
    svg.append(s("g", { class: "series" }, s("title", {}, x.name),
      s("polygon", { points: [...up, ...lo].join(" "), fill: x.color, "fill-opacity": 0.18 }),
      s("polyline", { points: mid.join(" "), fill: "none", stroke: x.color, "stroke-width": 2 })));
  }
  return svg;
}

// items: [{label, values: [v] or [a, b], lo?, hi?}], colors per value
export function barChart({ items, title, desc, unit = "", colors = [PALETTE[0], PALETTE[1]], fmt = null }) {
  const width = 560, ml = 170, mr = 110, row = 24;
  const nv = Math.max(...items.map((i) => i.values.length), 1);
  const height = 16 + items.length * (row * nv + 8);
  const vals = items.flatMap((i) => [...i.values, i.hi ?? 0, i.lo ?? 0]);
  const hi = Math.max(0, ...vals), lo = Math.min(0, ...vals);
  const sx = (v) => ml + ((v - lo) / ((hi - lo) || 1)) * (width - ml - mr);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart bars", role: "img" },
    s("title", {}, title), s("desc", {}, desc));
  svg.append(s("line", { x1: sx(0), x2: sx(0), y1: 4, y2: height - 4, stroke: "#999" }));
  items.forEach((it, i) => {
    const y0 = 8 + i * (row * nv + 8);
    svg.append(s("text", { x: ml - 8, y: y0 + (row * nv) / 2 + 4, "text-anchor": "end", "font-size": 13 }, it.label));
    it.values.forEach((v, j) => {
      const y = y0 + j * row;
      const [a, b] = [sx(0), sx(v)].sort((p, q) => p - q);
      svg.append(s("rect", { x: a, y, width: Math.max(b - a, 1), height: row - 6, fill: colors[j % colors.length] },
        s("title", {}, `${it.label}: ${fmt ? fmt(v) : v} ${unit}`)));
      if (j === 0 && it.lo !== undefined && it.hi !== undefined && it.lo !== null) {
        svg.append(s("line", { x1: sx(it.lo), x2: sx(it.hi), y1: y + (row - 6) / 2, y2: y + (row - 6) / 2,
          stroke: "#222", "stroke-width": 1.5 }));
      }
      const end = Math.max(b, it.hi !== undefined && j === 0 && it.hi !== null ? sx(it.hi) : b);
      svg.append(s("text", { x: end + 5, y: y + row - 10, "font-size": 13 }, `${fmt ? fmt(v) : v} ${unit}`));
    });
  });
  return svg;
}
