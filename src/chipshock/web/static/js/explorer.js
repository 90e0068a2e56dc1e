// Input explorer: a searchable, sorted list of every input; a detail panel with description,
// providers (names and shares), upstream and downstream trace; highlighting by country or firm;
// the chokepoint table. State in the URL: #explorer?input=N20&q=litho&type=…&sort=…&hl=JPN
import { getJSON, showError } from "./api.js";
import { EXPLORER_MIN_SHARE as MIN_SHARE, explorerUrls as urls, firstInput } from "./boot.js";
import { fill, h, md, s as svgEl, sourceLine, table } from "./dom.js";
import { bracketed, countryName, fmtNum, fmtPct, fmtUsd, inputName, lang, t, tn } from "./i18n.js";
import { builtinGroups, groupLabel, userGroups } from "./groups.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "explorer";
let rows = [], meta = null, chokes = null, mats = null, picked = null, detail = null, groups = [];
// an input id a link asked for that the catalogue does not have (null: none): the view says so
// beside the input shown instead, until another input is picked
let missing = null;
const byId = new Map();

const typeLabel = (ty) => { const s = t(`type_${ty}`); return s === `type_${ty}` ? String(ty).replaceAll("_", " ") : s; };

export async function initExplorer() {
  // the raw materials' chokepoints too; without them the rest of the view still works
  const [cat, ch, mat] = await Promise.all([
    getJSON(urls.inputs), getJSON(urls.chokepoints), getJSON(urls.materials).catch(() => null),
  ]);
  mats = mat;
  rows = cat.rows;
  meta = cat.meta;
  const user = Object.entries(userGroups()).map(([code, members]) => ({ code, members, user: true }));
  groups = [...(await builtinGroups().catch(() => [])), ...user];
  chokes = ch;
  for (const r of rows) byId.set(r.input_id, r);
  const p = paramsFor(VIEW);
  fillControls();
  document.getElementById("exp-q").value = p.get("q") || "";
  document.getElementById("exp-type").value = p.get("type") || "";
  document.getElementById("exp-sort").value = p.get("sort") || "name";
  document.getElementById("exp-hl").value = p.get("hl") || "";
  const form = document.getElementById("exp-controls");
  form.addEventListener("input", () => {
    renderList();
    save();
    // the share charts mark the highlighted provider: ask the API for them again
    if (detail && detail.hl !== document.getElementById("exp-hl").value) pick(picked, false);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  renderExplorer(); // the list and the chokepoints now; the picked input once its answers arrive
  await pick(firstInput(rows, p.get("input")), false);
}

function fillControls() {
  const types = [...new Set(rows.map((r) => r.type))].sort();
  const keep = (id) => document.getElementById(id).value;
  const [ty, so, hl] = [keep("exp-type"), keep("exp-sort"), keep("exp-hl")];
  fill("exp-type", h("option", { value: "" }, t("exp_all_types")),
    ...types.map((x) => h("option", { value: x }, typeLabel(x))));
  fill("exp-sort", ...["name", "share", "market", "providers"].map((k) =>
    h("option", { value: k }, t(`exp_sort_${k}`))));
  // countries by their names in the page's language (台湾, not TWN), in that name's order
  const countries = [...new Set(rows.flatMap((r) => r.countries))]
    .sort((a, b) => countryName(a).localeCompare(countryName(b), lang));
  const firms = [...new Set(rows.flatMap((r) => r.firms))].sort((a, b) => a.localeCompare(b));
  fill("exp-hl", h("option", { value: "" }, t("exp_hl_none")),
    groups.length ? h("optgroup", { label: t("exp_groups") }, groups.map((g) => h("option", { value: g.code }, groupLabel(g)))) : null,
    h("optgroup", { label: t("exp_countries") }, countries.map((c) => h("option", { value: c }, countryName(c)))),
    h("optgroup", { label: t("exp_firms") }, firms.map((c) => h("option", { value: c }, c))));
  if (ty) document.getElementById("exp-type").value = ty;
  document.getElementById("exp-sort").value = so || "name";
  if (hl) document.getElementById("exp-hl").value = hl;
}

function save() {
  setParams(VIEW, {
    input: picked, q: document.getElementById("exp-q").value.trim(),
    type: document.getElementById("exp-type").value,
    sort: document.getElementById("exp-sort").value === "name" ? "" : document.getElementById("exp-sort").value,
    hl: document.getElementById("exp-hl").value,
  });
}

function topShare(r) {
  return Math.max(r.top_country_share_pct ?? -1, r.top_firm_share_pct ?? -1);
}

function brief(r) {
  if (r.data_status !== "shares") return t(`exp_status_${r.data_status}`);
  const parts = [];
  if (r.top_country) parts.push(`${countryName(r.top_country)} ${fmtPct(r.top_country_share_pct, 1)}`);
  if (r.top_firm) parts.push(`${r.top_firm} ${fmtPct(r.top_firm_share_pct, 1)}`);
  return parts.join(" · ");
}

// an input's name in the page's language
const nameOf = (r) => inputName(r.input_id, r.name);
const byName = (a, b) => nameOf(a).localeCompare(nameOf(b), lang);

function filtered() {
  const q = document.getElementById("exp-q").value.trim().toLowerCase();
  const ty = document.getElementById("exp-type").value;
  const sort = document.getElementById("exp-sort").value;
  const hit = (r) => !q || [nameOf(r), r.name, r.input_id, r.description, ...r.countries, ...r.countries.map(countryName), ...r.firms]
    .some((x) => String(x || "").toLowerCase().includes(q));
  const out = rows.filter((r) => (!ty || r.type === ty) && hit(r));
  const key = {
    name: byName,
    share: (a, b) => topShare(b) - topShare(a) || byName(a, b),
    market: (a, b) => (b.market_size_usd ?? -1) - (a.market_size_usd ?? -1) || byName(a, b),
    providers: (a, b) => (b.n_countries + b.n_firms) - (a.n_countries + a.n_firms) || byName(a, b),
  }[sort] || byName;
  return out.sort(key);
}

function renderList() {
  const hl = document.getElementById("exp-hl").value;
  const list = filtered();
  const group = groups.find((g) => g.code === hl);
  const marked = group ? group.members : [hl];
  const supplies = (r) => hl && (marked.some((c) => r.countries.includes(c)) || r.firms.includes(hl));
  fill("exp-list", ...list.map((r) => h("li", {},
    h("button", {
      type: "button", "data-input": r.input_id, class: supplies(r) ? "hl" : null,
      "aria-current": r.input_id === picked ? "true" : null, onclick: () => pick(r.input_id, true),
    }, h("span", { class: "name" }, nameOf(r)), " ", h("span", { class: "id" }, r.input_id),
    h("span", { class: "sub" }, brief(r)),
    supplies(r) ? h("span", { class: "badge" }, t("exp_supplies", { p: countryName(hl) })) : null))));
  const n = hl ? rows.filter(supplies).length : null;
  document.getElementById("exp-count").textContent = [
    t("exp_count", { n: list.length, total: rows.length }),
    n !== null ? t("exp_hl_count", { p: countryName(hl), n }) : "",
  ].filter(Boolean).join(" · ");
}

// What the share charts mark: a provider, a built-in group's code (the API expands it) or the
// members of a group defined here.
function highlightOf(hl) {
  const g = groups.find((x) => x.code === hl);
  return g && g.user ? g.members.join(",") : hl;
}

async function pick(inputId, focus) {
  missing = byId.has(inputId) ? null : inputId;
  if (missing !== null) inputId = rows[0].input_id;
  picked = inputId;
  save();
  const hl = document.getElementById("exp-hl").value;
  try {
    const [shares, trace] = await Promise.all([
      getJSON(urls.shares(inputId, hl ? highlightOf(hl) : "")),
      getJSON(urls.trace(inputId)),
    ]);
    detail = { shares, trace, hl };
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  renderExplorer();
  if (focus) document.getElementById("exp-detail").focus();
}

// The country or firm share chart of the picked input, as the API built it.
function providerChart(kind) {
  const spec = detail.shares.charts?.[kind]?.[lang];
  return spec ? chart(spec, undefined, { source: detail.shares.meta }) : null;
}

// The trace as a node-link graph, laid out by the API (chipshock.present.trace_graph): what the
// input needs above it, what it feeds below. Drawn at its natural size (text stays 12 px) in a
// box that scrolls sideways when a row is wide; every node is a button (Tab, Enter) that opens
// that input; the lists below are its text alternative.
function traceGraph(tr) {
  const g = tr.graph;
  if (!g || g.nodes.length < 2) return null;
  const at = new Map(g.nodes.map((n) => [n.id, n]));
  const edges = svgEl("g", { class: "edges", "aria-hidden": "true" }, g.edges.map((e) => {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) return null;
    return svgEl("path", { d: `M${a.x},${a.y} C${a.x},${(a.y + b.y) / 2} ${b.x},${(a.y + b.y) / 2} ${b.x},${b.y}`, class: e.relation === "is_type_of" ? "is-type" : null });
  }));
  const nodes = svgEl("g", { class: "nodes" }, g.nodes.map((n) => {
    const step = Math.abs(n.row);
    const where = n.side === "input" ? t("exp_graph_self") : tn(n.side === "up" ? "exp_graph_up" : "exp_graph_down", step, { d: step });
    const node = svgEl("g", {
      class: `node ${n.side}`, transform: `translate(${n.x},${n.y})`, "data-input": n.id,
      tabindex: n.side === "input" ? null : "0", role: n.side === "input" ? "img" : "button",
      "aria-label": `${inputName(n.id, n.name)}${bracketed(n.id)}${t("sep_list")}${where}`,
    }, svgEl("title", {}, `${inputName(n.id, n.name)}${bracketed(n.id)}`),
    svgEl("rect", { x: -68, y: -19, width: 136, height: 38, rx: 6 }),
    // up to two lines (chipshock.present.trace_graph.box_label, measured to fit the box), centred on the node
    svgEl("text", { "text-anchor": "middle" }, ...(lang === "ja" && n.label_ja ? n.label_ja : n.label).split("\n")
      .map((line, i, all) => svgEl("tspan", { x: 0, dy: i === 0 ? `${0.35 - 0.6 * (all.length - 1)}em` : "1.2em" }, line))));
    if (n.side !== "input") {
      node.addEventListener("click", () => pick(n.id, true));
      node.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(n.id, true); } });
    }
    return node;
  }));
  const svg = svgEl("svg", {
    class: "trace-graph", width: g.width, height: g.height, viewBox: `0 0 ${g.width} ${g.height}`,
    role: "group", "aria-label": t("exp_graph_alt", { name: inputName(tr.input_id, tr.input_name), up: tr.upstream.length, down: tr.downstream.length }),
  }, edges, nodes);
  return h("figure", { class: "trace-figure" },
    h("div", { class: "scroll trace-scroll", tabindex: "0", role: "region", "aria-label": t("exp_graph") }, svg),
    h("figcaption", { class: "muted" }, t("exp_graph_note")));
}

function traceList(frame, dir) {
  if (!frame.length) return h("p", { class: "muted" }, t(dir === "up" ? "exp_up_none" : "exp_down_none"));
  const depths = [...new Set(frame.map((r) => r.depth))].sort((a, b) => a - b);
  return h("ol", { class: "trace" }, depths.map((d) => h("li", {},
    h("span", { class: "muted" }, t("exp_depth", { d })), " ",
    frame.filter((r) => r.depth === d).map((r) => h("button", {
      type: "button", class: "chip", onclick: () => pick(r.input_id, true),
      title: `${r.relation} ${r.via_id}`,
    }, `${inputName(r.input_id, r.input_name)}${bracketed(r.input_id)}`)))));
}

export function renderExplorer() {
  if (!rows.length) return;
  fillControls();
  renderList();
  renderChokes();
  renderMaterials();
  document.getElementById("exp-source").textContent = sourceLine(meta);
  if (!detail) return;
  // said again on each drawing, so that it follows the language (after the answers' own errors
  // were cleared)
  if (missing !== null) showError(new Error(t("exp_unknown", { id: missing })), VIEW);
  const r = byId.get(picked);
  const hl = document.getElementById("exp-hl").value;
  const list = detail.shares.rows;
  const market = r.market_size_usd ? `${fmtUsd(r.market_size_usd)}${bracketed(r.market_size_year)}` : t("exp_market_unknown");
  const tr = detail.trace;
  fill("exp-detail", 
    h("h3", { id: "exp-detail-h" }, `${nameOf(r)}${bracketed(r.input_id)}`),
    h("p", { class: "muted" }, `${typeLabel(r.type)}${r.stage_id ? ` · ${t("col_stage")} ${r.stage_id}` : ""} · ${t("exp_market")}${t("sep_label")}${market}`),
    // the ETO's description exists in English only: on the Japanese page marked lang="en" and
    // labelled as the map labels its English-only texts
    r.description
      ? h("p", { class: "desc", id: "exp-desc" }, lang === "en" ? null : h("span", { class: "in-english" }, t("exp_desc_in_english")),
        h("span", { lang: "en" }, md(r.description)))
      : h("p", { class: "desc", id: "exp-desc" }, t("exp_no_description")),
    r.data_status !== "shares" ? h("p", { class: "note", id: "exp-why" }, t(`exp_why_${r.data_status}`, { n: r.n_countries + r.n_firms })) : null,
    h("div", { class: "two" }, providerChart("country"), providerChart("firm")),
    h("h4", {}, t("exp_providers")),
    list.length ? h("div", { class: "scroll", tabindex: "0" }, table(list.filter((x) => !x.is_aggregate || x.share_pct !== null), [
      { key: "provider", label: t("col_provider"), fmt: (v, x) => {
        const name = x.provider_type === "country" ? countryName(v) : v;
        return h("span", { class: x.provider_type === "country" ? "place" : null }, v === hl ? `★ ${name}` : name);
      } },
      { key: "provider_type", label: t("col_type"), fmt: (v) => t(v === "country" ? "exp_country" : "exp_firm") },
      { key: "hq_country", label: t("col_hq"), fmt: (v) => (v ? h("span", { class: "place" }, countryName(v)) : "") },
      { key: "share_pct", label: t("col_share"), num: true, fmt: (v) => (v === null ? t("choke_unknown") : fmtPct(v, 1)) },
      { key: "year", label: t("year"), num: true },
      { key: "source", label: t("col_source") },
    ])) : h("p", { class: "muted" }, t("exp_status_none")),
    h("h4", {}, t("exp_graph")),
    traceGraph(tr),
    h("div", { class: "two" },
      h("div", {}, h("h4", {}, t("exp_upstream")), traceList(tr.upstream, "up")),
      h("div", {}, h("h4", {}, t(tr.reaches_final ? "exp_downstream" : "exp_downstream_partial")), traceList(tr.downstream, "down"))),
    h("p", { class: "source" }, md(`${t("source")}${t("sep_label")}${r.source || meta.source}`)));
}

function renderChokes() {
  document.getElementById("choke-top-h").textContent = t("choke_top", { s: MIN_SHARE });
  fill("choke-top", table(chokes.rows, [
    { key: "input_name", label: t("col_input"), fmt: (v, row) => inputName(row.input_id, v) },
    { key: "provider", label: t("col_provider"), fmt: (v) => countryName(v) },
    { key: "share_pct", label: t("col_share"), num: true, fmt: (v) => fmtPct(v, 1) },
    { key: "year", label: t("year"), num: true },
    { key: "source", label: t("col_source") },
  ], (row) => pick(row.input_id, true)));
}

// Each listed material's use and substitutes (materials.csv), once per material, under the table.
// In Japanese materials_ja.csv's translation (the API's use_ja, substitutes_ja); a material
// without one shows the data's English under a label that says so (as the CLI's
// chipshock.present.material_texts). A model input (advanced packaging) has neither text.
function materialTexts(rows) {
  const seen = new Set();
  const items = [];
  const colon = lang === "ja" ? "：" : ": ";
  for (const r of rows) {
    if (seen.has(r.material_id) || !(r.use || r.substitutes)) continue;
    seen.add(r.material_id);
    items.push(h("dt", {}, lang === "ja" && r.name_ja ? r.name_ja : r.name_en));
    for (const [key, en, ja] of [["use", r.use, r.use_ja], ["substitutes", r.substitutes, r.substitutes_ja]]) {
      if (!en) continue;
      const kept = lang === "ja" && !ja;
      items.push(h("dd", {}, t(kept ? `mat_${key}_english` : `mat_${key}`) + colon + (lang === "ja" && ja ? ja : en)));
    }
  }
  return items.length ? [h("dl", { class: "mat-texts" }, items), h("p", { class: "muted" }, t("mat_texts_note"))] : [];
}

// Raw materials where one named country holds at least MIN_SHARE % of mining or refining, and
// advanced packaging where one holds it of capacity (stage "capacity")
// (`chipshock chokepoints --materials`), with the share's as-of date and source, then the stock
// weeks with theirs, per row.
function renderMaterials() {
  document.getElementById("choke-mat-h").textContent = t("choke_materials", { s: MIN_SHARE });
  if (!mats) { fill("choke-mat", h("p", { class: "muted" }, t("choke_materials_none"))); return; }
  fill("choke-mat", table(mats.rows, [
    { key: "name_en", label: t("col_material"), fmt: (v, row) => (lang === "ja" && row.name_ja ? row.name_ja : v) },
    { key: "stage", label: t("col_stage"), fmt: (v) => t(`mat_stage_${v}`) },
    { key: "country", label: t("col_country"), fmt: (v) => countryName(v) },
    { key: "share_pct", label: t("col_share"), num: true, fmt: (v) => fmtPct(v, 1) },
    { key: "year", label: t("year"), num: true },
    { key: "as_of", label: t("as_of") },
    { key: "source_url", label: t("col_source") },
    // the stock comes from another row (materials.csv; inventory_buffers.csv for advanced
    // packaging), so it carries that row's date and source, not the share's
    { key: "stockpile_weeks", label: t("col_stock_weeks"), num: true, fmt: (v) => fmtNum(v, 0) },
    { key: "stockpile_as_of", label: t("col_stock_as_of") },
    { key: "stockpile_source_url", label: t("col_stock_source") },
  ]));
  fill("choke-mat-texts", materialTexts(mats.rows));
  // shares older than the data release by more than a few years are called dated (the API's note)
  const dated = lang === "ja" ? mats.dated_note_ja : mats.dated_note;
  document.getElementById("choke-mat-source").textContent = sourceLine(mats.meta) + (dated ? ` ${dated}` : "");
}

