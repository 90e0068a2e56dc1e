"""What a scenario sets beside its shocks, in words: the buyers' stocks, market priorities, fab
overrides, stock interventions (``stockpile``, ``inventory_policy``) and fab switches
(``fabs_off``, ``fabs_on``, ``partnership_off``: `chipshock.present.switch_settings`), one line
each.

An analyst's question often turns on these ("with 2019-like stocks", "cars before phones",
"if Rapidus ramps later"), yet a run's heading named only its shocks, so two runs that differ
in them read alike. Every surface that shows a run prints these lines under its heading (the
CLI's `scenario run`, the report's assumptions, the JSON meta as ``settings``). The stocks line
is always there: a run without ``inventory_regime`` runs on the 2019 regime, and says so with
the row it reads (model_assumptions.csv, its date and confidence). A fab override says what the
data have for that fab from the year the first shock starts (fab_capacity.csv, the figures it
replaces), so a reader who doubts a fab's ramp sees what the data already assume.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from typing import Any

import pandas as pd

from chipshock.present.labels import confidence_label, fab_names, market_label, node_label
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import Lang, fmt_int
from chipshock.present.switch_settings import FAB_SWITCHES, switch_lines

__all__ = [
    "STOCK_INTERVENTIONS",
    "regime_name",
    "run_settings",
    "saved_settings",
    "saved_title_ja",
    "settings_by_lang",
    "settings_lines",
]

#: The regime a scenario without ``inventory_regime`` runs on (`chipshock.sim.draws`: no row
#: read, the curated inventories as they are, which is what the 2019 row says).
DEFAULT_REGIME = "2019"

#: the interventions that change the buyers' stocks, each named by a line of its own (so are
#: the fab switches, `FAB_SWITCHES`)
STOCK_INTERVENTIONS = ("stockpile", "inventory_policy")

#: the most figures an override's data note lists (the shock year and the changes after it)
_MAX_DATA_FIGURES = 4


def settings_lines(
    scenario: Any,
    assumptions: pd.DataFrame | None,
    fab_names: Mapping[str, str],
    lang: Lang,
    *,
    default_stocks: bool = True,
    capacity: pd.DataFrame | None = None,
    partnerships: pd.DataFrame | None = None,
) -> list[str]:
    """The scenario's stocks (always), restocking target, stock interventions and fab switches
    (in the file's order), priorities and fab overrides, one sentence each in ``lang``;
    ``assumptions`` is model_assumptions.csv (``parameter``, ``value``, ``as_of``,
    ``confidence``), ``fab_names`` each fab's name in ``lang``, ``capacity`` fab_capacity.csv
    (an override then says what the data have for its fab; nothing without it),
    ``partnerships`` partnerships.csv (a ``partnership_off`` names the partnership and its
    fabs from it). Without ``default_stocks`` the stocks line is left out when the scenario
    sets no regime (the briefing's body, short of room, lists only what the file sets).

    >>> from chipshock.scenarios.model import FabOverride, Scenario
    >>> a = pd.DataFrame({"parameter": ["inventory_regime_2019", "inventory_regime_2021_lean"],
    ...     "value": [1.0, 0.125], "as_of": ["2022-01", "2022-01"],
    ...     "confidence": ["low", "medium"]})
    >>> s = Scenario("x", "X", inventory_regime="2021_lean", priorities=(("automotive", 10.0),),
    ...     fab_overrides=(FabOverride("renesas-naka", capacity_wspm=20000, start_year=2028),))
    >>> lines = settings_lines(s, a, {"renesas-naka": "Renesas Naka"}, "en")
    >>> for line in lines:
    ...     print(line.split(" (")[0])
    Stocks: the 2021_lean regime, buyers' chip inventories at 0.125 x the curated levels
    Priorities: Automotive 10; every other market 1
    Fab override: Renesas Naka
    >>> print(*lines[0].split(" (")[1].split(", "), sep="\\n")
    model_assumptions.csv inventory_regime_2021_lean
    as of 2022-01
    confidence medium).
    >>> print(*lines[2].split(", ")[1:], sep="\\n")
    20,000 wafers a month at full ramp over all its classes
    first output 2028; the rest as fab_capacity.csv.
    >>> settings_lines(Scenario("y", "Y"), a, {}, "ja")[0].split("（")[0]
    '在庫：2019年型の在庫'
    """
    lines = []
    if scenario.inventory_regime or default_stocks:
        lines.append(_stocks(scenario.inventory_regime, assumptions, lang, target=False))
    if scenario.inventory_target_regime:
        lines.append(_stocks(scenario.inventory_target_regime, assumptions, lang, target=True))
    for iv in scenario.interventions:
        if iv.kind in STOCK_INTERVENTIONS:
            lines.append(_stock_intervention(iv, lang))
        elif iv.kind in FAB_SWITCHES:
            lines += switch_lines(iv, fab_names, partnerships, lang)
    if scenario.priorities:
        sep = "、" if lang == "ja" else ", "
        weights = sep.join(f"{market_label(m, lang)} {w:g}" for m, w in scenario.priorities)
        lines.append(message("settings.priorities", lang, weights=weights))
    first = min((int(s.start_year) for s in scenario.shocks), default=int(scenario.start_year))
    years = range(first, max(first, int(scenario.end_year)) + 1)
    for o in scenario.fab_overrides:
        lines.append(_override(o, fab_names, lang, _data_figures(o, capacity, years, lang)))
    return lines


def run_settings(scenario: Any, data: Any, lang: Lang, *, default_stocks: bool = True) -> list[str]:
    """`settings_lines` of ``scenario`` on the model data ``data`` (its model_assumptions, fab
    registry, fab_capacity and partnerships), as every surface prints them."""
    fabs = getattr(data, "fabs", None)
    names = fab_names(fabs, lang) if isinstance(fabs, pd.DataFrame) and not fabs.empty else {}
    assumptions = getattr(data, "model_assumptions", None)
    capacity = getattr(data, "fab_capacity", None)
    partnerships = getattr(data, "partnerships", None)
    return settings_lines(
        scenario,
        assumptions,
        names,
        lang,
        default_stocks=default_stocks,
        capacity=capacity if isinstance(capacity, pd.DataFrame) else None,
        partnerships=partnerships if isinstance(partnerships, pd.DataFrame) else None,
    )


def saved_settings(
    scenario_toml: object,
    assumptions: pd.DataFrame | None,
    fabs: pd.DataFrame | None,
    capacity: pd.DataFrame | None = None,
    partnerships: pd.DataFrame | None = None,
) -> dict[str, list[str]]:
    """`settings_lines` in both languages of a saved result's scenario (the TOML the store
    keeps of the scenario as run, `chipshock.sim.run.store`); empty lists when the store kept
    none or it no longer reads (a result saved by an older chipshock)."""
    from chipshock.errors import InputError
    from chipshock.scenarios.parser import parse_scenario

    empty: dict[str, list[str]] = {"en": [], "ja": []}
    if not isinstance(scenario_toml, str) or not scenario_toml.strip() or assumptions is None:
        return empty
    try:
        scenario = parse_scenario(scenario_toml, "saved result")
    except InputError:
        return empty
    return settings_by_lang(scenario, assumptions, fabs, capacity, partnerships)


def saved_title_ja(scenario_toml: object) -> str | None:
    """The ``title_ja`` of a saved result's scenario (the TOML the store keeps of it as run),
    or None when it has none or the store kept no TOML that reads (the CLI and the API then
    show its English title).

    >>> saved_title_ja('[scenario]\\nid = "x"\\ntitle = "X"\\ntitle_ja = "エックス"\\n')
    'エックス'
    >>> saved_title_ja('[scenario]\\nid = "x"\\ntitle = "X"\\n') is None
    True
    """
    if not isinstance(scenario_toml, str) or not scenario_toml:
        return None
    try:
        head = tomllib.loads(scenario_toml).get("scenario", {})
    except tomllib.TOMLDecodeError:
        return None
    title = head.get("title_ja") if isinstance(head, dict) else None
    return title if isinstance(title, str) and title else None


def settings_by_lang(
    scenario: Any,
    assumptions: pd.DataFrame | None,
    fabs: pd.DataFrame | None,
    capacity: pd.DataFrame | None = None,
    partnerships: pd.DataFrame | None = None,
) -> dict[str, list[str]]:
    """`settings_lines` of ``scenario`` in English and Japanese, fabs named from the registry
    ``fabs`` (by id when there is none), an override's data from ``capacity``
    (fab_capacity.csv), a switched-off partnership from ``partnerships`` (partnerships.csv),
    as the API's and JSON's ``settings`` give them."""
    registry = fabs if isinstance(fabs, pd.DataFrame) and not fabs.empty else None
    return {
        lang: settings_lines(
            scenario,
            assumptions,
            {} if registry is None else fab_names(registry, lang),
            lang,
            capacity=capacity,
            partnerships=partnerships,
        )
        for lang in ("en", "ja")
    }


def _stocks(regime: str, assumptions: pd.DataFrame | None, lang: Lang, *, target: bool) -> str:
    name = regime or DEFAULT_REGIME
    parameter = f"inventory_regime_{name}"
    row = None
    if assumptions is not None and not assumptions.empty:
        found = assumptions[assumptions["parameter"] == parameter]
        row = found.iloc[0] if len(found) else None
    key = "settings.restock" if target else "settings.stocks"
    if row is None:  # the engine refuses an unknown regime before a run; a file check may not
        return message(f"{key}_unread", lang, name=regime_name(name, lang))
    return message(
        key + ("_default" if not regime and not target else ""),
        lang,
        name=regime_name(name, lang),
        factor=f"{float(row['value']):g}",
        parameter=parameter,
        as_of=str(row.get("as_of", "") or "?"),
        confidence=confidence_label(str(row.get("confidence", "") or ""), lang),
    )


def regime_name(regime: str, lang: Lang) -> str:
    """An inventory regime in words (``settings.regime.<id>``: in Japanese "2021年型の薄い
    在庫", not the id); a regime the catalogue does not name is given by its id.

    >>> regime_name("2021_lean", "ja"), regime_name("2030_fat", "en")
    ('2021年型の薄い在庫', 'the 2030_fat regime')
    """
    key = f"settings.regime.{regime}"
    return (
        message(key, lang)
        if has_message(key, lang)
        else message("settings.regime", lang, regime=regime)
    )


def _stock_intervention(iv: Any, lang: Lang) -> str:
    """A ``stockpile`` or ``inventory_policy`` intervention in one sentence: how much, for which
    markets (every market when it names none), and its label."""
    sep = "、" if lang == "ja" else ", "
    markets = (
        sep.join(market_label(m, lang) for m in iv.markets)
        if iv.markets
        else message("settings.every_market", lang)
    )
    text = (iv.label_ja or iv.label) if lang == "ja" else iv.label
    label = message("settings.intervention_label", lang, label=text) if text else ""
    if iv.kind == "stockpile":
        return message(
            "settings.stockpile", lang, markets=markets, weeks=f"{iv.weeks:g}", label=label
        )
    return message(
        "settings.inventory_policy", lang, markets=markets, factor=f"{iv.factor:g}", label=label
    )


def _data_figures(o: Any, capacity: pd.DataFrame | None, years: range, lang: Lang) -> str:
    """What fab_capacity.csv has for the override's fab (its class, if it names one): the
    figure in the first of ``years`` (the year the first shock starts), then each change after
    it within the horizon, with the rows' dates and lowest confidence; "" without the table.

    >>> rows = pd.DataFrame({"fab_id": ["f", "f"], "node_class": ["lt10", "lt10"],
    ...     "year": [2026, 2028], "capacity_wspm": [0, 6000], "as_of": ["2024-03", "2025-11"],
    ...     "confidence": ["low", "low"]})
    >>> from chipshock.scenarios.model import FabOverride
    >>> text = _data_figures(FabOverride("f", start_year=2029), rows, range(2027, 2031), "en")
    >>> print(*text.strip().split(" (", 1), sep="\\n")
    In the data: none in 2027, 6,000 a month from 2028
    fab_capacity.csv, as of 2024-03 to 2025-11, confidence low).
    """
    if capacity is None or capacity.empty or not len(years):
        return ""
    rows = capacity[capacity["fab_id"].astype(str) == o.fab]
    if o.node_class:
        rows = rows[rows["node_class"].astype(str) == o.node_class]
    if rows.empty:
        return message("settings.override_data_none", lang)
    used: set[tuple[str, str]] = set()  # as_of and confidence of the rows behind the figures
    figures: list[tuple[int, float]] = []
    for year in years:
        total = 0.0
        for _, group in rows.groupby(rows["node_class"].astype(str)):
            held = group[group["year"].astype(int) <= year]
            if held.empty:
                continue
            latest = held.loc[held["year"].astype(int).idxmax()]
            total += float(latest["capacity_wspm"])
            used.add((_cell(latest.get("as_of")), _cell(latest.get("confidence"))))
        if not figures or figures[-1][1] != total:
            figures.append((year, total))
        if len(figures) == _MAX_DATA_FIGURES:
            break
    sep = "、" if lang == "ja" else ", "
    words = []
    for i, (year, total) in enumerate(figures):
        when = "first" if i == 0 else "from"
        if total > 0:
            words.append(
                message(f"settings.data_wspm_{when}", lang, year=year, wspm=fmt_int(total))
            )
        else:
            words.append(message(f"settings.data_none_{when}", lang, year=year))
    dates = sorted({d for d, _ in used if d}) or ["?"]
    as_of = dates[0] if len(dates) == 1 else _date_range(dates[0], dates[-1], lang)
    ranks = {"low": 0, "medium": 1, "high": 2}
    levels = [c for _, c in used if c]
    lowest = min(levels, key=lambda c: ranks.get(c, -1)) if levels else ""
    return message(
        "settings.override_data",
        lang,
        years=sep.join(words),
        as_of=as_of,
        confidence=confidence_label(lowest, lang),
    )


def _cell(value: object) -> str:
    """A text cell ("" for a missing one: None or NaN)."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _date_range(first: str, last: str, lang: Lang) -> str:
    return f"{first}〜{last}" if lang == "ja" else f"{first} to {last}"


def _override(o: Any, fab_names: Mapping[str, str], lang: Lang, data: str = "") -> str:
    sep = "、" if lang == "ja" else ", "
    parts = []
    if o.capacity_wspm is not None:
        scope = (
            message("settings.override_class", lang, node=node_label(o.node_class, lang))
            if o.node_class
            else message("settings.override_all_classes", lang)
        )
        parts.append(
            message("settings.override_capacity", lang, wspm=fmt_int(o.capacity_wspm), scope=scope)
        )
    if o.start_year is not None:
        parts.append(message("settings.override_start", lang, year=int(o.start_year)))
    if o.ramp_years is not None:
        parts.append(message("settings.override_ramp", lang, years=f"{o.ramp_years:g}"))
    name = fab_names.get(o.fab, o.fab)
    return message(
        "settings.fab_override", lang, fab=name, fab_id=o.fab, parts=sep.join(parts), data=data
    )
