// Language: loads /static/i18n/<lang>.json and fills every [data-i18n] element.
import { json, langStrings } from "./boot.js";
const cache = {};
let strings = {};
export let lang = "en";
// Japanese names of the ETO inputs, stages and input types (/api/names/ja, written for
// chipshock; the ETO publishes English names only), loaded with the Japanese strings
let jaNames = null;

async function loadJaNames() {
  try {
    jaNames = await json("/api/names/ja");
  } catch {
    jaNames = null; // English names stay; the views still work
  }
}

export async function setLang(next) {
  if (!cache[next]) {
    const strings = langStrings[next].catch(() => json(`/static/i18n/${next}.json`));
    [cache[next]] = await Promise.all([strings, next === "ja" && !jaNames ? loadJaNames() : null]);
  }
  strings = cache[next];
  lang = next;
  document.documentElement.lang = next;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  localStorage.setItem("chipshock-lang", next);
}

// The name of input `id` in the page's language (`english`: the ETO's name).
export function inputName(id, english) {
  return (lang === "ja" && jaNames && jaNames.inputs && jaNames.inputs[id]) || english;
}

// t("map_count", {n: 3}) -> "3 fabs shown"
export function t(key, vars = {}) {
  let text = strings[key] ?? key;
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

// One Intl.NumberFormat per language and digits (making one per number took most of the
// time of drawing the map); the same output as Number.toLocaleString with these options.
const formats = new Map();

// Whole numbers (digits 0, as the map's labels ask for each fab) are grouped here, without
// Intl: the first Intl.NumberFormat of a page loads the locale's data, 50-70 ms of the map's
// first drawing on a loaded machine. The same output as Intl for both languages (both group
// by three with ","; rounding half away from zero; no "-0": a value that rounds to zero has no
// sign, as Intl writes with signDisplay "negative").
function wholeNumber(v) {
  const whole = Math.round(Math.abs(v));
  const sign = v < 0 && whole !== 0 ? "-" : ""; // no negative zero ("-0")
  return sign + String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function fmtNum(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  if (digits === 0 && typeof v === "number" && Math.abs(v) < 1e15) return wholeNumber(v);
  const key = `${lang}:${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "ja" ? "ja-JP" : "en-GB", {
      maximumFractionDigits: digits, minimumFractionDigits: 0,
      signDisplay: "negative", // a value that rounds to zero shows no minus sign
    });
    formats.set(key, format);
  }
  return format.format(Number(v));
}

export function fmtUsd(v) {
  if (v === null || v === undefined) return "–";
  return lang === "ja" ? t("usd_bn", { v: fmtNum(v / 1e8, 0) }) : t("usd_bn", { v: fmtNum(v / 1e9, 1) });
}

// A KPI value with its unit, read from the KPI name (_usd, _pct, weeks).
export function fmtKpi(kpi, v) {
  const k = kpi.toLowerCase();
  if (k.includes("usd")) return fmtUsd(k.includes("usd_bn") ? v * 1e9 : v);
  if (k.includes("pct") || k.includes("share")) return `${fmtNum(v, 1)}%`;
  if (k.includes("week")) return t("weeks", { v: fmtNum(v, 1) });
  return fmtNum(v, 3);
}

// Every KPI has its own label (kpi_<name> in the translation files).
export function kpiLabel(kpi) {
  const s = t(`kpi_${kpi}`);
  return s === `kpi_${kpi}` ? kpi.replaceAll("_", " ") : s;
}

export function marketLabel(m) {
  const s = t(`market_${m}`);
  return s === `market_${m}` ? m.replaceAll("_", " ") : s;
}

export function nodeLabel(n) {
  const s = t(`node_${n}`);
  return s === `node_${n}` ? n : s;
}
