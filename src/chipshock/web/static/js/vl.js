// Embed the Vega-Lite specs the API sends (built once, in Python: chipshock.present.charts,
// the same specs the report draws) with the packaged vega-embed, CSP-safe: expressions run in
// vega-interpreter (no eval, no new Function), no injected <style>, no tooltip stylesheet.
// Nothing here builds or changes a chart; the spec's config carries its look.
import { h } from "./dom.js";

const pending = new Map();

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

// Draw every pending chart that is in the document and visible.
export function flush() {
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
