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

// Tornado: rows [{label, sub, low, base, high, lowText, highText}]; for each row a bar from the
// base to the KPI at the assumption's low value (upper bar) and one to its high value (lower bar).
export function tornadoChart({ rows, title, desc, baseText, lowName, highName, colors = [PALETTE[5], PALETTE[1]] }) {
  const width = 860, ml = 300, pad = 118, mr = 12, top = 66, rowH = 50, bar = 15;
  const height = top + rows.length * rowH + 8;
  const vals = rows.flatMap((r) => [r.low, r.base, r.high]);
  const lo = Math.min(...vals), hi = Math.max(...vals);
  const x0 = ml + pad, x1 = width - mr - pad;
  const sx = (v) => x0 + ((v - lo) / ((hi - lo) || 1)) * (x1 - x0);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart tornado", role: "img" },
    s("title", {}, title), s("desc", {}, desc));
  svg.append(s("text", { x: 0, y: 14, "font-weight": "bold", "font-size": 13 }, title));
  [lowName, highName].forEach((name, i) => {
    const x = ml + i * 190;
    svg.append(s("rect", { x, y: 24, width: 14, height: 12, fill: colors[i] }),
      s("text", { x: x + 19, y: 34, "font-size": 12 }, name));
  });
  const base = rows.length ? sx(rows[0].base) : x0;
  svg.append(s("line", { x1: base, x2: base, y1: top - 6, y2: height - 4, stroke: "#222", "stroke-width": 1.5 }),
    s("text", { x: base, y: top - 9, "text-anchor": "middle", "font-size": 12, "font-weight": "bold" }, baseText));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const g = s("g", { class: "tornado-row", "data-factor": r.factor });
    if (i % 2 === 0) g.append(s("rect", { x: 0, y: y - 2, width, height: rowH - 2, fill: "#f6f8fa" }));
    g.append(s("text", { x: 6, y: y + 18, "font-size": 13, "font-weight": "bold" }, r.label),
      s("text", { x: 6, y: y + 36, "font-size": 12, fill: "#555" }, r.sub));
    [[r.low, r.lowText, 0], [r.high, r.highText, 1]].forEach(([v, text, j]) => {
      const yb = y + 5 + j * (bar + 4);
      const [a, b] = [sx(r.base), sx(v)].sort((p, q) => p - q);
      g.append(s("rect", { class: "bar", x: a, y: yb, width: Math.max(b - a, 2), height: bar, fill: colors[j] },
        s("title", {}, `${r.label} — ${j ? highName : lowName}: ${text}`)));
      const left = v < r.base;
      g.append(s("text", { x: left ? a - 5 : b + 5, y: yb + bar - 3, "text-anchor": left ? "end" : "start", "font-size": 12 }, text));
    });
    svg.append(g);
  });
  return svg;
}
