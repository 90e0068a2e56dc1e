"""Per-market caveats where the history check (`chipshock validate`, docs/validation.md) shows
the model far from what happened (review 14 #1).

Every surface that prints a market's output loss carries its caveat: the summary paragraph (CLI,
API ``summary_text``, the report's first page, the dashboard), and the API's and the CLI's JSON
``caveats``. The words are the message catalogue's (``caveat.<market>``, en and ja); the only
numbers in them are observed values of ``history_observations.csv`` (what happened does not go
stale), never the model's, which move with every data release.

The history gap was measured on mature-node shortages (2021, Naka), so automotive's "lower
bound" is attached only when cars' *binding class* in the run is mature logic (review 16 #2):
the class cars use (``market_node_demand.csv``) whose supply, as a share of demand (the p50
``supply_pct_of_demand`` band), is lowest in cars' worst weeks (the weeks whose p50
``output_pct_of_normal`` is within `WORST_WEEKS_PP` points of its minimum). The engine keeps no
binding class of its own; with strict complementarity the scarcest class a market uses sets its
output, which this reads back from the bands. When another class binds (DRAM in the Korea
conflict), the run says so instead (``caveat.automotive_binding``, with the run's own supply
share): the model shares a scarce class pro rata across all buyers, so cars' loss there may be
an upper bound. A result without bands, or in which no class cars use falls short, keeps the
history caveat. Both long wordings end with one rule (``caveat.automotive_rule``): the model
under-counts car losses in mature-node shortages and may over-count them when another class
limits cars, so a run and a comparison of the same scenario say the same thing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.data.csvio import read_raw
from chipshock.data.history import read_history_observations
from chipshock.present.labels import Lang, check_lang, node_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_pct, fmt_vehicles_m
from chipshock.present.summary_figures import side_labels
from chipshock.present.summary_sweep import in_sentence

__all__ = ["CAVEATS", "HISTORY_CLASSES", "WORST_WEEKS_PP", "binding_class", "market_caveats"]

#: market -> (message key, {placeholder: (case_id, quantity) of history_observations.csv}).
#: Automotive: the model loses about a tenth of the vehicles of the 2021 shortage and of the
#: Naka fire (docs/validation.md, "above band" in `chipshock validate`).
CAVEATS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "automotive": (
        "caveat.automotive",
        {
            "vehicles": ("shortage-2021", "vehicles_not_built_m"),
            "naka_weeks": ("naka-fire-2021", "automotive_output_lost_weeks"),
        },
    ),
}

#: the classes of the history cases (2021's shortage and the Naka fire: mature logic); the
#: caveat's "lower bound" holds when one of them binds a market's output
HISTORY_CLASSES = frozenset({"gt45", "n28_45"})

#: cars' "worst weeks": p50 output within this many percentage points of its lowest p50
WORST_WEEKS_PP = 1.0


@cache
def _classes_used() -> dict[str, frozenset[str]]:
    """market -> the node classes it uses (share_pct > 0 in the shipped market_node_demand.csv)."""
    root = resources.files("chipshock") / "data" / "files" / "curated"
    table = read_raw(Path(str(root / "market_node_demand.csv")))
    used: dict[str, set[str]] = {}
    for row in table.rows:
        if float(row["share_pct"]) > 0:
            used.setdefault(row["market_id"].strip(), set()).add(row["node_class"].strip())
    return {market: frozenset(classes) for market, classes in used.items()}


def binding_class(bands: pd.DataFrame | None, market: str) -> tuple[str, float] | None:
    """The class that limits ``market``'s output most in its worst weeks, and its mean p50
    supply there (% of demand); None when the bands lack the series or no class the market
    uses falls short of demand in those weeks (no shortage binds).

    With strict complementarity (the scarcest class sets output) and pro-rata sharing, a
    market's output in a week follows the lowest supply share among the classes it uses."""
    if bands is None or bands.empty or not {"series", "key", "week", "p50"} <= set(bands):
        return None
    output = bands[(bands["series"] == "output_pct_of_normal") & (bands["key"] == market)]
    supply = bands[
        (bands["series"] == "supply_pct_of_demand")
        & bands["key"].isin(_classes_used().get(market, frozenset()))
    ]
    if output.empty or supply.empty:
        return None
    worst = output.loc[output["p50"] <= output["p50"].min() + WORST_WEEKS_PP, "week"]
    there = supply[supply["week"].isin(worst)].groupby("key")["p50"].mean()
    if there.empty or there.min() >= 100.0:
        return None
    return str(there.idxmin()), float(there.min())


def _sides(obj: Any) -> list[Any]:
    return [obj.a, obj.b] if hasattr(obj, "a") and hasattr(obj, "b") else [obj]


@cache
def _observed() -> dict[tuple[str, str], float]:
    table = read_history_observations().dropna(subset=["observed"])
    keys = zip(table["case_id"].astype(str), table["quantity"].astype(str), strict=True)
    return dict(zip(keys, table["observed"].astype(float), strict=True))


def _markets(obj: Any) -> list[str]:
    """The markets a result (or either side of a comparison) prints, in the result's order."""
    seen: dict[str, None] = {}
    for side in _sides(obj):
        kpis = getattr(side, "kpis", None)
        if kpis is not None and "market" in kpis:
            seen.update(dict.fromkeys(str(m) for m in kpis["market"]))
    return list(seen)


def market_caveats(
    obj: Any,
    lang: Lang | str = "en",
    *,
    short: bool = False,
    label_a: str | None = None,
    label_b: str | None = None,
) -> list[str]:
    """The caveats of the markets a result or comparison prints (empty when none applies);
    ``short``: the one-line wording (``<key>_short``) of the report's first page, which must
    keep its key figures on two A4 pages; ``label_a``/``label_b``: a comparison's sides as the
    surface names them (`side_labels`: its heading and summary say "with the alliance fabs",
    and so must the caveat)."""
    language = check_lang(lang)
    observed = _observed()
    suffix = "_short" if short else ""
    # one rule on both kinds of caveat (session 31's audit, finding 7: a run said "lower
    # bound" and a comparison of the same scenario "upper bound", with nothing tying them)
    rule = message(f"{CAVEATS['automotive'][0]}_rule", language)
    out: list[str] = []
    for market in _markets(obj):
        if market not in CAVEATS:
            continue
        key, rows = CAVEATS[market]
        history, binding = _side_bindings(obj, market)
        if history:
            values = {
                name: _observed_text(name, observed[row], language) for name, row in rows.items()
            }
            out.append(message(f"{key}{suffix}", language, rule=rule, **values))
        for node, found in binding.items():
            sides = [index for index, _ in found]
            labels = (label_a, label_b)
            node_name = node_label(node, language)
            share = _shares(obj, found, language, short, labels)
            if language == "en":
                node_name = in_sentence(node_name)  # "limited most by leading edge (<10 nm)"
            where = _where(obj, sides, language, suffix, labels)
            # a scenario that weights the market's orders ([priorities]) does not share the
            # class pro rata: the caveat says the weight instead (session 29's analyst, cars 10)
            weight = _weight(obj, sides, market)
            out.append(
                message(
                    f"{key}_binding{'_weighted' if weight is not None else ''}{suffix}",
                    language,
                    node=node_name,
                    supply_pct=share,
                    where=where,
                    weight=f"{weight:g}" if weight is not None else "",
                    rule=rule,
                )
            )
    return out


def _observed_text(name: str, value: float, lang: Lang) -> str:
    """An observed value in a caveat: vehicles (given in millions) in the language's units
    (10.1 million / 1,010万, `fmt_vehicles_m`), other values as recorded."""
    return fmt_vehicles_m(value, lang) if name == "vehicles" else f"{value:g}"


def _side_bindings(obj: Any, market: str) -> tuple[bool, dict[str, list[tuple[int, float]]]]:
    """Whether the history caveat applies to a result or comparison (a side whose binding
    class is mature logic, or no side with any binding class), and the other binding classes
    with the sides (0: a, 1: b) where they bind and each side's supply share there (one caveat
    per class, not per side)."""
    bindings = [binding_class(getattr(side, "bands", None), market) for side in _sides(obj)]
    found = [b for b in bindings if b is not None]
    other: dict[str, list[tuple[int, float]]] = {}
    for index, bound in enumerate(bindings):
        if bound is None or bound[0] in HISTORY_CLASSES:
            continue
        node, supply_pct = bound
        other.setdefault(node, []).append((index, supply_pct))
    history = not found or any(node in HISTORY_CLASSES for node, _ in found)
    return history, other


def _shares(
    obj: Any,
    found: list[tuple[int, float]],
    lang: Lang,
    short: bool,
    labels: tuple[str | None, str | None] = (None, None),
) -> str:
    """A binding class's supply share as the caveat says it: one figure when it binds on one
    side or both sides show the same rounded share; else each side's own, in the sides' order
    and named by the sides' labels in the long wording (session 30's audit: "in both runs …
    falls to 68 %" gave the lower side's share for both, where one side had 70 %).

    >>> _shares(None, [(0, 68.2)], "en", False)
    '68%'
    >>> _shares(None, [(0, 68.2), (1, 67.9)], "en", False)
    '68%'
    """
    texts = [fmt_pct(pct, 0, lang) for _, pct in found]
    if len(set(texts)) == 1:
        return texts[0]
    if short:
        return message("caveat.shares_both_short", lang, a=texts[0], b=texts[1])
    named = side_labels(obj, lang, *labels)
    return message(
        "caveat.shares_both",
        lang,
        a=texts[0],
        b=texts[1],
        label_a=named[found[0][0]],
        label_b=named[found[1][0]],
    )


def _weight(obj: Any, sides: list[int], market: str) -> float | None:
    """The ``[priorities]`` weight the sides where a class binds give ``market``, when they
    all give it one other than 1 (the same); None when any side shares pro rata."""
    weights = set()
    for index in sides:
        scenario = getattr(_sides(obj)[index], "scenario", None)
        weights.add(dict(getattr(scenario, "priorities", ()) or ()).get(market, 1.0))
    (weight,) = weights if len(weights) == 1 else (1.0,)
    return None if float(weight) == 1.0 else float(weight)


def _where(
    obj: Any,
    sides: list[int],
    lang: Lang,
    suffix: str,
    labels: tuple[str | None, str | None] = (None, None),
) -> str:
    """Where a class binds: "in this run" ("here" when short) for one run; for a comparison
    the side by its name (`chipshock.present.summary_figures.side_labels`), or both (session 24's
    user review, finding 1: a comparison's caveat did not say which side)."""
    if len(_sides(obj)) < 2:
        return message(f"caveat.where_run{suffix}", lang)
    if len(sides) > 1:
        return message(f"caveat.where_both{suffix}", lang)
    named = side_labels(obj, lang, *labels)
    return message(f"caveat.where_side{suffix}", lang, label=named[sides[0]])
