// Embed the Vega-Lite specs the API sends (built once, in Python: chipshock.present.charts,
// the same specs the report draws) with the packaged vega-embed, CSP-safe: expressions run in
// vega-interpreter (no eval, no new Function), no injected <style>, no tooltip stylesheet
// (`tooltip`: the `title` attribute for a mouse, as Vega's own, a box for a finger).
// Nothing here builds or changes a chart; the spec's config carries its look. A tooltip's last
// line is the chart's source with its as-of date (`chart`'s `source`: the answer's meta).
// The Vega scripts (about 830 KB) are loaded only when a chart is about to be drawn
// (`loadVega`), so that the map and the first figures reach the screen without waiting for them.
import { h, tipSource } from "./dom.js";
import { t } from "./i18n.js";

const pending = new Map();
// each chart's box -> the meta of its data, whose source ends the chart's tooltips
const sources = new WeakMap();

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
  const rows = (table) => {
    if (table.rows) return table.rows;
    const fields = Object.entries(table.columns).map(([field, i]) => [field, columnValues(chartData.columns[i])]);
    return Array.from({ length: table.length }, (_, r) => Object.fromEntries(fields.map(([field, values]) => [field, values[r]])));
  };
  return { ...spec, datasets: Object.fromEntries(spec.datasets.map((name) => [name, rows(chartData.datasets[name])])) };
}

// One column as chipshock.api.chart_data sends it: run-length with `repeats`, strings as
// indexes into `levels`.
function columnValues(c) {
  const values = c.repeats ? c.values.flatMap((v, k) => Array(c.repeats[k]).fill(v)) : c.values;
  return c.levels ? values.map((k) => c.levels[k]) : values;
}

// The rows of a table sent column by column (a run's `bands` asked for as "table":
// chipshock.api.chart_data.table_columns); rows already are returned as they are.
export function tableRows(table) {
  if (Array.isArray(table)) return table;
  const fields = Object.entries(table.columns).map(([field, c]) => [field, columnValues(c)]);
  return Array.from({ length: table.length }, (_, r) => Object.fromEntries(fields.map(([field, values]) => [field, values[r]])));
}

// The specs of an answer's `charts` in one language, each with its tables (`withData`).
export function chartsIn(body, language) {
  return Object.fromEntries(Object.entries(body.charts[language]).map(([name, spec]) => [name, withData(spec, body.chart_data)]));
}

// the pointers that show a tooltip in a box (a mouse, and any other event, gets the `title`)
const FINGERS = new Set(["touch", "pen"]);

// A tooltip's lines, as Vega's own handler writes them: "field: value", one a line (the
// page's separator: 「地域：台湾」 in Japanese), then the source line of the chart's data
// (`tipSource` of `meta`, in the page's language: an engine result's in brief); "" when the
// mark has no tooltip.
function tipText(value, meta) {
  if (value === null || value === undefined || value === "") return "";
  const lines = typeof value !== "object" ? [String(value)]
    : Object.entries(value).map(([k, v]) => `${k}${t("sep_label")}${v}`);
  const source = tipSource(meta);
  return [...lines, ...(source ? [source] : [])].join("\n");
}

// Vega's tooltip handler, with a box for a finger. For a mouse, as Vega's own: the hovered
// mark's tooltip in the chart's `title` attribute, which the browser shows. A phone shows no
// `title`, so for a touch (or a pen) the same lines go into a box over the chart
// (`.vl-tip`, a status for screen readers) where the finger touched, until the next touch
// elsewhere (Vega then clears the tooltip).
function tooltip(handler, event, item, value) {
  const box = handler.element();
  if (!box) return;
  const text = tipText(value, sources.get(box));
  const touch = Boolean(text) && FINGERS.has(event.pointerType);
  let tip = box.parentElement.querySelector(":scope > .vl-tip");
  if (!touch) {
    if (text) box.setAttribute("title", text);
    else box.removeAttribute("title");
    tip?.remove();
    return;
  }
  box.removeAttribute("title");
  if (!tip) {
    tip = h("div", { class: "vl-tip", role: "status" });
    box.after(tip);
  }
  const lines = text.split("\n");
  tip.replaceChildren(...lines.map((line, i) => h("div", { class: sources.get(box) && i === lines.length - 1 ? "vl-tip-source" : null }, line)));
  const fig = box.parentElement.getBoundingClientRect();
  const x = event.clientX - fig.left, y = event.clientY - fig.top;
  // beside the finger, inside the figure: left of it in the right half, below it (above it
  // in the lower half of the chart)
  tip.style.left = `${Math.max(0, Math.min(x - tip.offsetWidth / 2, fig.width - tip.offsetWidth))}px`;
  tip.style.top = `${y > fig.height / 2 ? Math.max(0, y - tip.offsetHeight - 24) : y + 24}px`;
}

// A tap moves no pointer, and Vega shows a tooltip on a pointer's move: after a touch's click
// (the last of its events, after the mouse events a browser makes of a tap), the same move at
// the same place, so that Vega finds the mark under the finger and calls `tooltip`.
function tapAsMove(event) {
  if (!FINGERS.has(event.pointerType)) return;
  const { clientX, clientY, pointerType } = event;
  event.target.dispatchEvent(new PointerEvent("pointermove", { bubbles: true, clientX, clientY, pointerType }));
}

const OPTIONS = () => ({
  renderer: "svg",
  actions: false,
  ast: true,
  expr: vega.expressionInterpreter,
  defaultStyle: false,
  tooltip,
});

// A chart laid out at its box's width (`width: "container"`) takes that width when drawn and
// again on each window resize, which Vega listens for; a resize while its view was hidden (a
// phone turned, a window narrowed, on another tab) drew it 0 px wide, and it stayed blank when
// its view came back. A box whose width no longer matches its chart's tells Vega, with the
// event it waits for (once a frame, however many boxes changed).
let resizeQueued = false;
const stale = ({ target, contentRect }) => {
  const svg = target.querySelector(":scope > svg");
  return Boolean(svg) && contentRect.width > 0 && Math.abs(Number(svg.getAttribute("width")) - contentRect.width) > 1;
};
const boxWidths = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
  for (const { target } of entries) if (!target.isConnected) boxWidths.unobserve(target); // replaced
  if (resizeQueued || !entries.some(stale)) return;
  resizeQueued = true;
  requestAnimationFrame(() => {
    resizeQueued = false;
    window.dispatchEvent(new Event("resize"));
  });
});

// A figure holding the chart of `spec`, with a visible caption as its text alternative
// (default: the spec's description); `attrs.source`, the meta of the chart's data (the API's
// `meta`: source, as_of), ends each of its tooltips (`tipText`); the other attrs are the figure's.
// The chart is drawn once the figure is on screen (width comes from the page, not a scale).
// The title is set as page text above the chart, so that it wraps on a narrow screen.
export function chart(spec, caption = undefined, attrs = {}) {
  if (caption === undefined) caption = spec.description || null;
  const { title, ...body } = spec;
  const { source, ...figAttrs } = attrs;
  const box = h("div", { class: "vl" });
  if (source) sources.set(box, source);
  const fig = h("figure", { ...figAttrs, class: `vlfig ${figAttrs.class || ""}`.trim() },
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
      if (svg && spec.width === "container") boxWidths?.observe(box);
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description || "");
        svg.addEventListener("click", tapAsMove);
      }
    }).catch((err) => {
      box.replaceChildren(h("p", { class: "error" }, String(err.message || err)));
    });
  }
  if (pending.size > 300) for (const box of [...pending.keys()]) if (!box.isConnected) pending.delete(box);
}
