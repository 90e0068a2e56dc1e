// Chokepoint explorer and coalition builder.
import { getJSON, showError } from "./api.js";
import { barChart, PALETTE } from "./charts.js";
import { details, h, sourceLine, table } from "./dom.js";
import { fmtNum, t } from "./i18n.js";

let inputs = [], chokes = null, shares = null, countries = [], coalition = null, shapley = null;
const MIN_SHARE = 50;

export async function initChokepoints() {
  const [inp, ch] = await Promise.all([getJSON("/api/inputs"), getJSON(`/api/chokepoints?min_share=${MIN_SHARE}`)]);
  inputs = inp.rows.filter((r) => r.type !== "ultimate_output");
  chokes = ch;
  const select = document.getElementById("choke-input");
  select.replaceChildren(...inputs.map((r) => h("option", { value: r.input_id }, `${r.name} (${r.input_id})`)));
  const first = chokes.rows.find((r) => /EUV/i.test(r.input_name)) || chokes.rows[0];
  if (first) select.value = first.input_id;
  select.addEventListener("change", () => loadShares(select.value));
  await loadShares(select.value);
}

async function loadShares(inputId) {
  try {
    shares = await getJSON(`/api/shares?input=${encodeURIComponent(inputId)}&by=both`);
    showError(null);
  } catch (err) { showError(err); return; }
  renderChokepoints();
}

function shareBlock(rows, name) {
  const named = rows.filter((r) => !r.is_aggregate || r.share_pct !== null);
  const items = named.filter((r) => r.share_pct !== null).slice(0, 12)
    .map((r) => ({ label: r.provider, values: [r.share_pct] }));
  const desc = named.map((r) => `${r.provider} ${r.share_pct === null ? "?" : fmtNum(r.share_pct) + "%"}`).join("; ");
  return h("div", {},
    items.length ? barChart({ items, title: name, desc, unit: "%", fmt: (v) => fmtNum(v) }) : h("p", { class: "muted" }, "–"),
    details(t("show_table"), table(named, [
      { key: "provider", label: t("col_provider") },
      { key: "share_pct", label: t("col_share"), num: true, fmt: (v) => (v === null ? t("choke_unknown") : `${fmtNum(v)}%`) },
      { key: "year", label: t("year"), num: true },
      { key: "source", label: t("col_source") },
    ])));
}

export function renderChokepoints() {
  if (!shares) return;
  const name = inputs.find((r) => r.input_id === shares.params.input)?.name ?? shares.params.input;
  const countryRows = shares.rows.filter((r) => r.provider_type === "country");
  const firmRows = shares.rows.filter((r) => r.provider_type !== "country");
  document.getElementById("choke-countries-h").textContent = t("choke_countries", { name });
  document.getElementById("choke-firms-h").textContent = t("choke_firms", { name });
  document.getElementById("choke-countries").replaceChildren(shareBlock(countryRows, t("choke_countries", { name })));
  document.getElementById("choke-firms").replaceChildren(shareBlock(firmRows, t("choke_firms", { name })));
  const years = [...new Set(shares.rows.map((r) => r.year).filter((y) => y))].join(", ");
  document.getElementById("choke-source").textContent = `${sourceLine(shares.meta)} · ${t("year")}: ${years}`;
  document.getElementById("choke-top-h").textContent = t("choke_top", { s: MIN_SHARE });
  document.getElementById("choke-top").replaceChildren(table(chokes.rows, [
    { key: "input_name", label: t("col_input") },
    { key: "provider", label: t("col_provider") },
    { key: "share_pct", label: t("col_share"), num: true, fmt: (v) => `${fmtNum(v)}%` },
    { key: "year", label: t("year"), num: true },
    { key: "source", label: t("col_source") },
  ], (r) => {
    document.getElementById("choke-input").value = r.input_id;
    loadShares(r.input_id);
  }));
}

// ---- coalition builder -------------------------------------------------------------------
export async function initCoalition() {
  const prov = await getJSON("/api/providers?type=country");
  countries = prov.rows.filter((r) => !r.is_aggregate).map((r) => r.name).sort();
  const preset = new Set(["USA", "JPN"]);
  document.getElementById("coal-countries").replaceChildren(...countries.map((c) => h("label", {},
    h("input", { type: "checkbox", value: c, checked: preset.has(c) ? "" : null }), ` ${c}`)));
  const slider = document.getElementById("coal-threshold");
  slider.addEventListener("input", () => {
    document.getElementById("coal-threshold-out").textContent = `${slider.value}%`;
    renderCoalitionIntro();
  });
  document.getElementById("coal-form").addEventListener("submit", (e) => { e.preventDefault(); runCoalition(); });
  renderCoalitionIntro();
  await runCoalition();
}

function renderCoalitionIntro() {
  document.getElementById("coal-intro").textContent = t("coal_intro", { t: document.getElementById("coal-threshold").value });
}

async function runCoalition() {
  const picked = [...document.querySelectorAll("#coal-countries input:checked")].map((i) => i.value);
  if (!picked.length) { showError(new Error(t("coal_pick_one"))); return; }
  const th = document.getElementById("coal-threshold").value;
  const q = `countries=${picked.join(",")}&threshold=${th}`;
  try {
    [coalition, shapley] = await Promise.all([getJSON(`/api/coalition?${q}`), getJSON(`/api/shapley?${q}`)]);
    showError(null);
  } catch (err) { showError(err); return; }
  renderCoalition();
}

export function renderCoalition() {
  renderCoalitionIntro();
  if (!coalition) return;
  const sm = coalition.summary;
  const shapItems = shapley.rows.map((r) => ({ label: r.member, values: [r.shapley * 100] }));
  const shapDesc = t("coal_shapley_alt", { list: shapItems.map((i) => `${i.label} ${fmtNum(i.values[0])}%`).join(", ") });
  document.getElementById("coal-result").replaceChildren(
    h("div", { class: "cards" },
      h("div", { class: "card" }, t("coal_covered"), h("b", {}, `${sm.n_covered} / ${sm.n_inputs}`)),
      h("div", { class: "card" }, t("coal_mean"), h("b", {}, `${fmtNum(sm.mean_coalition_share)}%`))),
    h("h3", {}, t("coal_shapley")),
    barChart({ items: shapItems, title: t("coal_shapley"), desc: shapDesc, unit: "%", colors: [PALETTE[2]], fmt: (v) => fmtNum(v) }),
    h("p", { class: "muted" }, shapley.value_function),
    details(t("show_table"), table(shapley.rows, [
      { key: "member", label: t("col_member") },
      { key: "shapley", label: t("col_shapley"), num: true, fmt: (v) => fmtNum(v, 3) },
      { key: "standalone", label: t("col_standalone"), num: true, fmt: (v) => fmtNum(v, 3) },
    ])),
    h("h3", {}, t("coal_weakest")),
    h("div", { class: "scroll" }, table(coalition.weak_links.slice(0, 25), [
      { key: "input_name", label: t("col_input") },
      { key: "coalition_share_pct", label: t("col_coalition_share"), num: true, fmt: (v) => `${fmtNum(v)}%` },
      { key: "stage_id", label: t("col_stage") },
      { key: "year", label: t("year"), num: true },
      { key: "source", label: t("col_source") },
    ])),
    h("p", { class: "source" }, sourceLine(coalition.meta)));
}
