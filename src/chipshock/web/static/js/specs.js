// Every chart of the dashboard as one declarative Vega-Lite spec, built here and nowhere else.
// Text is in CSS pixels at every screen size (the chart is laid out at its real width, never
// scaled down), numbers on labels come formatted from i18n.js, and each spec carries its text
// alternative in `description`.
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const FONT = "Noto Sans, Noto Sans CJK JP, system-ui, sans-serif";

//: shared look: no text under 11 px
export const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 220, titleLimit: 280 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom", direction: "horizontal", labelLimit: 260 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: "start", limit: 0 },
  text: { fontSize: 12 },
  view: { stroke: null },
  background: "#ffffff",
};

const base = (description, height) => ({
  $schema: SCHEMA,
  description,
  width: "container",
  height,
  autosize: { type: "fit-x", contains: "padding" },
});

// Median lines with p5–p95 bands, one colour per side; `shock` = {from, to} dates greys the
// shock period. rows: [{date, p5, p50, p95, side}]
export function bandSpec({ rows, title, description, xTitle, yTitle, yMax = null, sides, shock = null, shockLabel = "" }) {
  const x = { field: "date", type: "temporal", title: xTitle, axis: { format: "%Y-%m", labelOverlap: true, tickCount: 5 } };
  const top = yMax ?? Math.max(1, ...rows.map((r) => r.p95));
  const y = { type: "quantitative", title: yTitle, scale: { domain: [Math.min(0, ...rows.map((r) => r.p5)), top], nice: true } };
  const color = { field: "side", type: "nominal", scale: { domain: sides, range: PALETTE }, legend: sides.length > 1 ? { title: null } : null };
  const layer = [];
  if (shock) {
    layer.push({
      data: { values: [{ from: shock.from, to: shock.to, label: shockLabel }] },
      mark: { type: "rect", color: "#999999", opacity: 0.15 },
      encoding: { x: { field: "from", type: "temporal" }, x2: { field: "to" } },
    });
  }
  layer.push(
    { mark: { type: "area", opacity: 0.2 }, encoding: { x, y: { ...y, field: "p5" }, y2: { field: "p95" }, color } },
    { mark: { type: "line", strokeWidth: 2 }, encoding: { x, y: { ...y, field: "p50" }, color } },
  );
  return { ...base(description, 170), title, data: { values: rows }, layer };
}

// Horizontal bars with their formatted value; several series side by side.
// rows: [{label, value, text, series}], `order` keeps the labels in the given order.
export function barSpec({ rows, title, description, xTitle, series = null, colors = PALETTE, height = null }) {
  const labels = [...new Set(rows.map((r) => r.label))];
  const n = series ? series.length : 1;
  const color = series
    ? { field: "series", type: "nominal", scale: { domain: series, range: colors }, legend: { title: null } }
    : { value: colors[0] };
  const y = { field: "label", type: "nominal", sort: labels, title: null, axis: { labelLimit: 180 } };
  const enc = { y, ...(series ? { yOffset: { field: "series", sort: series } } : {}) };
  const values = rows.map((r) => r.value);
  const hi = Math.max(0, ...values), lo = Math.min(0, ...values);
  const x = { field: "value", type: "quantitative", title: xTitle, scale: { domain: [lo, hi + (hi - lo) * 0.28 || 1] } };
  return {
    ...base(description, Math.max(60, labels.length * (14 + 16 * n))),
    title,
    data: { values: rows },
    layer: [
      { mark: { type: "bar" }, encoding: { ...enc, x, color } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 12 }, encoding: { ...enc, x: { field: "value", type: "quantitative" }, text: { field: "text" } } },
    ],
  };
}

// Tornado: for each assumption a bar from the base answer to the answer at its low value and one
// to its high value. rows: [{label, side, from, to, text}]; the rule marks the base.
export function tornadoSpec({ rows, title, description, xTitle, sides, baseValue }) {
  const labels = [...new Set(rows.map((r) => r.label))];
  const y = { field: "label", type: "nominal", sort: labels, title: null, axis: { labelLimit: 260 } };
  const color = { field: "side", type: "nominal", scale: { domain: sides, range: [PALETTE[5], PALETTE[1]] }, legend: { title: null } };
  const vals = rows.flatMap((r) => [r.from, r.to]);
  const lo = Math.min(...vals), hi = Math.max(...vals), pad = (hi - lo) * 0.3 || 1;
  const x = { field: "from", type: "quantitative", title: xTitle, scale: { domain: [lo - pad, hi + pad] } };
  return {
    ...base(description, Math.max(80, labels.length * 40)),
    title,
    data: { values: rows },
    layer: [
      { mark: { type: "bar" }, encoding: { y, yOffset: { field: "side", sort: sides }, x, x2: { field: "to" }, color } },
      {
        mark: { type: "text", fontSize: 12, dx: 4, align: "left" },
        transform: [{ filter: "datum.to >= datum.from" }],
        encoding: { y, yOffset: { field: "side", sort: sides }, x: { field: "to", type: "quantitative" }, text: { field: "text" } },
      },
      {
        mark: { type: "text", fontSize: 12, dx: -4, align: "right" },
        transform: [{ filter: "datum.to < datum.from" }],
        encoding: { y, yOffset: { field: "side", sort: sides }, x: { field: "to", type: "quantitative" }, text: { field: "text" } },
      },
      { data: { values: [{ v: baseValue }] }, mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x: { field: "v", type: "quantitative" } } },
    ],
  };
}

// Lines over years, one colour per group, solid/dashed for two variants.
// rows: [{year, group, variant, value}]
export function lineSpec({ rows, title, description, xTitle, yTitle, variants }) {
  return {
    ...base(description, 240),
    title,
    data: { values: rows },
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: { field: "year", type: "ordinal", title: xTitle, axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: "value", type: "quantitative", title: yTitle },
      color: { field: "group", type: "nominal", scale: { range: PALETTE }, legend: { title: null, columns: 4, symbolType: "stroke", symbolStrokeWidth: 3 } },
      strokeDash: { field: "variant", type: "nominal", scale: { domain: variants, range: [[1, 0], [5, 4]] }, legend: { title: null, symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 400 } },
    },
  };
}
