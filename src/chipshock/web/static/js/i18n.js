// Language: loads /static/i18n/<lang>.json and fills every [data-i18n] element.
import { json, langStrings } from "./boot.js";
const cache = {};
let strings = {};
export let lang = "en";
// Japanese names of the ETO inputs, stages and input types (/api/names/ja, written for
// chipshock; the ETO publishes English names only) and of the country and region codes (its
// `countries`: the CLI's names), loaded with the Japanese strings
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
    withCode(el, t(el.dataset.i18n));
  }
  // an element's accessible name (aria-label), which screen readers read out, in the same way
  for (const el of document.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  }
  localStorage.setItem("chipshock-lang", next);
}

// `el`'s text, a command between backticks set as code (`chipshock scenario run --save NAME`),
// never shown with its backticks; `el` back (a view's own text: the saved results' empty note).
export function withCode(el, text) {
  const parts = String(text).split("`");
  if (parts.length < 3) {
    el.textContent = text;
    return el;
  }
  el.replaceChildren(...parts.map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement("code");
    code.textContent = part;
    return code;
  }));
  return el;
}

// The name of input `id` in the page's language (`english`: the ETO's name).
export function inputName(id, english) {
  return (lang === "ja" && jaNames && jaNames.inputs && jaNames.inputs[id]) || english;
}

// A country or region code as the page's reader knows it: in Japanese its name (台湾, not TWN),
// else, and for a code without one (a firm, a group such as G7), the code as it is.
export function countryName(code) {
  return (lang === "ja" && jaNames && jaNames.countries && jaNames.countries[code]) || code;
}

// A text of the data in the page's language: in Japanese its own Japanese text (technology_ja,
// region_or_city_ja: written for chipshock) where it has one, else, and in English, its English
// text (a port of chipshock.present.labels.in_language: a blank Japanese cell shows the English).
export function inLanguage(english, japanese) {
  const text = (v) => (typeof v === "string" ? v.trim() : "");
  return (lang === "ja" && text(japanese)) || text(english);
}

// t("map_count", {n: 3}) -> "3 fabs shown"
export function t(key, vars = {}) {
  let text = strings[key] ?? key;
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

// The text of `key` for the count `n`: its singular form `<key>_one` when `n` is 1 and the
// catalogue has one, else `key` (a port of chipshock.present.messages.count_message).
// tn("exp_graph_up", 1, { d: 1 }) -> "needed 1 step upstream"
export function tn(key, n, vars = {}) {
  const one = `${key}_one`;
  return t(n === 1 && one in strings ? one : key, vars);
}

// The numbers: a port of chipshock.present.numbers (the one formatter of the CLI, the API,
// the report and this page), rule for rule, so that a figure reads the same on every surface;
// tests/web/test_numbers.py feeds the same values to both and compares the strings.
// - fixed decimals, thousands separators "," in both languages, never scientific notation;
// - rounding half away from zero on the decimal value the number prints as (2.5 -> 3,
//   162.05 -> 162.1), as Python's Decimal(repr(v)); no negative zero ("0.0", never "-0.0");
// - weeks: one decimal below 10, whole from 10; percent with the digits asked for;
// - a table cell (a KPI, weeks, a percent) never writes a nonzero as 0: "<0.1", ">-0.1"
//   (fmtCellNumber; fmtPct "<0.1%", "<1%" whole; fmtPoints "+2.5", "<0.1");
// - USD: "USD 12.3 bn" below USD 1,000 bn, "USD 1.00 trillion" from there (three significant
//   figures); Japanese 億ドル below 1兆ドル, 兆ドル from there.
const MISSING = "–";
const missing = (v) => v === null || v === undefined || v === "" || !Number.isFinite(Number(v));

// `v` (a finite number) rounded to `digits` decimals, halves away from zero on its shortest
// decimal form (String(v), the digits Python's repr gives): [negative, "123", "45"].
function roundDecimal(v, digits) {
  const [, int, frac = "", exp = "0"] = String(Math.abs(v)).match(/^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/);
  const all = int + frac;
  const point = int.length + Number(exp); // the decimal point sits after this many digits of `all`
  const keep = point + digits; // digits of `all` left of the rounding position
  let kept = keep <= 0 ? "0" : all.slice(0, keep).padEnd(keep, "0");
  const next = keep < 0 ? "0" : all.charAt(keep) || "0";
  if (next >= "5") kept = (BigInt(kept) + 1n).toString();
  kept = kept.replace(/^0+(?=\d)/, "").padStart(digits + 1, "0");
  const whole = kept.slice(0, kept.length - digits), decimals = kept.slice(kept.length - digits);
  const zero = /^0*$/.test(whole + decimals);
  return [v < 0 && !zero, whole, decimals];
}

// A number rounded to `digits` decimals, written "1,480.0" (Python: fmt_number).
export function fmtNum(v, digits = 1) {
  if (missing(v)) return MISSING;
  const [negative, whole, decimals] = roundDecimal(Number(v), digits);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${digits > 0 ? `.${decimals}` : ""}`;
}

// `v` rounded half away from zero, as a number (Python: round_half_up).
const roundHalfUp = (v, digits = 0) => Number(fmtNum(v, digits).replaceAll(",", ""));

// Below this a value is round-off and reads 0 (Python: ROUND_OFF).
const ROUND_OFF = 1e-9;

// A figure in a table cell at `digits` decimals, never a nonzero one written 0: one that rounds
// to zero there reads "<0.1" ("<0.01" at two), below zero ">-0.1"; round-off (below `zeroBelow`)
// and zero read "0.0" (Python: fmt_cell_number).
export function fmtCellNumber(v, digits, zeroBelow = ROUND_OFF) {
  if (missing(v)) return MISSING;
  const value = Number(v);
  if (Math.abs(value) < zeroBelow || roundHalfUp(value, digits) !== 0) return fmtNum(value, digits);
  const step = fmtNum(10 ** -digits, digits);
  return value > 0 ? `<${step}` : `>-${step}`;
}

// The week rule: one decimal below 10 weeks, whole weeks from 10 (Python: round_weeks).
export function roundWeeks(v) {
  const one = roundHalfUp(v, 1);
  return Math.abs(one) < 10 ? one : roundHalfUp(v, 0);
}

// Weeks by the week rule; with `unit`, "3.5 weeks" / "1.0 week" / "12週", a nonzero below the
// tenth "<0.1 weeks" (Python: fmt_weeks).
export function fmtWeeks(v, unit = false, language = lang) {
  if (missing(v)) return MISSING;
  const w = roundWeeks(Number(v));
  const text = Math.abs(w) < 10 ? fmtCellNumber(v, 1) : fmtNum(v, 0);
  if (!unit) return text;
  if (language === "ja") return `${text}週`;
  return w === 1 ? `${text} week` : `${text} weeks`;
}

// The ends of a range in a cell: "93.9% – 97.8%" / "93.9%〜97.8%" (Python: fmt_span).
export function fmtSpan(low, high, language = lang) {
  return language === "ja" ? `${low}〜${high}` : `${low} – ${high}`;
}

// `text` in brackets after what it qualifies: " (2028)" / "（2028）" (Python: bracketed).
export function bracketed(text, language = lang) {
  return language === "ja" ? `（${text}）` : ` (${text})`;
}

// A median with its 90% range in brackets: "96.3% (93.9% – 97.8%)" / "0.5週（0.4週〜0.7週）"
// (Python: fmt_band).
export function fmtBand(middle, low, high, language = lang) {
  return middle + bracketed(fmtSpan(low, high, language), language);
}

// A percentage, "52%", a nonzero that rounds to zero "<0.1%" ("<1%" whole, ">-1%" below zero),
// an exact zero "0%" (Python: fmt_pct).
export function fmtPct(v, digits = 0) {
  return missing(v) ? MISSING : `${fmtCellNumber(v, digits)}%`;
}

// A change in percentage points: "+2.5", "-1.2", a rise below the step "<0.1" (its sign said,
// never "+0.0"), "–" when missing (Python: fmt_points).
export function fmtPoints(v, digits = 1) {
  if (missing(v)) return MISSING;
  const text = fmtCellNumber(v, digits);
  return Number(v) > 0 && /^\d/.test(text) ? `+${text}` : text;
}

// Three significant figures in fixed notation: 3.38, 33.8, 338 (Python: _sig3).
function sig3(v) {
  const a = Math.abs(v);
  return fmtNum(v, a < 10 ? 2 : a < 100 ? 1 : 0);
}

// USD amounts (bn) below this are round-off and read 0 (Python: USD_RESIDUE_BN).
const USD_RESIDUE_BN = 1e-6;
// Per language, the decimals fmtUsd writes and the most a small amount gets (Python: _SMALL_DIGITS).
const SMALL_DIGITS = { en: [1, 3], ja: [0, 2] };

// `value` with one significant figure when it rounds to 0 at `digits` decimals, "<0.001"
// below `floorDigits` decimals; null otherwise (Python: _small_usd).
function smallUsd(value, digits, floorDigits) {
  if (roundHalfUp(value, digits) !== 0) return null;
  const size = Math.abs(value);
  if (roundHalfUp(size, floorDigits) === 0) return `<${fmtNum(10 ** -floorDigits, floorDigits)}`;
  const decimals = Math.min(floorDigits, Math.max(digits + 1, -Math.floor(Math.log10(size))));
  return fmtNum(value, decimals);
}

// An amount in US dollars (Python: fmt_usd): a nonzero amount is never written 0 ("USD 0.03 bn",
// "0.3億ドル", "<0.01億ドル").
export function fmtUsd(v, language = lang) {
  if (missing(v)) return MISSING;
  const bn = Number(v) / 1e9;
  const ja = language === "ja";
  const unit = ja ? bn * 10 : bn;
  const small = Math.abs(bn) < USD_RESIDUE_BN ? null : smallUsd(unit, ...SMALL_DIGITS[ja ? "ja" : "en"]);
  if (!ja) {
    if (small !== null) return `USD ${small} bn`;
    if (Math.abs(roundHalfUp(bn, 1)) < 1000) return `USD ${fmtNum(bn, 1)} bn`;
    return `USD ${sig3(bn / 1000)} trillion`;
  }
  if (small !== null) return `${small}億ドル`;
  if (Math.abs(roundHalfUp(unit)) < 10000) return `${fmtNum(unit, 0)}億ドル`;
  return `${sig3(unit / 10000)}兆ドル`;
}

// A committed amount: millions below USD 1 bn, 万ドル below 1億ドル (Python: fmt_usd_amount).
export function fmtUsdAmount(v, language = lang) {
  if (missing(v)) return MISSING;
  const value = Number(v);
  if (language !== "ja" && Math.abs(value) < 1e9) return `USD ${fmtNum(value / 1e6, 0)} m`;
  if (language === "ja" && Math.abs(value) < 1e8) return `${fmtNum(value / 1e4, 0)}万ドル`;
  if (language === "ja" && Math.abs(value) < 1e9) return `${fmtNum(value / 1e8, 1)}億ドル`;
  return fmtUsd(value, language);
}

// A KPI value with its unit, read from the KPI's name: _usd, _pct, weeks (Python: fmt_kpi).
export function fmtKpi(kpi, v, language = lang) {
  if (missing(v)) return MISSING;
  const k = kpi.toLowerCase(), value = Number(v);
  if (k.includes("usd")) return fmtUsd(value * (k.includes("usd_bn") ? 1e9 : 1), language);
  if (k.includes("pct") || k.includes("share")) return `${fmtCellNumber(value, 1)}%`;
  if (k.includes("week")) return fmtWeeks(value, true, language);
  return fmtCellNumber(value, Math.abs(value) < 100 ? 2 : 0);
}

// One percentile (`stat`: "p5", "p50", "p95") of a KPI row with its unit, after "≥ " where the
// row is censored there: a weeks_to_recover value that reaches the row's censored_at means
// output is not back to normal by the horizon end, a lower bound (Python: kpi_cell, unit=True).
export function fmtKpiCell(row, stat, language = lang) {
  const text = fmtKpi(row.kpi, row[stat], language);
  const at = row.censored_at, v = row[stat];
  const censored = !missing(at) && !missing(v) && Number(at) > 0 && Number(v) >= Number(at) - 1e-9;
  return censored ? `≥ ${text}` : text;
}

// A KPI value in its unit without the unit's name, for cells whose header names it: USD bn and
// percent with one decimal, weeks by the week rule, a nonzero never "0.0" (Python: fmt_kpi_number).
export function fmtKpiNumber(kpi, v) {
  if (missing(v)) return MISSING;
  const k = kpi.toLowerCase(), value = Number(v);
  if (k.includes("week") && !k.includes("usd") && !k.includes("pct")) return fmtWeeks(value);
  if (k.includes("usd") || k.includes("pct") || k.includes("share")) return fmtCellNumber(value, 1);
  return fmtCellNumber(value, Math.abs(value) < 100 ? 2 : 0);
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

// A confidence level ("high", or "low/medium" for a row of two) in words: 高・中 in Japanese
// (conf_<level> in the translation files; an unknown level as the data writes it).
export function confidenceLabel(c) {
  const parts = String(c || "unrated").split("/").filter(Boolean);
  return parts.map((p) => { const s = t(`conf_${p}`); return s === `conf_${p}` ? p : s; }).join(lang === "ja" ? "・" : "/");
}
