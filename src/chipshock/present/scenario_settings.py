"""What a scenario sets beside its shocks, in words: the buyers' stocks, market priorities and
fab overrides, one line each.

An analyst's question often turns on these ("with 2019-like stocks", "cars before phones",
"if Rapidus ramps later"), yet a run's heading named only its shocks, so two runs that differ
in them read alike. Every surface that shows a run prints these lines under its heading (the
CLI's `scenario run`, the report's assumptions, the JSON meta as ``settings``). The stocks line
is always there: a run without ``inventory_regime`` runs on the 2019 regime, and says so with
the row it reads (model_assumptions.csv, its date and confidence).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

import pandas as pd

from chipshock.present.labels import confidence_label, fab_names, market_label, node_label
from chipshock.present.messages import message
from chipshock.present.numbers import Lang, fmt_int

__all__ = [
    "run_settings",
    "saved_settings",
    "saved_title_ja",
    "settings_by_lang",
    "settings_lines",
]

#: The regime a scenario without ``inventory_regime`` runs on (`chipshock.sim.draws`: no row
#: read, the curated inventories as they are, which is what the 2019 row says).
DEFAULT_REGIME = "2019"


def settings_lines(
    scenario: Any,
    assumptions: pd.DataFrame | None,
    fab_names: Mapping[str, str],
    lang: Lang,
    *,
    default_stocks: bool = True,
) -> list[str]:
    """The scenario's stocks (always), restocking target, priorities and fab overrides, one
    sentence each in ``lang``; ``assumptions`` is model_assumptions.csv (``parameter``,
    ``value``, ``as_of``, ``confidence``), ``fab_names`` each fab's name in ``lang``. Without
    ``default_stocks`` the stocks line is left out when the scenario sets no regime (the
    briefing's body, short of room, lists only what the file sets).

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
    '在庫：「2019」型'
    """
    lines = []
    if scenario.inventory_regime or default_stocks:
        lines.append(_stocks(scenario.inventory_regime, assumptions, lang, target=False))
    if scenario.inventory_target_regime:
        lines.append(_stocks(scenario.inventory_target_regime, assumptions, lang, target=True))
    if scenario.priorities:
        sep = "、" if lang == "ja" else ", "
        weights = sep.join(f"{market_label(m, lang)} {w:g}" for m, w in scenario.priorities)
        lines.append(message("settings.priorities", lang, weights=weights))
    for o in scenario.fab_overrides:
        lines.append(_override(o, fab_names, lang))
    return lines


def run_settings(scenario: Any, data: Any, lang: Lang, *, default_stocks: bool = True) -> list[str]:
    """`settings_lines` of ``scenario`` on the model data ``data`` (its model_assumptions and
    fab registry), as every surface prints them."""
    fabs = getattr(data, "fabs", None)
    names = fab_names(fabs, lang) if isinstance(fabs, pd.DataFrame) and not fabs.empty else {}
    assumptions = getattr(data, "model_assumptions", None)
    return settings_lines(scenario, assumptions, names, lang, default_stocks=default_stocks)


def saved_settings(
    scenario_toml: object, assumptions: pd.DataFrame | None, fabs: pd.DataFrame | None
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
    return settings_by_lang(scenario, assumptions, fabs)


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
    scenario: Any, assumptions: pd.DataFrame | None, fabs: pd.DataFrame | None
) -> dict[str, list[str]]:
    """`settings_lines` of ``scenario`` in English and Japanese, fabs named from the registry
    ``fabs`` (by id when there is none), as the API's and JSON's ``settings`` give them."""
    registry = fabs if isinstance(fabs, pd.DataFrame) and not fabs.empty else None
    return {
        lang: settings_lines(
            scenario, assumptions, {} if registry is None else fab_names(registry, lang), lang
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
        return message(f"{key}_unread", lang, regime=name)
    return message(
        key + ("_default" if not regime and not target else ""),
        lang,
        regime=name,
        factor=f"{float(row['value']):g}",
        parameter=parameter,
        as_of=str(row.get("as_of", "") or "?"),
        confidence=confidence_label(str(row.get("confidence", "") or ""), lang),
    )


def _override(o: Any, fab_names: Mapping[str, str], lang: Lang) -> str:
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
    return message("settings.fab_override", lang, fab=name, fab_id=o.fab, parts=sep.join(parts))
