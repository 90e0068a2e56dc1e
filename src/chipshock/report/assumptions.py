"""The named assumptions a briefing shows under its chart: the shocks, the fabs switched off.

Everything is named, never an id: a shock by its label, kind, the countries, firms or fabs it
hits (`chipshock.present.labels.country_label`, the fab registry's names), its start, and its
duration, severity and recovery as "central value (low–high)"; each fab switched off by name,
place, node class, capacity (wafer starts per month, from its fab_capacity.csv rows, never a
default) and the year its production starts (`fab_capacity`, `volume_year`).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pandas as pd

from chipshock.present import labels
from chipshock.present.eto_names import input_name
from chipshock.present.labels import (
    Lang,
    country_label,
    in_language,
    market_label,
    node_label,
    place_label,
)
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int, fmt_number, fmt_pct, fmt_year
from chipshock.present.scenario_settings import STOCK_INTERVENTIONS, run_settings
from chipshock.present.switch_settings import FAB_SWITCHES, by_option, switch_lines

__all__ = ["assumption_items", "fab_capacity", "fab_ids_off", "fab_lines", "fab_names"]

_MONTHS_EN = tuple(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13))


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _start(shock: Any, lang: Lang) -> str:
    day = dt.date(int(shock.start_year), 1, 1) + dt.timedelta(weeks=int(shock.start_week) - 1)
    month = _MONTHS_EN[day.month - 1] if lang == "en" else day.month  # Japanese: 「3月」
    return message("report.shock_start_month", lang, month=month, year=day.year)


def _dist(dist: Any, write: Any, lang: Lang) -> tuple[str, str]:
    """(central value, range) of a `Distribution`, each written by ``write``."""
    central = write(dist.central)
    if dist.kind == "fixed":
        return central, message("report.fixed", lang)
    low = dist.low
    high = dist.high if dist.high is not None else dist.low
    if dist.kind == "normal" and dist.sd is not None and dist.high is None:
        low, high = dist.central - 1.645 * dist.sd, dist.central + 1.645 * dist.sd
    sep = "–" if lang == "en" else "〜"
    return central, f"{write(low)}{sep}{write(high)}"


def _weeks(v: float) -> str:
    return fmt_number(v, 0 if abs(v) >= 10 else 1).removesuffix(".0")


def _share(v: float) -> str:
    return fmt_pct(100 * v)


def _targets(shock: Any, data: Any, lang: Lang) -> str:
    """Who a shock hits, by name: countries, fabs, firms or inputs; export controls "from → to"."""
    names: list[str] = []
    fabs, firms, inputs = fab_names(data, lang), _firm_names(data), _input_names(data, lang)
    for code in shock.targets:
        if shock.kind in ("country", "export_control"):
            names.append(country_label(code, lang))
        elif shock.kind == "fab":
            names.append(fabs.get(code, code))
        elif shock.kind == "firm":
            names.append(firms.get(code, code))
        else:
            names.append(inputs.get(code, code))
    sep = ", " if lang == "en" else "、"
    text = sep.join(names)
    if shock.to:
        text += " → " + sep.join(country_label(c, lang) for c in shock.to)
    if shock.inputs:
        # the inputs it stops, after a semicolon of the text's own script (「；」 in Japanese)
        text += ("; " if lang == "en" else "；") + sep.join(inputs.get(c, c) for c in shock.inputs)
    return text


def _input_names(data: Any, lang: Lang) -> dict[str, str]:
    """ETO inputs by their names, and raw materials (advanced packaging among them) by
    raw_materials.csv's ``name_en`` / ``name_ja``."""
    names: dict[str, str] = {}
    table = getattr(data, "inputs", None)
    if isinstance(table, pd.DataFrame) and not table.empty and "input_id" in table:
        names = {
            str(k): input_name(str(k), str(v), lang)
            for k, v in zip(table["input_id"], table["name"], strict=True)
        }
    raw = getattr(data, "raw_materials", None)
    column = "name_ja" if lang == "ja" else "name_en"
    if isinstance(raw, pd.DataFrame) and not raw.empty and column in raw:
        for k, v in zip(raw["material_id"], raw[column], strict=True):
            if str(k) not in names and isinstance(v, str) and v:
                names[str(k)] = v
    return names


def fab_names(data: Any, lang: Lang = "en") -> dict[str, str]:
    """fab_id -> name in ``lang`` from the model data's registry ({} without one): in Japanese
    its name_ja where given (`chipshock.present.labels.fab_names`)."""
    fabs = getattr(data, "fabs", None)
    if not isinstance(fabs, pd.DataFrame) or fabs.empty:
        return {}
    return labels.fab_names(fabs, lang)


def _firm_names(data: Any) -> dict[str, str]:
    firms = getattr(data, "firms", None)
    if not isinstance(firms, pd.DataFrame) or firms.empty or "firm_id" not in firms:
        return {}
    return {str(k): str(v) for k, v in zip(firms["firm_id"], firms["name"], strict=True)}


def fab_ids_off(scenario: Any) -> list[str]:
    """The fab ids a scenario switches off (``fabs_off`` interventions), in order, once each."""
    ids: list[str] = []
    for iv in getattr(scenario, "interventions", ()):
        if iv.kind == "fabs_off":
            ids += [str(f) for f in iv.fabs if str(f) not in ids]
    return ids


def fab_capacity(
    fab_ids: list[str], data: Any, years: tuple[int, int]
) -> dict[str, tuple[tuple[str, ...], int, float] | None]:
    """Per fab, the capacity the model gives it within ``years`` (from fab_capacity.csv, never a
    default): (its node classes with capacity, largest first; the first year it produces in
    the model; the largest capacity in wafer starts per month summed over its classes); None
    without capacity or unknown. A fab producing before the horizon began gets the first year
    of its fab_capacity.csv rows, the model's own start (not the announced start of fabs.csv:
    TSMC Arizona announced 2024, its rows start in 2025)."""
    from chipshock.sim.network import build_network

    horizon = list(range(years[0], years[1] + 1))
    network = build_network(data, horizon)
    rows = data.fab_capacity
    out: dict[str, tuple[tuple[str, ...], int, float] | None] = {}
    for fab_id in fab_ids:
        mine = [p for p in network.producers if p.fab_id == fab_id]
        peak = [max(p.capacity_kwspm) for p in mine]
        if not mine or max(peak) <= 0:
            out[fab_id] = None
            continue
        ranked = sorted(zip(peak, mine, strict=True), key=lambda pair: -pair[0])
        classes = tuple(str(p.node_class) for k, p in ranked if k > 0)
        first = min(
            (y for p in mine for y, c in zip(horizon, p.capacity_kwspm, strict=True) if c > 0),
            default=years[0],
        )
        if first == years[0]:  # producing when the horizon begins: since its first row
            own = rows[(rows["fab_id"] == fab_id) & (rows["capacity_wspm"].astype(float) > 0)]
            if not own.empty:
                first = min(first, int(own["year"].astype(int).min()))
        out[fab_id] = (classes, int(first), 1000.0 * sum(peak))
    return out


def volume_year(fab_id: str, first: int, data: Any) -> int | None:
    """The first year ``fab_id`` holds volume capacity, when its first capacity row (year
    ``first``) is a pilot line (``phase`` names one) that the data counts as supply (a pilot
    line that makes only prototypes holds 0 wafers a month and is not a first row: Rapidus
    IIM-1's, since data release 23, so Rapidus produces from 2028). None when the first row is
    not a pilot line, or no volume row follows.

    A pilot line counted as supply makes real wafers, but a reader told "producing from 2026"
    would take it for volume production (review 3, finding 10)."""
    rows = data.fab_capacity
    own = rows[(rows["fab_id"] == fab_id) & (rows["capacity_wspm"].astype(float) > 0)]
    phase = own["phase"].fillna("").astype(str).str.lower()
    years = own["year"].astype(int)
    if not (phase[years == first].str.contains("pilot")).any():
        return None
    later = years[(years > first) & ~phase.str.contains("pilot")]
    return int(later.min()) if not later.empty else None


def fab_lines(fab_ids: list[str], data: Any, lang: Lang, years: tuple[int, int]) -> list[str]:
    """One plain-language description per fab: name, place, node class, the largest capacity the
    model gives it within the horizon and the first year it produces (`fab_capacity`); a fab
    without a capacity row says so."""
    capacity = fab_capacity(fab_ids, data, years)
    fabs = data.fabs.set_index("fab_id", drop=False)
    out = []
    for fab_id in fab_ids:
        if fab_id not in fabs.index:
            out.append(fab_id)
            continue
        row = fabs.loc[fab_id]
        name = in_language(row["name"], row.get("name_ja"), lang)
        where = place_label(
            row["region_or_city"], row.get("region_or_city_ja"), str(row["country"]), lang
        )
        given = capacity[fab_id]
        if given is None:
            out.append(message("report.assume_fab_nocap", lang, name=name, where=where, node="–"))
            continue
        classes, first, wspm = given
        volume = volume_year(fab_id, first, data)
        out.append(
            message(
                "report.assume_fab" if volume is None else "report.assume_fab_pilot",
                lang,
                name=name,
                where=where,
                node=(" + " if lang == "en" else "・").join(node_label(c, lang) for c in classes),
                cap=fmt_int(wspm),
                end=fmt_year(years[1]),
                year=fmt_year(first),
                **({} if volume is None else {"volume": fmt_year(volume)}),
            )
        )
    return out


def _fabs_off_lines(scenario: Any, data: Any, lang: Lang) -> list[str]:
    """The settings lines of the scenario's ``fabs_off`` switches (`switch_lines`), as
    `run_settings` words them."""
    fabs = getattr(data, "fabs", None)
    names = (
        labels.fab_names(fabs, lang) if isinstance(fabs, pd.DataFrame) and not fabs.empty else {}
    )
    return [
        line
        for iv in scenario.interventions
        if iv.kind == "fabs_off"
        for line in switch_lines(iv, names, None, lang)
    ]


def _label(item: Any, lang: Lang) -> str:
    """A shock's or intervention's label in ``lang``: ``label_ja`` in Japanese where the
    scenario gives one, else ``label``."""
    ja = str(getattr(item, "label_ja", "") or "")
    return ja if lang == "ja" and ja else str(getattr(item, "label", "") or "")


def _effect(shock: Any, data: Any, lang: Lang, sev: str, sev_range: str) -> str:
    """What a shock's severity does, worded by its kind: a fab shock cuts output; a country
    shock the output of the fabs there and the inputs supplied from there, a firm shock its fabs'
    output and the inputs it provides; an input or raw-material shock cuts that input's supply;
    export controls stop that share of the flows; a demand shock raises (``surge``) or lowers
    (``slump``) demand.

    >>> from chipshock.scenarios.model import Distribution, Shock
    >>> dem = Shock(kind="demand", targets=("pcs",), start_year=2026, direction="slump")
    >>> _effect(dem, None, "en", "30%", "fixed")
    'lowers demand by 30% (fixed)'
    >>> _effect(Shock(kind="input", targets=("neon",), start_year=2026), None, "en", "88%", "fixed")
    'cuts the supply of neon by 88% (fixed)'
    >>> _effect(Shock(kind="fab", targets=("tsmc-f18",), start_year=2026), None, "en", "50%", "-")
    'cuts output by 50% (-)'
    """
    if shock.kind == "demand":
        key = "slump" if shock.direction == "slump" else "surge"
    elif shock.kind in ("input", "material"):
        key = "input"
    elif shock.kind in ("export_control", "country", "firm"):
        key = str(shock.kind)
    else:
        key = "output"
    what = _targets(shock, data, lang) if key == "input" else ""
    return message(f"report.shock_effect.{key}", lang, sev=sev, sev_range=sev_range, what=what)


def _capital(text: str) -> str:
    """``text`` with its first letter upper-case (a sentence that opens with the shock's kind)."""
    return text[:1].upper() + text[1:]


def _sourcing_items(result: Any, lang: Lang) -> list[str]:
    """One item per market and class of the scenario's own [[sourcing]], in the year of its
    first shock (`shock_year_sourcing`, the year the terminal's lines give): each operator's
    share as sourced and as served (`SimResult.sourcing`)."""
    from chipshock.sim.network.sourcing import shock_year_sourcing

    table = getattr(result, "sourcing", None)
    if table is None or table.empty:
        return []
    t = shock_year_sourcing(result.scenario, table)
    if t.empty:
        return []
    year = int(t["year"].iloc[0])
    sep = ", " if lang == "en" else "、"
    out = []
    for (m, c), g in t.groupby(["market", "node_class"], sort=False):
        parts = sep.join(
            message(
                "report.assume_sourcing_part",
                lang,
                operator=operator,
                sourced=fmt_pct(sourced, 0 if sourced.is_integer() else 1),
                served=fmt_pct(served, 1),
            )
            for operator, sourced, served in zip(
                g["operator"],
                g["sourced_pct"].to_numpy(float).tolist(),
                g["served_pct"].to_numpy(float).tolist(),
                strict=True,
            )
        )
        out.append(
            message(
                "report.assume_sourcing",
                lang,
                year=fmt_year(year),
                market=market_label(str(m), lang),
                node=node_label(str(c), lang),
                parts=parts,
            )
        )
    return out


def assumption_items(result: Any, data: Any, lang: Lang) -> list[str]:
    """HTML list items naming the assumptions of a result's scenario (shocks, fabs off, runs)."""
    sc = result.scenario
    items: list[str] = []
    html_items: list[str] = []  # already escaped
    for shock in getattr(sc, "shocks", ()):
        dur, dur_r = _dist(shock.duration_weeks, _weeks, lang)
        sev, sev_r = _dist(shock.severity, _share, lang)
        rec, rec_r = _dist(shock.recovery_weeks, _weeks, lang)
        kind_key = f"shock_kind.{shock.kind}"
        label = _label(shock, lang)  # without one, the kind leads (not "kind — kind")
        items.append(
            message(
                "report.assume_shock" if label else "report.assume_shock_unlabelled",
                lang,
                label=label,
                kind=message(kind_key, lang) if label else _capital(message(kind_key, lang)),
                targets=_targets(shock, data, lang),
                start=_start(shock, lang),
                dur=dur,
                dur_range=dur_r,
                effect=_effect(shock, data, lang, sev, sev_r),
                rec=rec,
                rec_range=rec_r,
            )
        )
    named = data is not None and hasattr(sc, "start_year")  # by `run_settings`, below
    settings = run_settings(sc, data, lang, default_stocks=False) if named else []
    off = fab_ids_off(sc)
    if off and data is not None:
        label = next((_label(iv, lang) for iv in sc.interventions if iv.kind == "fabs_off"), "")
        lines = fab_lines(off, data, lang, (int(sc.start_year), int(sc.end_year)))
        nested = "".join(f"<li>{_esc(line)}</li>" for line in lines)
        # a file's label as written; the run's own options and an unlabelled switch in words
        key = (
            "report.assume_fabs_off_option"
            if by_option(label)
            else "report.assume_fabs_off"
            if label
            else "report.assume_fabs_off_plain"
        )
        head = _esc(message(key, lang, label=label))
        # this list names the fabs switched off, each with what the model gives it: their
        # settings lines (`switch_lines`) would name them twice, and the comparison's page 2
        # has no room for both (it kept 4.9 lines, not 6, with the lines as its head)
        switched = _fabs_off_lines(sc, data, lang)
        settings = [line for line in settings if line not in switched]
        html_items.append(f"{head}<ul>{nested}</ul>")
    for iv in getattr(sc, "interventions", ()):
        if iv.kind == "fabs_off" or not iv.label:
            continue
        if not (named and iv.kind in (*STOCK_INTERVENTIONS, *FAB_SWITCHES)):  # its line names it
            items.append(_label(iv, lang))
    items += _sourcing_items(result, lang)
    if not hasattr(sc, "start_year"):
        return [_esc(i) for i in items] + html_items
    items += settings  # stocks, stockpiles, fab switches, priorities, fab overrides
    items.append(
        message(
            "report.assume_horizon",
            lang,
            start=fmt_year(sc.start_year),
            end=fmt_year(sc.end_year),
            runs=fmt_int(result.runs),
            seed=result.seed,
        )
    )
    escaped = [_esc(i) for i in items]
    return escaped[:-1] + html_items + escaped[-1:]
