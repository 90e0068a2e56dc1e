"""What an answer leaves out, said once for every surface (CLI, API, dashboard, report).

- `criticality_scope`: the criticality ranking covers the ETO's assessed inputs only, and wafer
  fabrication capacity is not one of them (so Taiwan can rank low there); where fab capacity
  is analysed instead.
- `coalition_scope`: the same for a coalition's coverage, Shapley values and synergy, which count
  those inputs too: a country whose fabs make most chips adds little there.
- `capacity_year_warning`: years outside ``global_capacity.csv``'s, where world capacity is held
  flat at the first or last year's value (``chipshock capacity --year``, ``GET /api/capacity``,
  the capacity build-out).
- `run_capacity_note` / `result_capacity_note`: the same warning for a scenario whose horizon
  reaches such years, with what it means for the run: chip demand (scaled to world capacity) is
  held flat too while the downstream value per week keeps growing, so USD losses there rise
  with valuation (``scenario run/compare/sweep``, the API's runs, the summary text, the report).
- `fallen_fabs_note`: the itemised fabs whose capacity fell since their cell's observed year
  (closures, shrinkage: `chipshock.sim.network.tables.fallen_fabs`), which the regional total,
  an aggregate projection, does not fall with: the "other fabs" remainder holds what they leave
  (``chipshock capacity``, ``chipshock fabs --coverage``, ``GET /api/capacity``).
- `uncounted_fabs` / `uncounted_fabs_note`: the registry's wafer fabs with no capacity row,
  which the model counts as zero (the same list as the footer of ``chipshock fabs
  --capacity-in``: `chipshock.analysis.registry.fabs_without_capacity`).
- `fab_year_note`: for a year outside the model's (2022–2040), what a fab's capacity in that
  year is: the registry's rows in force then, not a figure the model holds (``chipshock fabs
  --year``'s caption, ``GET /api/fabs?year=``'s ``year_note``).
- `country_shock_scope`: for a scenario with a ``country`` shock, that loss by country counts
  only output lost for lack of chips, not the shock's direct damage in the shocked country
  (review 16 #10: the CLI's loss-by-country caption and JSON meta, the API's ``meta``, the
  report's "what the model leaves out", the dashboard's note under the country chart).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from chipshock.analysis.registry import fabs_without_capacity
from chipshock.present.labels import country_label, fab_names, node_label
from chipshock.present.messages import check_lang, message
from chipshock.present.numbers import fmt_cell_number

__all__ = [
    "capacity_year_warning",
    "coalition_scope",
    "country_shock_scope",
    "criticality_scope",
    "fab_year_note",
    "fallen_fabs_note",
    "loss_by_country_notes",
    "result_capacity_note",
    "run_capacity_note",
    "uncounted_fabs",
    "uncounted_fabs_note",
    "years_outside",
]


def criticality_scope(lang: str = "en") -> str:
    """The caption every surface showing the criticality ranking carries.

    >>> "wafer fabrication capacity is not one of them" in criticality_scope()
    True
    """
    return message("criticality.scope", check_lang(lang))


def coalition_scope(lang: str = "en") -> str:
    """The caption of a coalition's coverage, Shapley values and synergy on every surface that
    shows them (`criticality_scope`'s point: Taiwan's Shapley value among USA, JPN, NLD, KOR
    and TWN is 0.6 %, for its fabs are not among the inputs counted).

    >>> "wafer fabrication capacity is not one of them" in coalition_scope()
    True
    """
    return message("coalition.scope", check_lang(lang))


def country_shock_scope(scenarios: Iterable[object], lang: str = "en") -> str:
    """What loss by country leaves out when a scenario shocks a country ("" without one): the
    countries of the ``country`` shocks of ``scenarios`` (a comparison's two sides), once each.

    >>> from chipshock.scenarios import load_scenario
    >>> country_shock_scope([load_scenario("korea-conflict")])[:60]
    'Loss by country counts only output lost for lack of chips; t'
    >>> country_shock_scope([load_scenario("baseline")])
    ''
    """
    language = check_lang(lang)
    codes = dict.fromkeys(
        str(code)
        for scenario in scenarios
        for shock in getattr(scenario, "shocks", ())
        if shock.kind == "country"
        for code in shock.targets
    )
    if not codes:
        return ""
    names = ("、" if language == "ja" else ", ").join(country_label(c, language) for c in codes)
    return message("note.country_shock_scope", language, countries=names)


def loss_by_country_notes(scenarios: Iterable[object]) -> dict[str, str]:
    """``loss_by_country_note`` / ``_ja`` of a run's or comparison's meta (the CLI's JSON and
    the API's): `country_shock_scope` in both languages; none without a country shock."""
    sides = list(scenarios)
    note = country_shock_scope(sides, "en")
    if not note:
        return {}
    return {
        "loss_by_country_note": note,
        "loss_by_country_note_ja": country_shock_scope(sides, "ja"),
    }


def years_outside(years: Iterable[int], data_years: Iterable[int]) -> list[int]:
    """The ``years`` before the first or after the last of ``data_years``, sorted, once each
    (none when there are no data years).

    >>> years_outside([2019, 2027, 2100, 2019], [2022, 2024, 2032])
    [2019, 2100]
    """
    have = sorted({int(y) for y in data_years})
    if not have:
        return []
    return sorted({int(y) for y in years if not have[0] <= int(y) <= have[-1]})


def capacity_year_warning(years: Iterable[int], data_years: Iterable[int], lang: str = "en") -> str:
    """The warning for ``years`` outside ``data_years`` (the years of global_capacity.csv),
    where world capacity is held flat rather than projected; ``""`` when every year is inside.

    >>> capacity_year_warning([2019, 2027], [2022, 2032])  # doctest: +ELLIPSIS
    "Outside the data's years (2022–2032): 2019. World capacity ... held flat at 2022's or ..."
    >>> capacity_year_warning([2027], [2022, 2032])
    ''
    """
    outside = years_outside(years, data_years)
    if not outside:
        return ""
    have = sorted({int(y) for y in data_years})
    language = check_lang(lang)
    listed = ("、" if language == "ja" else ", ").join(str(y) for y in outside)
    return message("capacity.years_outside", language, years=listed, first=have[0], last=have[-1])


def run_capacity_note(
    start_year: int,
    end_year: int,
    capacity_years: Iterable[int] | None,
    lang: str = "en",
) -> str:
    """The note of a scenario run whose horizon ``start_year``–``end_year`` reaches years
    outside ``capacity_years`` (those of global_capacity.csv, or just its first and last):
    `capacity_year_warning` (the words of ``chipshock capacity --year``) followed by what it
    does to the run (``capacity.run_flat``); ``""`` when every year is inside or the years
    are not known.

    >>> run_capacity_note(2034, 2038, [2022, 2032])  # doctest: +ELLIPSIS
    "Outside the data's years (2022–2032): 2034, 2035, ... not with a worse shock."
    >>> run_capacity_note(2026, 2030, [2022, 2032])
    ''
    """
    if not capacity_years:
        return ""
    language = check_lang(lang)
    warning = capacity_year_warning(range(start_year, end_year + 1), capacity_years, language)
    if not warning:
        return ""
    return f"{warning}{' ' if language == 'en' else ''}{message('capacity.run_flat', language)}"


def result_capacity_note(result: object, lang: str = "en") -> str:
    """`run_capacity_note` of a result (its summary's ``horizon`` and ``capacity_data_years``,
    `chipshock.sim.run.results.SimResult.summary`); ``""`` for a result that does not say."""
    try:
        summary = dict(result.summary())  # type: ignore[attr-defined]
    except Exception:  # a result without a summary (or an older one) carries no note
        return ""
    horizon, years = summary.get("horizon"), summary.get("capacity_data_years")
    if not horizon or not years:
        return ""
    return run_capacity_note(int(horizon[0]), int(horizon[1]), years, lang)


def uncounted_fabs(fabs: pd.DataFrame, fab_capacity: pd.DataFrame) -> pd.DataFrame:
    """The registry's wafer fabs without any capacity row (counted as zero by the model), with
    their names: columns ``fab_id``, ``name``, ``operator``, ``country``, ``status``, in the
    registry's order (`fabs_without_capacity` with the names of ``fabs``)."""
    missing = fabs_without_capacity(fab_capacity, fabs)
    names = fabs.drop_duplicates("fab_id").set_index("fab_id")
    out = pd.DataFrame(
        {
            "fab_id": missing["fab_id"].astype(str),
            "name": [str(names.at[f, "name"]) for f in missing["fab_id"]],
            "operator": [str(names.at[f, "operator"]) for f in missing["fab_id"]],
            "country": missing["country"].astype(str),
            "status": missing["status"].astype(str),
        }
    )
    return out.reset_index(drop=True)


def uncounted_fabs_note(fabs: pd.DataFrame, fab_capacity: pd.DataFrame, lang: str = "en") -> str:
    """ "N fabs in the registry have no capacity figure and count as zero: name, ..."; ``""``
    when every wafer fab has a capacity row. Each fab by its name in ``lang`` (`fab_names`:
    fabs.csv's ``name_ja`` in Japanese), not its id (review 16, finding 8); the ids are
    `uncounted_fabs`' ``fab_id``."""
    table = uncounted_fabs(fabs, fab_capacity)
    if table.empty:
        return ""
    language = check_lang(lang)
    names = fab_names(fabs.drop_duplicates("fab_id"), language)
    listed = ("、" if language == "ja" else ", ").join(names[f] for f in table["fab_id"])
    return message("capacity.uncounted_fabs", language, n=len(table), fabs=listed)


def fallen_fabs_note(
    fallen: pd.DataFrame, lang: str = "en", fabs: pd.DataFrame | None = None
) -> str:
    """One sentence per year of ``fallen`` (`chipshock.sim.network.tables.fallen_fabs`): per
    region x class cell, the fabs whose capacity fell and from what, and that the remainder
    holds what they leave; ``""`` when no fab fell. In Japanese the cell is named in words
    (中国・成熟（45nm超）) and each fab by its Japanese name from ``fabs`` (the registry:
    `fab_names`, fabs.csv's ``name_ja``) where it has one; the fab's id stays in brackets in
    both languages, as ``--fabs-off`` takes it.

    >>> f = pd.DataFrame({"year": [2026], "region": ["TWN"], "node_class": ["n28_45"],
    ...     "fab_id": ["psmc-tongluo"], "name": ["PSMC Tongluo"], "peak_year": [2025],
    ...     "peak_kwspm": [25.0], "kwspm": [0.0], "cell_fell_kwspm": [25.0],
    ...     "cell_held_kwspm": [25.0]})
    >>> fallen_fabs_note(f)[:80]
    "2026: itemised fabs whose capacity fell since their cell's observed year (closur"
    >>> "TWN n28_45 (remainder holds 25.0 of 25.0 kwspm): PSMC Tongluo" in fallen_fabs_note(f)
    True
    >>> registry = pd.DataFrame({"fab_id": ["psmc-tongluo"], "name": ["PSMC Tongluo"],
    ...     "name_ja": ["PSMC 銅鑼工場"]})
    >>> "PSMC 銅鑼工場（psmc-tongluo）25（2025年）→ 0" in fallen_fabs_note(f, "ja", registry)
    True
    """
    if fallen.empty:
        return ""
    language = check_lang(lang)
    ja = language == "ja"
    names = fab_names(fabs.drop_duplicates("fab_id"), language) if fabs is not None else {}
    sep = "、" if ja else "; "
    out = []
    for year, rows in fallen.groupby("year", sort=True):
        cells = []
        for (region, node), cell in rows.groupby(["region", "node_class"], sort=True):
            listed = [
                (names.get(fab, name), fab, peak, peak_year, now)
                for name, fab, peak, peak_year, now in zip(
                    cell["name"].astype(str),
                    cell["fab_id"].astype(str),
                    cell["peak_kwspm"].astype(float),
                    cell["peak_year"].astype(int),
                    cell["kwspm"].astype(float),
                    strict=True,
                )
            ]
            held, fell = (
                float(cell["cell_held_kwspm"].iloc[0]),
                float(cell["cell_fell_kwspm"].iloc[0]),
            )
            # one decimal, a nonzero below the tenth "<0.1" (never "0.0"), as the capacity tables
            held_text, fell_text = (fmt_cell_number(v, 1, language) for v in (held, fell))
            if ja:
                fab_text = "、".join(
                    f"{name}（{fab}）{peak:g}（{peak_year}年）→ {now:g}"
                    for name, fab, peak, peak_year, now in listed
                )
                where = f"{country_label(str(region), 'ja')}・{node_label(str(node), 'ja')}"
                held_of = f"（減った{fell_text}千枚/月のうち{held_text}を残りが引き受け）"
                cells.append(f"{where}{held_of}：{fab_text}")
            else:
                fab_text = ", ".join(
                    f"{name} ({fab}) {peak:g} kwspm in {peak_year} -> {now:g}"
                    for name, fab, peak, peak_year, now in listed
                )
                held_of = f" (remainder holds {held_text} of {fell_text} kwspm)"
                cells.append(f"{region} {node}{held_of}: {fab_text}")
        out.append(message("capacity.fallen_fabs", language, year=str(year), fabs=sep.join(cells)))
    return ("" if ja else " ").join(out)


def fab_year_note(year: int, lang: str = "en") -> str | None:
    """What a fab's capacity in ``year`` is when the year is outside the model's
    (`chipshock.scenarios.FIRST_YEAR`..`LAST_YEAR`, the years `chipshock capacity --year`
    takes): the registry's fab_capacity.csv rows in force then, each fab's last row held in
    every later year; None for a year of the model.

    >>> fab_year_note(2027) is None, "2022–2040" in fab_year_note(2050)
    (True, True)
    """
    from chipshock.scenarios import FIRST_YEAR, LAST_YEAR

    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return message(
        "cli.fab_list_year_outside", check_lang(lang), year=year, first=FIRST_YEAR, last=LAST_YEAR
    )
