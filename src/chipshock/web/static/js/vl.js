// Embed the Vega-Lite specs the API sends (built once, in Python: chipshock.present.charts,
// the same specs the report draws) with the packaged vega-embed, CSP-safe: expressions run in
// vega-interpreter (no eval, no new Function), no injected <style>, no tooltip stylesheet.
// Nothing here builds or changes a chart; the spec's config carries its look.
// The Vega scripts (about 830 KB) are loaded only when a chart is about to be drawn
// (`loadVega`), so that the map and the first figures reach the screen without waiting for them.
import { h } from "./dom.js";

const pending = new Map();

// the packaged scripts, in the order they must run (vega-embed needs vega and vega-lite)
const VEGA_SCRIPTS = [
  "vega/vega.min.js",
  "vega-lite/vega-lite.min.js",
  "vega-embed/vega-embed.min.js",
  "vega-interpreter/vega-interpreter.min.js",
];
let vegaLoading = null;

function script(path) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = `/static/vendor/${path}`;
    tag.async = false; // downloaded in parallel, run in the order inserted
    tag.addEventListener("load", resolve);
    tag.addEventListener("error", () => reject(new Error(`could not load ${tag.src}`)));
    document.head.append(tag);
  });
}

// Load vega, vega-lite, vega-embed and vega-interpreter once (from the package, no CDN);
// resolves when `vegaEmbed` can be called.
export function loadVega() {
  if (!vegaLoading) {
    vegaLoading = Promise.all(VEGA_SCRIPTS.map(script));
    vegaLoading.catch(() => { vegaLoading = null; });
  }
  return vegaLoading;
}

// `spec` with its tables, for a response that sends them once in `chartData` (a run's or a
// comparison's `chart_data`: chipshock.api.chart_data): each name in the spec's `datasets` list
// becomes that table's rows again, value for value. A spec that carries its own tables is
// returned as it is.
export function withData(spec, chartData) {
  if (!Array.isArray(spec.datasets)) return spec;
  const column = (i) => {
    const c = chartData.columns[i];
    const values = c.repeats ? c.values.flatMap((v, k) => Array(c.repeats[k]).fill(v)) : c.values;
    return c.levels ? values.map((k) => c.levels[k]) : values;
  };
  const rows = (table) => {
    if (table.rows) return table.rows;
    const fields = Object.entries(table.columns).map(([field, i]) => [field, column(i)]);
    return Array.from({ length: table.length }, (_, r) => Object.fromEntries(fields.map(([field, values]) => [field, values[r]])));
  };
  return { ...spec, datasets: Object.fromEntries(spec.datasets.map((name) => [name, rows(chartData.datasets[name])])) };
}

// The specs of an answer's `charts` in one language, each with its tables (`withData`).
export function chartsIn(body, language) {
  return Object.fromEntries(Object.entries(body.charts[language]).map(([name, spec]) => [name, withData(spec, body.chart_data)]));
}

const OPTIONS = () => ({
  renderer: "svg",
  actions: false,
  ast: true,
  expr: vega.expressionInterpreter,
  defaultStyle: false,
  tooltip: false,
});

// A figure holding the chart of `spec`, with a visible caption as its text alternative
// (default: the spec's description).
// The chart is drawn once the figure is on screen (width comes from the page, not a scale).
// The title is set as page text above the chart, so that it wraps on a narrow screen.
export function chart(spec, caption = undefined, attrs = {}) {
  if (caption === undefined) caption = spec.description || null;
  const { title, ...body } = spec;
  const box = h("div", { class: "vl" });
  const fig = h("figure", { ...attrs, class: `vlfig ${attrs.class || ""}`.trim() },
    title ? h("p", { class: "chart-title" }, title) : null, box,
    caption ? h("figcaption", { class: "muted" }, caption) : null);
  pending.set(box, body);
  queueMicrotask(flush);
  return fig;
}

// Draw every pending chart that is in the document and visible (loading Vega first if a
// chart is waiting for it).
export function flush() {
  if (typeof vegaEmbed === "undefined") {
    const visible = [...pending.keys()].some((box) => box.isConnected && box.offsetParent !== null);
    if (visible) {
      loadVega().then(flush, (err) => {
        for (const [box] of pending) {
          if (box.isConnected && box.offsetParent !== null) {
            box.replaceChildren(h("p", { class: "error" }, String(err.message || err)));
          }
        }
      });
    }
    return;
  }
  for (const [box, spec] of pending) {
    if (!box.isConnected || box.offsetParent === null) continue;
    pending.delete(box);
    vegaEmbed(box, spec, OPTIONS()).then(() => {
      box.dataset.rendered = "true";
      const svg = box.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description || "");
      }
    }).catch((err) => {
      box.replaceChildren(h("p", { class: "error" }, String(err.message || err)));
    });
  }
  if (pending.size > 300) for (const box of [...pending.keys()]) if (!box.isConnected) pending.delete(box);
}
