"""Regional wafer capacity totals by node class and year: SIA/BCG shares x world capacity.

Equations (capacity in thousand 300mm-equivalent wafer starts per month, kwspm):

    global[c, y]  = linear interpolation of global_capacity.csv between its years, flat outside
    share[r, c, y] = the class's anchor shares interpolated linearly between its anchor years,
                     flat outside them, normalised so that sum_r share[r, c, y] = 1
    base[r, c, y] = global[c, y] * share[r, c, y]

These totals are what the producers of `chipshock.sim.network` reconcile to: itemised fabs
plus an explicit "other fabs" remainder per region and class.

Anchor rows are the rows of regional_capacity.csv that `chipshock.model.share_anchors`
names (SIA/BCG's figures, and shares chipshock derived or mapped from a published figure;
reference rows of another scope are kept in the file but do not move the model). A class's
anchor years are the years with an anchor row of a category covering it (SIA/BCG: 2022 and
2032; a middle year such as 2025 where a source supports it).

Share fallbacks (a source does not itemise every region for every class and anchor year):
1. a row for (class, region, year) is used as is ("listed"); a row of the class's own category
   (``logic >45nm``) wins over one of a category that covers several classes
   (``logic >=28nm``), whatever their order in the file; two anchor rows of one category,
   region and year are refused when the data are loaded;
2. else the same region's row for the class's nearest other anchor year is carried
   ("carried"; the earlier year on a tie);
3. else the region's ``total`` share of that year ("total"); Europe has no total, so
   a Europe cell without a class row is 0;
4. if listed rows already sum to >= 99.5 %, unlisted regions are 0 (e.g. lt10 2022 = TWN 69 +
   KOR 31 + USA 0); otherwise carried/total values are scaled down so that they fill exactly
   100 % minus the listed sum, and any remainder below 100 % goes to ``ROW`` (rest of world,
   incl. South-East Asia and Israel).
SIA/BCG "logic >=28nm" serves both n28_45 and gt45.

Fab regions (`country_region`): a fab's country if that is a region code, else ``EUR`` if the
country is a member of the ``EUR`` group of ``country_groups.csv`` (today the EU-27 members; see
the data docs on EUR, the capacity region "Europe", against EU27, the political group), else
``ROW``. The member list is data, not code (`europe_members`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.model.market_schema import NODE_CLASSES
from chipshock.model.share_anchors import CATEGORY_CLASSES, TOTAL_CATEGORY, is_anchor_row
from chipshock.sim.data import ModelData, num

__all__ = [
    "CATEGORY_CLASSES",
    "EUROPE_REGION",
    "anchor_sources",
    "anchor_span",
    "country_region",
    "europe_members",
    "global_capacity",
    "no_supply_note",
    "node_classes",
    "regions",
    "share_array",
    "shock_targets",
]

F64 = npt.NDArray[np.float64]

_REGION_ORDER = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "SEA", "ROW")
#: The capacity region whose member countries come from the group of the same code.
EUROPE_REGION = "EUR"


def _sia(data: ModelData) -> pd.DataFrame:
    """The anchor rows (`chipshock.model.share_anchors.is_anchor_row`)."""
    rc = data.regional_capacity
    keep = [
        is_anchor_row(str(s), str(c))
        for s, c in zip(rc["source_name"], rc["category"], strict=True)
    ]
    return rc[np.asarray(keep, dtype=bool)] if len(rc) else rc


def regions(data: ModelData) -> tuple[str, ...]:
    """Region codes of the SIA/BCG rows, in a fixed order, plus ``ROW``."""
    codes = set(_sia(data)["region_code"].astype(str)) | {"ROW"}
    known = [c for c in _REGION_ORDER if c in codes]
    return tuple(known + sorted(codes - set(known)))


def shock_targets(data: ModelData) -> tuple[str, ...]:
    """The codes a country or export-control shock can target as themselves: the countries
    that supply something (ETO shares, raw materials, fabs, material shares) and the capacity
    regions (`regions`). ``AMR``, ``EMEA`` and ``SEA`` are codes of regional_capacity.csv's
    reference rows only, not regions of the model: in a shock they are their groups' members.
    """
    shares = data.input_country_shares
    codes = set(shares.loc[~shares["is_aggregate"], "country"].astype(str))
    codes |= set(data.raw_materials["country"].astype(str))
    codes |= set(data.fabs["country"].astype(str))
    codes |= set(data.material_country_shares["country"].astype(str))
    return tuple(sorted(codes | set(regions(data))))


def no_supply_note(data: ModelData) -> Callable[[str], tuple[str, str]]:
    """Why a code of a group (``THA``, ``BEL``) cannot be a shock target, and where it sits:
    it has no fab, input share or material share, so a shock on it hits nothing; it may still
    be a row of the loss tables, which count where end products are made
    (market_country_output.csv); a fab there would count among the "other fabs" of its
    capacity region (`country_region`). Returns ``(why, expected)``: the reason, and the codes
    that can be shocked: the countries that supply something and the capacity regions (review
    8, finding 9).
    """
    reg = regions(data)
    europe = europe_members(data, reg)
    countries = sorted(set(shock_targets(data)) - set(reg))
    made = data.market_country_output

    def note(code: str) -> tuple[str, str]:
        rows = made[made["country"].astype(str) == code]
        region = country_region(code, reg, europe)
        parts = [f"{code} has no fab, input share or material share in the data"]
        if len(rows):
            where = ", ".join(
                f"{m} {float(v):g}%"
                for m, v in zip(rows["market_id"], rows["share_pct"], strict=True)
            )
            parts.append(
                f"it is a row of the loss tables only as a place where end products are made "
                f"(market_country_output.csv: {where}), which a supply shock does not target"
            )
        parts.append(
            f'a fab there would count among the "other fabs" of the capacity region {region}: '
            f"a shock on {region} takes every producer of that region"
        )
        return "; ".join(parts), (
            f"a country that supplies something ({', '.join(countries)}) or a capacity region "
            f"({', '.join(reg)})"
        )

    return note


def node_classes(data: ModelData) -> tuple[str, ...]:
    """Node classes with world capacity in the data, in `NODE_CLASSES` order."""
    present = set(data.global_capacity["node_class"].astype(str))
    return tuple(c for c in NODE_CLASSES if c in present)


def europe_members(data: ModelData, region_codes: Sequence[str]) -> frozenset[str]:
    """Member countries of the capacity region ``EUR``: the ``EUR`` group of country_groups.csv.

    Empty when ``EUR`` is not a region of the data (the tiny model); an ``EUR`` region without
    its group in ``country_groups`` is an error, never a silent fallback to a list in code.
    """
    if EUROPE_REGION not in region_codes:
        return frozenset()
    groups = data.country_groups
    members = frozenset(
        str(c) for c in groups.loc[groups["group_code"] == EUROPE_REGION, "country_code"]
    )
    if not members:
        raise InputError(
            Problem(
                "the capacity region EUR has no member countries",
                file="country_groups.csv",
                column="group_code",
                value=EUROPE_REGION,
                expected="rows 'EUR,<ISO alpha-3 code>' for the countries of the region "
                "Europe (today the EU-27 members)",
            )
        )
    return members


def country_region(country: str, region_codes: Sequence[str], europe: frozenset[str]) -> str:
    """Region of a country: itself if it is a region, ``EUR`` for a member of ``europe`` (see
    `europe_members`), else ``ROW``.

    >>> country_region("DEU", ("TWN", "EUR"), frozenset({"DEU"}))
    'EUR'
    >>> country_region("GBR", ("TWN", "EUR"), frozenset({"DEU"}))
    'ROW'
    """
    if country in region_codes:
        return country
    if country in europe and EUROPE_REGION in region_codes:
        return EUROPE_REGION
    return "ROW"


def global_capacity(data: ModelData, classes: Sequence[str], years: Sequence[int]) -> F64:
    """``global[c, y]`` in kwspm: linear interpolation between data years, flat outside."""
    gc = data.global_capacity
    out = np.zeros((len(classes), len(years)))
    for i, c in enumerate(classes):
        rows = gc[gc["node_class"] == c].sort_values("year")
        out[i] = np.interp(years, rows["year"].astype(float), rows["capacity_kwspm"].astype(float))
    return out


def _anchor_years(anchors: pd.DataFrame) -> tuple[int, ...]:
    """Every year with an anchor row of some class, in order."""
    return tuple(sorted({int(num(y)) for y in anchors["year"]}))


def _class_years(anchors: pd.DataFrame, c: str) -> tuple[int, ...]:
    """The anchor years of class ``c``: years with a row of a category that covers it."""
    cats = [k for k, v in CATEGORY_CLASSES.items() if c in v]
    return tuple(sorted({int(num(y)) for y in anchors.loc[anchors["category"].isin(cats), "year"]}))


def _anchor_shares(
    data: ModelData, reg: Sequence[str], classes: Sequence[str]
) -> tuple[F64, list[list[list[str]]], tuple[int, ...]]:
    """Shares [R, C, A] (fractions) at the anchor years A, the provenance of each cell, and
    the anchor years. A class without a row in an anchor year gets NaN there (no anchor)."""
    sia = _sia(data)
    years = _anchor_years(sia)
    listed: dict[tuple[str, str, int], float] = {}
    # categories covering several classes first, so that a class's own category overrides them
    by_breadth = sorted(
        sia.itertuples(), key=lambda r: -len(CATEGORY_CLASSES.get(str(r.category), ()))
    )
    for row in by_breadth:
        for c in CATEGORY_CLASSES.get(str(row.category), ()):
            listed[(c, str(row.region_code), int(num(row.year)))] = num(row.share_pct)
    totals = {
        (str(r.region_code), int(num(r.year))): num(r.share_pct)
        for r in sia[sia["category"] == TOTAL_CATEGORY].itertuples()
    }
    out = np.full((len(reg), len(classes), len(years)), np.nan)
    src = [[["" for _ in years] for _ in classes] for _ in reg]
    for ci, c in enumerate(classes):
        own_years = _class_years(sia, c)
        for yi, year in enumerate(years):
            if year not in own_years:
                for ri in range(len(reg)):
                    src[ri][ci][yi] = "no anchor"
                continue
            # the nearest other anchor year first (the earlier one on a tie)
            others = sorted((y for y in own_years if y != year), key=lambda y: (abs(y - year), y))
            exact: dict[str, float] = {}
            filled: dict[str, float] = {}
            for r in reg:
                if r == "ROW":
                    continue
                if (c, r, year) in listed:
                    exact[r] = listed[(c, r, year)]
                    src[reg.index(r)][ci][yi] = f"listed {year}"
                    continue
                carried = next((y for y in others if (c, r, y) in listed), None)
                if carried is not None:
                    filled[r] = listed[(c, r, carried)]
                    src[reg.index(r)][ci][yi] = f"carried from {carried}"
                elif (r, year) in totals:
                    filled[r] = totals[(r, year)]
                    src[reg.index(r)][ci][yi] = f"total share {year}"
            s_exact = sum(exact.values())
            if s_exact >= 99.5:
                filled = {}
                for r in reg:
                    if r not in exact:
                        src[reg.index(r)][ci][yi] = "0 (listed shares complete)"
            room = max(0.0, 100.0 - s_exact)
            s_filled = sum(filled.values())
            scale = room / s_filled if s_filled > room and s_filled > 0 else 1.0
            out[:, ci, yi] = 0.0
            for r, v in exact.items():
                out[reg.index(r), ci, yi] = v
            for r, v in filled.items():
                out[reg.index(r), ci, yi] = v * scale
                if scale != 1.0:
                    src[reg.index(r)][ci][yi] += f" x{scale:.3f}"
            rest = 100.0 - out[:, ci, yi].sum()
            if "ROW" in reg:
                out[reg.index("ROW"), ci, yi] = max(0.0, rest)
                src[reg.index("ROW")][ci][yi] = "remainder"
            total = out[:, ci, yi].sum()
            if total > 0:
                out[:, ci, yi] /= total
    return out, src, years


def share_array(
    data: ModelData, reg: Sequence[str], classes: Sequence[str], years: Sequence[int]
) -> F64:
    """``share[r, c, y]``: each class's anchors interpolated linearly between its anchor years,
    flat outside them, sum_r = 1."""
    anchors, _, anchor_years = _anchor_shares(data, reg, classes)
    x = np.asarray(years, dtype=float)
    out = np.zeros((len(reg), len(classes), len(years)))
    for ci in range(len(classes)):
        have = ~np.isnan(anchors[0, ci])
        ay = np.asarray(anchor_years, dtype=float)[have]
        if ay.size == 0:
            continue
        for ri in range(len(reg)):
            out[ri, ci] = np.interp(x, ay, anchors[ri, ci, have])
    sums = out.sum(axis=0, keepdims=True)
    return np.asarray(np.divide(out, sums, out=np.zeros_like(out), where=sums > 0))


def anchor_span(data: ModelData, classes: Sequence[str]) -> list[tuple[int, int]]:
    """Per class: (the last anchor year that is an observation, the last anchor year).

    An anchor row observes its year when the year is not after its ``as_of`` year (SIA/BCG's
    2022 shares, published in 2024); a later year is a projection (their 2032 shares). A class
    whose anchors are all observations gives (last, last); one without anchors (0, 0).

    >>> anchor_span(ModelData.tiny(), ["lt10"])
    [(2022, 2032)]
    """
    sia = _sia(data)
    out = []
    for c in classes:
        cats = [k for k, v in CATEGORY_CLASSES.items() if c in v]
        rows = sia[sia["category"].isin(cats)]
        years = [int(num(y)) for y in rows["year"]]
        seen = [
            int(num(y))
            for y, a in zip(rows["year"], rows["as_of"], strict=True)
            if int(num(y)) <= int(str(a)[:4])
        ]
        last = max(years, default=0)
        out.append((max(seen, default=min(years, default=0)), last))
    return out


def anchor_sources(data: ModelData, reg: Sequence[str], classes: Sequence[str]) -> list[str]:
    """Provenance of each region/class share, one text per cell in ``[r][c]`` order flattened
    as ``"2022 listed 2022; 2032 carried from 2022"`` (only the class's own anchor years)."""
    _, src, years = _anchor_shares(data, reg, classes)
    return [
        "; ".join(
            f"{y} {src[ri][ci][yi]}" for yi, y in enumerate(years) if src[ri][ci][yi] != "no anchor"
        )
        for ri in range(len(reg))
        for ci in range(len(classes))
    ]
