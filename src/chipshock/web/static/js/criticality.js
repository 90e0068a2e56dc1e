// Criticality: what the world loses if each country or firm is cut off, over the ETO's assessed
// inputs (not wafer fabrication: the caption says so and links to the capacity view).
// State in the URL: #criticality?by=firm&threshold=50
import { getJSON, showError } from "./api.js";
import { details, fill, h, sourceLine, table } from "./dom.js";
import { countryName, lang, t } from "./i18n.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "criticality";
let result = null;

export async function initCriticality() {
  const p = paramsFor(VIEW);
  const by = document.getElementById("crit-by");
  by.replaceChildren(...["country", "firm"].map((k) => h("option", { value: k }, t(`crit_by_${k}`))));
  by.value = p.get("by") === "firm" ? "firm" : "country";
  const th = document.getElementById("crit-threshold");
  if (p.get("threshold")) th.value = p.get("threshold");
  document.getElementById("crit-form").addEventListener("input", load);
  document.getElementById("crit-form").addEventListener("submit", (e) => e.preventDefault());
  await load();
}

async function load() {
  const by = document.getElementById("crit-by").value, th = document.getElementById("crit-threshold").value;
  document.getElementById("crit-threshold-out").textContent = `${th}%`;
  setParams(VIEW, { by: by === "country" ? "" : by, threshold: th === "50" ? "" : th });
  try {
    result = await getJSON(`/api/criticality?by=${by}&threshold=${th}`);
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  renderCriticality();
}

export function renderCriticality() {
  const by = document.getElementById("crit-by");
  for (const o of by.options) o.textContent = t(`crit_by_${o.value}`);
  if (!result) return;
  fill("crit-result",
    // what the ranking leaves out (wafer fabrication) and where it is analysed: the words of
    // chipshock.present.coverage_notes.criticality_scope (tests/web/test_coverage_captions.py)
    h("p", { class: "note", id: "crit-scope" }, t("crit_scope"), " ",
      h("a", { href: "#capacity" }, t("crit_scope_link"))),
    result.chart[lang] ? chart(result.chart[lang], undefined, { source: result.meta }) : null,
    details(t("show_table"), h("div", { class: "scroll", tabindex: "0" }, table(result.rows, [
      { key: "rank", label: "#", num: true },
      // a country (and a firm's home) by its name in Japanese: 台湾, not TWN
      { key: "provider", label: t("col_provider"), fmt: (v, r) => (r.provider_type === "country" ? countryName(v) : v) },
      { key: "hq_country", label: t("col_hq"), fmt: (v) => (v ? countryName(v) : "") },
      { key: "inputs_supplied", label: t("crit_supplied"), num: true },
      { key: "sole_source_inputs", label: t("crit_sole"), num: true },
      { key: "dominant_inputs", label: t("crit_dominant"), num: true },
      { key: "inputs_left_below_threshold", label: t("crit_left"), num: true },
      { key: "top_inputs", label: t("crit_top"), fmt: (v, r) => (lang === "ja" && r.top_inputs_ja) || v },
    ]))),
    h("p", { class: "source" }, sourceLine(result.meta)));
}
