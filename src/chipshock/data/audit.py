"""`chipshock data audit`: how much each consumer of the data rests on low-confidence rows.

Three views of the curated tables (each row has ``confidence`` high|medium|low and a note):

- `confidence_counts`: rows per consumer (engine, analysis, report) and table by confidence;
- `label_issues`: rows whose label and note disagree -- a note starting ``assumption:`` on a
  row not labelled low; a low row whose note calls its value a judgement or an assumption
  without the ``assumption:`` prefix; a note saying "low confidence" on a row not labelled low
  (unless the note starts ``mixed confidence:`` and says which figure is low); a note calling
  part of a row not labelled low an assumption without ``mixed confidence:``;
- `flagship_rows`: the low-confidence rows behind the flagship answer: those its sensitivity
  factors vary (`chipshock scenario sensitivity` ranks how much each one moves it), limited to
  the flagship's own shock rows, and the capacity rows of the fabs its comparison switches off
  (the difference between its two scenarios rests on them directly).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import pandas as pd

__all__ = ["CONSUMERS", "confidence_counts", "flagship_rows", "label_issues"]

#: words in a shock_assumptions ``parameter`` that name a shock field (a factor's target
#: ``shock[0].<field>``): ``taiwan_fab_output_loss`` is the blockade's severity
_SHOCK_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "duration": ("duration",),
    "severity": ("loss", "severity", "cut"),
    "recovery": ("recovery",),
}

#: Which curated tables each consumer reads. engine: `chipshock.sim` (its input tables plus
#: the data-contract tables); analysis: `chipshock.analysis` and the registry commands;
#: report: the assumption tables the report and dashboard cite beside each result.
CONSUMERS: dict[str, tuple[str, ...]] = {
    "engine": (
        "regional_capacity",
        "global_capacity",
        "fabs",
        "fab_capacity",
        "sourcing_shares",
        "partnerships",
        "end_markets",
        "market_demand_path",
        "utilisation_path",
        "market_node_demand",
        "wafer_value",
        "inventory_buffers",
        "node_requirements",
        "raw_materials",
        "materials",
        "material_supply",
        "material_country_shares",
        "market_country_output",
        "shock_assumptions",
        "model_assumptions",
        "country_groups",
    ),
    "analysis": (
        "fabs",
        "fab_capacity",
        "regional_capacity",
        "partnerships",
        "deliverables",
        "alliance_tracker",
        "country_groups",
        "materials",
        "material_supply",
        "place_names_ja",
        "fab_names_ja",
        "materials_ja",
    ),
    "report": (
        "end_markets",
        "market_demand_path",
        "utilisation_path",
        "inventory_buffers",
        "model_assumptions",
        "shock_assumptions",
        "fab_capacity",
        "regional_capacity",
    ),
}

_LEVELS = ("high", "medium", "low")
_JUDGEMENT = re.compile(r"\b(judgement|judgment|assumption|assumed)\b", re.IGNORECASE)
_LOW_WORDS = re.compile(r"low confidence|low-confidence", re.IGNORECASE)
_ASSUMED = re.compile(r"\bassum", re.IGNORECASE)


def confidence_counts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per (consumer, table) by confidence, with the low share and ``assumption:`` rows.

    >>> t = {"fabs": pd.DataFrame({"confidence": ["high", "low"], "note": ["", "assumption: x"]})}
    >>> c = confidence_counts(t).query("consumer == 'analysis'")
    >>> c[["table", "low", "low_pct"]].values.tolist()
    [['fabs', 1, 50.0], ['(all)', 1, 50.0]]
    """
    rows = []
    for consumer, names in CONSUMERS.items():
        for name in names:
            if name not in tables:
                continue
            df = tables[name]
            counts = df["confidence"].value_counts()
            notes = df["note"].fillna("").astype(str).str.strip().str.lower()
            n = len(df)
            rows.append(
                {
                    "consumer": consumer,
                    "table": name,
                    **{lvl: int(counts.get(lvl, 0)) for lvl in _LEVELS},
                    "rows": n,
                    "low_pct": round(100.0 * int(counts.get("low", 0)) / n, 1) if n else 0.0,
                    "assumption_rows": int(notes.str.startswith("assumption:").sum()),
                }
            )
    out = pd.DataFrame(rows)
    totals = (
        out.groupby("consumer", sort=False)[[*_LEVELS, "rows", "assumption_rows"]]
        .sum()
        .reset_index()
        .assign(table="(all)")
    )
    totals["low_pct"] = (100.0 * totals["low"] / totals["rows"]).round(1)
    return pd.concat([out, totals], ignore_index=True)[
        ["consumer", "table", *_LEVELS, "rows", "low_pct", "assumption_rows"]
    ]


def label_issues(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows whose confidence label and note disagree (see the module docstring).

    >>> t = {"x": pd.DataFrame({"confidence": ["medium", "low", "low"],
    ...     "note": ["assumption: y", "value is a judgement", "assumption: z"]})}
    >>> for r in label_issues(t)[["row", "issue"]].values.tolist(): print(*r)
    2 assumption: note on a row not labelled low
    3 judgement without the assumption: prefix
    """
    rows = []
    for name, df in tables.items():
        if "confidence" not in df or "note" not in df:
            continue
        for i, (conf, raw) in enumerate(zip(df["confidence"], df["note"], strict=True), start=2):
            note = "" if pd.isna(raw) else str(raw).strip()
            lower = note.lower()
            issue = None
            if lower.startswith("assumption:") and conf != "low":
                issue = "assumption: note on a row not labelled low"
            elif conf == "low" and _JUDGEMENT.search(note) and not lower.startswith("assumption:"):
                if "judgement" in lower or "judgment" in lower:
                    issue = "judgement without the assumption: prefix"
            elif conf != "low" and not lower.startswith("mixed confidence:"):
                if _LOW_WORDS.search(note):
                    issue = "note says low confidence, label does not"
                elif _ASSUMED.search(note):
                    issue = "part of it is an assumption: say 'mixed confidence:' or label it low"
            if issue:
                rows.append(
                    {
                        "table": name,
                        "row": i,
                        "confidence": conf,
                        "issue": issue,
                        "note": note[:120],
                    }
                )
    return pd.DataFrame(rows, columns=["table", "row", "confidence", "issue", "note"])


def flagship_rows(
    tables: Mapping[str, pd.DataFrame],
    factors: pd.DataFrame,
    shock_ids: Collection[str],
    fab_ids: Collection[str],
) -> pd.DataFrame:
    """Low-confidence rows behind the flagship answer, one row per (factor, row).

    ``factors`` is a sensitivity factor table (columns factor, label_en, target), e.g.
    `chipshock.sim.sensitivity_factors.default_factors`. Targets: ``model_assumptions.<param>``,
    ``end_markets.<column>`` (every market row), ``inventory_buffers.<applies_to>``,
    ``node_requirements.<node_class>/<input_id>[/<market_id>].criticality`` (that row) and
    ``shock[0].<field>`` (the rows of ``shock_assumptions`` among ``shock_ids``, the flagship
    scenario's own, whose parameter names the field: ``duration``, ``loss``/``severity``,
    ``recovery``). ``fab_ids``: the fabs the flagship comparison switches off; their
    low-confidence ``fab_capacity`` rows are listed under the factor ``fabs_off``.

    >>> t = {"shock_assumptions": pd.DataFrame({"parameter": ["a_duration", "b_duration"],
    ...     "confidence": ["low", "low"], "note": ["", ""], "source_url": ["u", "u"]}),
    ...     "fab_capacity": pd.DataFrame({"fab_id": ["f1", "f2"], "node_class": ["lt10"] * 2,
    ...     "year": [2027, 2027], "confidence": ["low", "low"], "note": ["", ""],
    ...     "source_url": ["u", "u"]})}
    >>> f = pd.DataFrame({"factor": ["d"], "label_en": ["length"],
    ...     "target": ["shock[0].duration_weeks"]})
    >>> flagship_rows(t, f, ["a_duration"], ["f2"])[["factor", "row_key"]].values.tolist()
    [['d', 'a_duration'], ['fabs_off', 'f2 lt10 2027']]
    """
    out = []
    for f, label, target in zip(
        factors["factor"], factors["label_en"], factors["target"], strict=True
    ):
        table, _, key = str(target).partition(".")
        picked: pd.DataFrame | None = None
        if table == "model_assumptions" and table in tables:
            df = tables[table]
            picked = df[df["parameter"] == key].assign(row_key=key)
        elif table == "end_markets" and table in tables:
            picked = tables[table].assign(row_key=tables[table]["market_id"])
        elif table == "inventory_buffers" and table in tables:
            df = tables[table]
            picked = df[df["applies_to"] == key].assign(row_key=key)
        elif table == "node_requirements" and table in tables:
            df = tables[table]
            scope = (
                df["market_id"].fillna("").astype(str).str.strip()
                if "market_id" in df.columns
                else pd.Series("", index=df.index, dtype=object)
            )
            ids = df["node_class"].astype(str) + "/" + df["input_id"].astype(str)
            ids = ids.where(scope == "", ids + "/" + scope)
            row = key.removesuffix(".criticality")
            picked = df[ids == row].assign(row_key=row)
        elif table.startswith("shock") and "shock_assumptions" in tables:
            df = tables["shock_assumptions"]
            words = _SHOCK_FIELD_WORDS.get(key.split("_")[0], (key.split("_")[0],))
            params = df["parameter"].astype(str)
            own = params.isin(list(shock_ids))
            named = params.str.contains("|".join(words), case=False)
            picked = df[own & named].assign(row_key=params)
            table = "shock_assumptions"
        if picked is None or picked.empty:
            continue
        low = picked[picked["confidence"] == "low"]
        for _, r in low.iterrows():
            out.append(
                {
                    "factor": f,
                    "label": label,
                    "table": table,
                    "row_key": r["row_key"],
                    "confidence": r["confidence"],
                    "note": str(r.get("note") or "")[:120],
                    "source_url": r.get("source_url"),
                }
            )
    cap = tables.get("fab_capacity")
    if cap is not None and len(fab_ids):
        rows = cap[cap["fab_id"].isin(list(fab_ids)) & (cap["confidence"] == "low")]
        for _, r in rows.iterrows():
            out.append(
                {
                    "factor": "fabs_off",
                    "label": "capacity of a fab the comparison switches off",
                    "table": "fab_capacity",
                    "row_key": f"{r['fab_id']} {r['node_class']} {r['year']}",
                    "confidence": r["confidence"],
                    "note": str(r.get("note") or "")[:120],
                    "source_url": r.get("source_url"),
                }
            )
    return pd.DataFrame(
        out, columns=["factor", "label", "table", "row_key", "confidence", "note", "source_url"]
    )
