// The assumptions the tornado and the Sobol views move: each value written in the unit of its
// factor row (sensitivity_factors.csv `unit`, carried by every row of the API's answers), and
// where each low-high range comes from. One place for both views; the report writes the same
// (chipshock.present.numbers.fmt_factor_value; chipshock.report.sensitivity.range_source).
import { h } from "./dom.js";
import { bracketed, fmtNum, fmtPct, fmtSpan, fmtWeeks, lang, t } from "./i18n.js";

// An assumption's value as written in its row: at most `digits` decimals, trailing zeros
// dropped (1.5, 26, 0.13) (Python: chipshock.present.numbers.fmt_as_written).
export function asWritten(v, digits) {
  const text = fmtNum(v, digits);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

const missing = (v) => v === null || v === undefined || v === "" || !Number.isFinite(Number(v));

// A value in a factor's unit: ×1.5 (multiplier), 90% (share), 10%/week (share/week), weeks by
// the week rule ("1.0 week", "26 weeks"), else as written (Python: fmt_factor_value).
export function unitValue(unit, v, language = lang) {
  if (missing(v)) return "–";
  if (unit === "multiplier") return `×${asWritten(v, 2)}`;
  if (unit === "share") return fmtPct(v * 100, 0);
  if (unit === "share/week") {
    const pct = fmtPct(v * 100, 0);
    return language === "ja" ? `週${pct}` : `${pct}/week`;
  }
  if (unit === "weeks") return fmtWeeks(v, true, language);
  return asWritten(v, 2);
}

// A factor's low-high range in its unit, written by the page's one range writer (fmtSpan):
// "×0.8 – ×1.2" / 「×0.8〜×1.2」.
export function factorRange(r) {
  return fmtSpan(unitValue(r.unit, r.low_value), unitValue(r.unit, r.high_value));
}

// Where a factor's range comes from: its row (file: id), the date, a link to the source.
export function rangeSource(r) {
  const url = String(r.range_source_url || "").split(" ")[0];
  const when = r.range_as_of ? bracketed(`${t("as_of")} ${r.range_as_of}`) : "";
  const link = url.startsWith("http") ? h("a", { href: url, rel: "noopener" }, new URL(url).hostname) : null;
  const where = (lang === "ja" && r.range_source_ja) || r.range_source || "";
  return h("span", { class: "range-source" }, `${where}${when}`, link ? " · " : null, link);
}

// One line per factor: its name, its low-high range in its unit, and where that range comes from.
export function rangeList(rows, labelOf, id) {
  return h("ul", { class: "ranges", id }, rows.map((r) => h("li", { "data-factor": r.factor },
    h("b", {}, labelOf(r)), ` ${factorRange(r)} · ${t("range_from")}${t("sep_label")}`,
    rangeSource(r))));
}
