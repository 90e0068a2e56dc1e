// Coalition builder (coverage, Shapley values, weakest links) and synergy of two groups.
// State in the URL: #coalition?countries=USA,JPN&threshold=50&a=USA&b=JPN (&group=EU27 while
// the countries are a group's, picked by its button: the coalition is then asked as the group,
// and the answer's note says what the group leaves out)
import { getJSON, showError } from "./api.js";
import { details, fill, h, sourceLine, table } from "./dom.js";
import { countryName, fmtCellNumber, fmtNum, fmtPct, inputName, lang, t } from "./i18n.js";
import { builtinGroups, groupLabel, groupsFromParam, groupsToParam, saveUserGroups, userGroups } from "./groups.js";
import { paramsFor, setParams } from "./url.js";
import { chart } from "./vl.js";

const VIEW = "coalition";
let countries = [], coalition = null, shapley = null, syn = null;
// the group whose button picked the countries (null once a box is changed by hand)
let usedGroup = null;
// a synergy refused because the two groups share countries: the API's `overlap` object
let synOverlap = null;

export async function initCoalition() {
  const prov = await getJSON("/api/providers?type=country");
  countries = prov.rows.filter((r) => !r.is_aggregate).map((r) => r.name).sort();
  const p = paramsFor(VIEW);
  const preset = new Set((p.get("countries") || "USA,JPN").split(","));
  fill("coal-countries", ...countries.map((c) => h("label", {},
    h("input", { type: "checkbox", value: c, checked: preset.has(c) ? "" : null }), h("span", {}, countryText(c)))));
  saveUserGroups({ ...userGroups(), ...groupsFromParam(p.get("groups")) });
  await renderGroups();
  if (p.get("group")) usedGroup = (await allGroups()).find((g) => g.code === p.get("group")) || null;
  document.getElementById("coal-countries").addEventListener("change", () => { usedGroup = null; });
  document.getElementById("grp-add").addEventListener("click", defineGroup);
  const slider = document.getElementById("coal-threshold");
  if (p.get("threshold")) slider.value = p.get("threshold");
  if (p.get("a")) document.getElementById("syn-a").value = p.get("a");
  if (p.get("b")) document.getElementById("syn-b").value = p.get("b");
  slider.addEventListener("input", () => {
    document.getElementById("coal-threshold-out").textContent = `${slider.value}%`;
    renderCoalitionIntro();
  });
  document.getElementById("coal-form").addEventListener("submit", (e) => { e.preventDefault(); runCoalition(true); });
  document.getElementById("syn-form").addEventListener("submit", (e) => { e.preventDefault(); runSynergy(true); });
  document.getElementById("coal-threshold-out").textContent = `${slider.value}%`;
  renderCoalitionIntro();
  await Promise.all([runCoalition(false), runSynergy(false)]);
}

// A country's box label: its code in English, 米国（USA） in Japanese (the code is what the
// synergy's fields and the links take).
const countryText = (code) => (lang === "ja" && countryName(code) !== code ? ` ${countryName(code)}（${code}）` : ` ${code}`);

function labelCountries() {
  for (const box of document.querySelectorAll("#coal-countries input")) box.nextElementSibling.textContent = countryText(box.value);
}

// The built-in groups, then those defined in this browser.
async function allGroups() {
  const builtin = await builtinGroups().catch(() => []);
  const user = Object.entries(userGroups()).map(([code, members]) => ({ code, members, user: true }));
  return [...builtin, ...user];
}

// One button per group: it makes the coalition exactly the group's members with data (and the
// group's own code where the data has rows of its own for it: EUR).
async function renderGroups() {
  fill("coal-groups", ...(await allGroups()).map((g) => h("button", {
    type: "button", class: g.user ? "group user" : "group", "data-group": g.code,
    "aria-label": t("grp_use", { g: countryName(g.code), list: g.members.map(countryName).join(lang === "ja" ? "、" : ", ") }),
    onclick: () => useGroup(g),
  }, groupLabel(g))));
}

function useGroup(g) {
  const picks = g.picks || g.members;
  for (const box of document.querySelectorAll("#coal-countries input")) box.checked = picks.includes(box.value);
  usedGroup = g;
  runCoalition(true);
}

// The group the coalition is asked as: the one whose button picked the countries, while they
// are still its; else null (the countries are asked for one by one).
function askedGroup(members) {
  const picks = usedGroup && new Set(usedGroup.picks || usedGroup.members);
  return picks && picks.size === members.length && members.every((c) => picks.has(c)) ? usedGroup : null;
}

// "NAME=USA,JPN,NLD" (member codes or other groups) becomes a group of this browser and link.
async function defineGroup() {
  const text = document.getElementById("grp-define").value.trim();
  const match = /^([A-Za-z][A-Za-z0-9_-]{0,15})\s*=\s*(.+)$/.exec(text);
  if (!match) { showError(new Error(t("grp_bad", { v: text })), VIEW); return; }
  const builtin = await builtinGroups().catch(() => []);
  const known = new Set(countries);
  const members = [];
  for (const code of match[2].split(/[\s,+]+/).map((c) => c.trim().toUpperCase()).filter(Boolean)) {
    const g = builtin.find((x) => x.code === code) || (userGroups()[code] && { members: userGroups()[code] });
    if (g) members.push(...g.members);
    else if (known.has(code)) members.push(code);
    else { showError(new Error(t("grp_unknown", { c: code })), VIEW); return; }
  }
  const name = match[1].toUpperCase();
  if (builtin.some((x) => x.code === name) || known.has(name)) { showError(new Error(t("grp_taken", { g: name })), VIEW); return; }
  saveUserGroups({ ...userGroups(), [name]: [...new Set(members)] });
  showError(null, VIEW);
  document.getElementById("grp-define").value = "";
  await renderGroups();
  save();
  document.querySelector(`#coal-groups [data-group="${name}"]`)?.focus();
}

function renderCoalitionIntro() {
  document.getElementById("coal-intro").textContent = t("coal_intro", { t: document.getElementById("coal-threshold").value });
}

const picked = () => [...document.querySelectorAll("#coal-countries input:checked")].map((i) => i.value);
const codes = (id) => document.getElementById(id).value.split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);

function save() {
  setParams(VIEW, {
    countries: picked().join(","), threshold: document.getElementById("coal-threshold").value,
    a: codes("syn-a").join(","), b: codes("syn-b").join(","),
    groups: groupsToParam(userGroups()), group: askedGroup(picked())?.code || "",
  });
}

async function runCoalition(focus) {
  const members = picked();
  if (!members.length) { showError(new Error(t("coal_pick_one")), VIEW); return; }
  const th = document.getElementById("coal-threshold").value;
  const group = askedGroup(members); // a group defined here travels with the request
  const defined = group?.user ? `&group=${encodeURIComponent(`${group.code}=${group.members.join(",")}`)}` : "";
  const q = `countries=${group ? group.code : members.join(",")}&threshold=${th}${defined}`;
  try {
    [coalition, shapley] = await Promise.all([getJSON(`/api/coalition?${q}`), getJSON(`/api/shapley?${q}`)]);
    showError(null, VIEW);
  } catch (err) { showError(err, VIEW); return; }
  save();
  renderCoalition();
  if (focus) document.getElementById("coal-result").focus();
}

async function runSynergy(focus) {
  const a = codes("syn-a"), b = codes("syn-b");
  const th = document.getElementById("coal-threshold").value;
  try {
    const user = userGroups(); // groups defined here travel with the request
    const defined = [...new Set([...a, ...b])].filter((c) => user[c])
      .map((c) => `&group=${encodeURIComponent(`${c}=${user[c].join(",")}`)}`).join("");
    syn = await getJSON(`/api/synergy?a=${a.join(",")}&b=${b.join(",")}&threshold=${th}${defined}`);
    synOverlap = null;
    showError(null, VIEW);
  } catch (err) {
    if (!err.overlap) { showError(err, VIEW); return; }
    [syn, synOverlap] = [null, err.overlap]; // explained in the result, with the questions to ask
    showError(null, VIEW);
  }
  save();
  renderSynergy();
  if (focus) document.getElementById("syn-result").focus();
}

// The value function v(S) in the page's language. The API states it in English
// (chipshock.analysis.shapley); in Japanese the same sentence is written from its parts: the
// number of inputs as the API states it, the request's threshold and weight. A sentence of
// another form stays in English rather than risk a wrong number.
function valueFunction(body) {
  const n = /^v\(S\) = share of the (\d+) assessed inputs/.exec(body.value_function);
  if (lang !== "ja" || !n) return body.value_function;
  const key = body.params.weight === "market" ? "coal_value_function_market" : "coal_value_function";
  return t(key, { n: n[1], t: String(Number(body.params.threshold)) });
}

// What an answer asked with a group leaves out (the API's `note`, `note_ja` in Japanese): the
// group's members, those without data, and the rows of a region that no member holds (EU27
// does not count the ETO's Europe-level rows, EUR does); nothing when no group was asked.
function groupNote(body, id) {
  const text = lang === "ja" ? body.note_ja : body.note;
  return text ? h("p", { class: "note", id }, text) : null;
}

// What the values count: the ETO's assessed inputs, not wafer fabrication capacity, so Taiwan's
// Shapley value is small (the API's `scope`, chipshock.present.coverage_notes.coalition_scope,
// as on the CLI and the report; uxr2 finding 1), with a link to where fab capacity is analysed.
function scopeNote(body, id) {
  return h("p", { class: "note", id }, body.scope[lang], " ",
    h("a", { href: "#capacity" }, t("crit_scope_link")));
}

export function renderCoalition() {
  renderGroups(); // their labels are in the page's language
  labelCountries();
  renderCoalitionIntro();
  renderSynergy();
  if (!coalition) return;
  const sm = coalition.summary;
  fill("coal-result", 
    h("div", { class: "cards" },
      h("div", { class: "card" }, t("coal_covered"), h("b", {}, `${sm.n_covered} / ${sm.n_inputs}`)),
      h("div", { class: "card" }, t("coal_mean"), h("b", {}, fmtPct(sm.mean_coalition_share, 1)))),
    groupNote(coalition, "coal-note"),
    scopeNote(shapley, "coal-scope"),
    // the chart carries its own title: a heading above it said it twice (review12 #12)
    shapley.chart[lang] ? chart(shapley.chart[lang], undefined, { id: "coal-shapley", source: shapley.meta }) : h("h3", {}, t("coal_shapley")),
    h("p", { class: "muted", id: "coal-value-function" }, valueFunction(shapley)),
    details(t("show_table"), table(shapley.rows, [
      { key: "member", label: t("col_member"), fmt: (v) => countryName(v) },
      { key: "shapley_pct", label: t("col_shapley_pct"), num: true, fmt: (v) => fmtPct(v, 1) },
      { key: "standalone_pct", label: t("col_standalone"), num: true, fmt: (v) => fmtPct(v, 1) },
    ])),
    h("h3", {}, t("coal_weakest")),
    h("div", { class: "scroll", tabindex: "0" }, table(coalition.weak_links.slice(0, 25), [
      { key: "input_name", label: t("col_input"), fmt: (v, row) => inputName(row.input_id, v) },
      { key: "coalition_share_pct", label: t("col_coalition_share"), num: true, fmt: (v) => fmtPct(v, 1) },
      { key: "stage_id", label: t("col_stage") },
      { key: "year", label: t("year"), num: true },
      { key: "source", label: t("col_source") },
    ])),
    h("p", { class: "source" }, sourceLine(coalition.meta)));
}

// Two groups that share countries have no synergy (the sum of each alone would count the
// shared ones twice): say which they share and offer the disjoint pairs, one button each.
function renderOverlap(o) {
  const list = (codes) => codes.map(countryName).join(lang === "ja" ? "、" : ", ");
  const parts = [t("syn_overlap", { a: o.a, b: o.b, shared: list(o.shared) })];
  const [aInB, bInA] = [!o.a_only.length, !o.b_only.length];
  if (aInB && bInA) parts.push(t("syn_overlap_same"));
  else if (aInB || bInA) {
    const [inner, outer, nodata] = aInB ? [o.a, o.b, o.a_without_data] : [o.b, o.a, o.b_without_data];
    const single = o.shared.length === 1 && o.shared[0] === inner;
    parts.push(t(single ? "syn_overlap_in" : "syn_overlap_inside", { inner, outer }));
    if (!single && nodata.length) parts.push(t("syn_overlap_nodata", { list: list(nodata) }));
  }
  // a code that also names a group (EUR) cannot be asked for alone: left out of the questions
  const [aAsk, bAsk, unnamed] = [o.a_ask ?? o.a_only, o.b_ask ?? o.b_only, o.not_askable ?? []];
  if (unnamed.length) parts.push(t("syn_overlap_unnamed", { list: list(unnamed) }));
  const asks = [];
  if (aAsk.length) asks.push({ g: o.a, rest: aAsk, other: o.b, pair: [aAsk.join(","), o.b] });
  if (bAsk.length) asks.push({ g: o.b, rest: bAsk, other: o.a, pair: [o.a, bAsk.join(",")] });
  const run = ([x, y]) => {
    document.getElementById("syn-a").value = x;
    document.getElementById("syn-b").value = y;
    runSynergy(true);
  };
  fill("syn-result",
    h("p", { class: "summary", id: "syn-overlap" }, parts.join(lang === "ja" ? "" : " ")),
    asks.length ? h("p", {}, t("syn_overlap_ask")) : null,
    asks.length ? h("ul", { id: "syn-asks" }, ...asks.map((q) => h("li", {},
      `${t("syn_overlap_rest", { g: q.g, rest: list(q.rest), other: q.other })} `,
      h("button", { type: "button", onclick: () => run(q.pair) },
        t("syn_overlap_run", { a: q.pair[0], b: q.pair[1] }))))) : null);
}

function renderSynergy() {
  if (synOverlap) { renderOverlap(synOverlap); return; }
  if (!syn) return;
  const [a, b] = [(syn.params?.a || syn.group_a).map(countryName).join("+"), (syn.params?.b || syn.group_b).map(countryName).join("+")];
  const gain = syn.synergy_pct; // percentage points
  // the words of `chipshock synergy` and the briefing (present/synergy_text.py): each side
  // alone and both together as counts of inputs when the value counts them (whole numbers a
  // reader can add up), then the difference in points
  const c = syn.counts;
  const sides = c
    ? t("syn_sides_count", { a, b, ka: fmtNum(c.a, 0), kb: fmtNum(c.b, 0), ku: fmtNum(c.union, 0), n: fmtNum(c.inputs, 0) })
    : t("syn_sides_market", { a, b, va: fmtPct(syn.v_a_pct, 1), vb: fmtPct(syn.v_b_pct, 1), vu: fmtPct(syn.v_union_pct, 1) });
  const only = syn.union_only.length;
  const way = Math.abs(gain) < 1e-10 ? "syn_reading_zero" : gain > 0 ? "syn_reading_pos" : "syn_reading_neg";
  const reading = sides + t(way, { s: fmtCellNumber(Math.abs(gain), 1), only: fmtNum(only, 0),
    inputs: t(only === 1 ? "syn_input_one" : "syn_input_many") });
  fill("syn-result", 
    h("p", { class: "summary", id: "syn-reading" }, reading),
    groupNote(syn, "syn-note"),
    scopeNote(syn, "syn-scope"),
    syn.chart[lang] ? chart(syn.chart[lang], undefined, { source: syn.meta }) : null,
    h("p", { class: "muted", id: "syn-value-function" }, valueFunction(syn)),
    h("h4", {}, t("syn_union_only")),
    syn.union_only.length ? table(syn.union_only, [
      { key: "input_name", label: t("col_input"), fmt: (v, row) => inputName(row.input_id, v) },
      { key: "share_a_pct", label: a, num: true, fmt: (v) => fmtPct(v, 1) },
      { key: "share_b_pct", label: b, num: true, fmt: (v) => fmtPct(v, 1) },
      { key: "union_share_pct", label: t("syn_together"), num: true, fmt: (v) => fmtPct(v, 1) },
      { key: "source", label: t("col_source") },
    ]) : h("p", { class: "muted" }, t("syn_none")),
    h("p", { class: "source" }, sourceLine(syn.meta)));
}
