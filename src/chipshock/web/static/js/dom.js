// Tiny DOM helpers: elements, SVG elements, tables and source lines.
import { fmtNum, lang, t } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "vars") for (const [name, value] of Object.entries(v)) el.style.setProperty(name, value);
    else if (k === "style") el.style.cssText = v; // CSSOM: allowed by the strict CSP, unlike a style attribute
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

const NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

// columns: [{key, label, num?, fmt?}]
export function table(rows, columns, onPick = null) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c.label)));
  const body = rows.map((r) => {
    const tr = h("tr", onPick ? { class: "pick", tabindex: "0" } : {},
      columns.map((c) => {
        const v = r[c.key];
        const text = c.fmt ? c.fmt(v, r) : v ?? "";
        if (typeof text === "string" && text.startsWith("http") && !text.includes(" ")) {
          return h("td", {}, h("a", { href: text, rel: "noopener" }, new URL(text).hostname));
        }
        // a date ("2024-02-27", "2025-04") on one line: not "2024-" over "02-27" in a narrow column
        const date = typeof text === "string" && /^\d{4}-\d{2}(-\d{2})?$/.test(text);
        return h("td", c.num ? { class: "n" } : date ? { class: "date" } : {}, typeof text === "string" ? md(text) : text);
      }));
    if (onPick) {
      tr.addEventListener("click", () => onPick(r));
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(r); });
    }
    return tr;
  });
  // wide tables scroll inside their own box (reachable by keyboard), never the page
  return h("div", { class: "tablewrap", tabindex: "0" }, h("table", {}, h("thead", {}, head), h("tbody", {}, body)));
}

// In Japanese, the API's `source_ja` and `licence_ja` where it gives them.
// Parts of a source line joined by " · "; a Japanese part drops its closing 。 first (the line
// read 「…chipshock data info）。 · ETO データは…」).
const joinParts = (parts) => parts.map((p) => (lang === "ja" ? String(p).replace(/。$/, "") : p)).join(" · ");

export function sourceLine(meta) {
  if (!meta) return "";
  const parts = [sourceBrief(meta)];
  if (meta.licence) parts.push((lang === "ja" && meta.licence_ja) || meta.licence);
  return joinParts(parts);
}

// The source and its as-of date without the licence, for a chart's tooltip:
// "Source: … · as of 2026-08-12" / 「出典：… · 時点 2026-08-12」 ("" without a meta); the date
// only once: an engine source already says "data release 25 as of 2026-12-06".
export function sourceBrief(meta) {
  if (!meta) return "";
  const source = (lang === "ja" && meta.source_ja) || meta.source;
  const parts = [`${t("source")}${t("sep_label")}${source}`];
  if (meta.as_of && !String(source).includes(meta.as_of)) parts.push(`${t("as_of")} ${meta.as_of}`);
  return joinParts(parts);
}

// A chart tooltip's last line: its source and as-of date, short enough for a box on a phone.
// An engine result (a `meta` with `data_release`: chipshock.present.provenance.engine_meta) is
// named in a few words, "Source: chipshock engine on ETO and curated data, data release 25 ·
// as of 2026-12-06" (出典：chipshock エンジン（ETO と整備データ）、データリリース25 · 時点
// 2026-12-06); the view's source line (`sourceLine`) gives it in full. Any other meta as
// `sourceBrief` writes it.
export function tipSource(meta) {
  if (!meta || !("data_release" in meta)) return sourceBrief(meta);
  const release = meta.data_release ? t("tip_engine_release", { n: meta.data_release }) : null;
  const source = [t("tip_engine"), release].filter(Boolean).join(t("sep_list"));
  const parts = [`${t("source")}${t("sep_label")}${source}`];
  if (meta.as_of) parts.push(`${t("as_of")} ${meta.as_of}`);
  return parts.join(" · ");
}

export function details(summaryText, content) {
  return h("details", {}, h("summary", {}, summaryText), content);
}

// Markdown as published in the sources (links, emphasis, code) -> text and links, never raw marks.
export function md(text) {
  const out = [];
  const src = String(text ?? "").replace(/\*\*|__|`/g, "").replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|$|[.,;:])/g, "$1$2");
  const re = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|(https?:\/\/[^\s)]*[^\s).,;:])/g;
  let last = 0, m;
  while ((m = re.exec(src))) {
    if (m.index > last) out.push(src.slice(last, m.index));
    const href = m[2] || m[3];
    let label = m[1];
    if (!label) { try { label = new URL(href).hostname; } catch { label = href; } }
    out.push(h("a", { href, rel: "noopener" }, label));
    last = re.lastIndex;
  }
  if (last < src.length) out.push(src.slice(last));
  return out;
}

// Replace the children of element `id`, leaving out empty parts (null, undefined).
export function fill(id, ...children) {
  const el = document.getElementById(id);
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

// A job that a shared link asks for, not started: the link restores the view's state, and this
// box says what the job would cost, with a button that starts it (a link never starts a heavy
// job by itself). `id`: the box; `text` and `label`: [i18n key, vars] (numbers in `vars` are
// formatted in the page's language, again on a change of language); null clears the box.
const offers = new Map();

export function offer(id, text = null, label = null, onRun = null) {
  if (text === null) offers.delete(id);
  else offers.set(id, { text, label, onRun });
  drawOffer(id);
}

function phrase([key, vars]) {
  const shown = {};
  for (const [k, v] of Object.entries(vars)) shown[k] = typeof v === "number" ? fmtNum(v, 0) : v;
  return t(key, shown);
}

function drawOffer(id) {
  const box = document.getElementById(id);
  const o = offers.get(id);
  box.hidden = !o;
  if (!o) { box.replaceChildren(); return; }
  box.replaceChildren(h("p", {}, phrase(o.text)),
    h("button", { type: "button", onclick: () => { offer(id); o.onRun(); } }, phrase(o.label)));
}

// Every open offer in the page's language (after a change of language).
export function renderOffers() {
  for (const id of offers.keys()) drawOffer(id);
}

// ---- names on lines (a chart's axis labels) ------------------------------------------------

// no line starts with these (closing brackets, Japanese punctuation, a long-vowel or repeat mark,
// a low-confidence "*", a small kana)
const NO_START = /^[)\]）」』】〕、。，．・：；！？ー々ゝゞ*ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/;
// no line ends with these (opening brackets)
const NO_END = /[([（「『【〔]$/;
let measurer = null;

// `text` on lines no wider than `px` as the browser draws it in `font` (a CSS font): broken at
// spaces, or between two characters of Japanese, never before a closing bracket, 、。 or a
// "*" mark, never after an opening bracket; a word wider than a line is broken between its
// letters. As few lines as at `px`, made as even as they can be (not "グローバルファウンドリー"
// over "ズ"). Every character of `text` is kept (spaces at a break dropped): nothing is cut.
export function wrapLines(text, px, font) {
  measurer ??= document.createElement("canvas").getContext("2d");
  measurer.font = font;
  const width = (line) => measurer.measureText(line).width;
  // the pieces a line may end after: a word with its spaces, or one character of Japanese (kana,
  // kanji, full-width forms); a closing mark joins the piece before it, an opening bracket the
  // piece after it
  const pieces = [];
  for (const piece of String(text).match(/\s+|[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]|[^\s\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+/g) || []) {
    const last = pieces.length - 1;
    if (last >= 0 && (/^\s+$/.test(piece) || NO_START.test(piece) || NO_END.test(pieces[last]))) pieces[last] += piece;
    else pieces.push(piece);
  }
  // a piece wider than a line by itself (a long word): broken between its characters
  const fitted = pieces.flatMap((piece) => {
    if (width(piece.trimEnd()) <= px) return [piece];
    const out = [""];
    for (const c of piece) {
      if (out[out.length - 1] && width(out[out.length - 1] + c) > px) out.push(c);
      else out[out.length - 1] += c;
    }
    return out;
  });
  const fill = (most) => {
    const lines = [];
    let line = "";
    for (const piece of fitted) {
      if (line && width((line + piece).trimEnd()) > most) { lines.push(line.trimEnd()); line = piece; }
      else line += piece;
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines;
  };
  const lines = fill(px);
  // the narrowest width that still takes no more lines: even lines
  let [narrow, wide] = [0, px];
  while (wide - narrow > 1) {
    const mid = (narrow + wide) / 2;
    if (fill(mid).length <= lines.length) wide = mid;
    else narrow = mid;
  }
  return fill(wide);
}
