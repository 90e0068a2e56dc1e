"""Scenario routes: capacity, scenario list/show/run/compare.

Runs go through `Runner` (a worker thread with a deadline); the number of runs per request is
capped by the server's ``max_runs``. A scenario is a built-in id or a scenario file's text sent
in the body (``toml``, read by the CLI's parser): the API never reads a file path given by a
client.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Path, Query, Response

from chipshock.api.alliance_fabs import alliance_fab_rows
from chipshock.api.chart_data import pool_chart_data
from chipshock.api.engine_answer import Build, EngineJob
from chipshock.api.routes_structure import MAX_ITEMS, MAX_TEXT, State
from chipshock.api.run_body import BandsShape, RunBody
from chipshock.api.scenario_sourcing import (
    check_sourcing_operators,
    refused_as_invalid,
    sourcing_payload,
    sourcing_rows,
)
from chipshock.api.schemas import (
    CompareRequest,
    ResultResponse,
    RunRequest,
    ScenarioCompareResponse,
    ScenarioRunRequest,
    ScenarioRunResponse,
    TableResponse,
)
from chipshock.api.state import AppState, respond
from chipshock.errors import (
    ChipshockError,
    InputError,
    Problem,
    ScenarioError,
    ScenarioValidationFailed,
    UnknownCodeError,
    ValidationFailed,
)
from chipshock.model.fab_ids import close_fab_ids
from chipshock.present.avoided_chart import avoided_loss, avoided_payload
from chipshock.present.coverage_notes import (
    capacity_year_warning,
    fallen_fabs_note,
    loss_by_country_notes,
    result_capacity_note,
    uncounted_fabs,
    uncounted_fabs_note,
)
from chipshock.present.history_caveats import market_caveats
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import country_label, fab_names, operator_names
from chipshock.present.numbers import machine_frame
from chipshock.present.shock_reach import reach_payload
from chipshock.present.sourcing_methods import with_method_text
from chipshock.present.sourcing_notes import SOURCING_NOTE_JA, switch_note, unplaced_note
from chipshock.present.summary import better_side, headline_named
from chipshock.present.utilisation import producer_names, utilisation_payload
from chipshock.scenarios import FIRST_YEAR, LAST_YEAR, check_model_year

__all__ = [
    "BAND_SERIES",
    "Build",
    "EngineUnavailable",
    "RunJob",
    "alliance_fab_ids",
    "builtin_scenario",
    "chart_payload",
    "compare_job",
    "compare_side_payload",
    "engine_available",
    "router",
    "run_job",
]

router = APIRouter(prefix="/api", tags=["scenarios"])

NO_ALLIANCE_ID = "taiwan-blockade-2027-6m-no-alliance-fabs"
#: the file a posted scenario's problems name ("toml, shock[0].start: ..."), and its id when
#: the text has no ``scenario.id``
TOML_SOURCE = "toml"
TOML_DEFAULT_ID = "posted"
MAX_YEARS = LAST_YEAR - FIRST_YEAR + 1  # every year the model covers, once

#: the query parameters the capacity and sourcing routes share
Year = Annotated[int, Query(description="Model year, e.g. 2027")]
Texts = list[Annotated[str, Query(max_length=MAX_TEXT)]]
Markets = Annotated[
    Texts, Query(max_length=MAX_ITEMS, description="End markets (default: every market)")
]
Nodes = Annotated[
    Texts, Query(max_length=MAX_ITEMS, description="Node classes (default: every class)")
]
FabsOff = Annotated[Texts, Query(max_length=MAX_ITEMS, description="Fab ids to switch off")]
FabsOn = Annotated[
    Texts, Query(max_length=MAX_ITEMS, description="Fab ids to switch on (cancelled fabs)")
]


class EngineUnavailable(ChipshockError, RuntimeError):
    """The scenario engine (`chipshock.sim`, `chipshock.scenarios`) is not installed."""


def _sim() -> Any:
    try:
        sim = importlib.import_module("chipshock.sim")
        sim.run  # noqa: B018 - probe the contract
    except (ImportError, AttributeError) as exc:
        raise EngineUnavailable("the scenario engine (chipshock.sim) is not available") from exc
    return sim


def engine_available() -> bool:
    """Whether the engine and the scenario library can be used, without importing them on the
    caller's thread (the import takes seconds, and a thread asking for a module another thread
    is importing waits for it; `/api/health` must answer at once): a module not imported, or
    still being imported, counts as available when it is installed."""
    for name, probe in (("chipshock.sim", "run"), ("chipshock.scenarios", "builtin_ids")):
        module = sys.modules.get(name)
        spec = getattr(module, "__spec__", None)
        if module is None or spec is None or getattr(spec, "_initializing", False):
            if importlib.util.find_spec(name) is None:
                return False
        elif not hasattr(module, probe):
            return False
    return True


def _scenarios() -> Any:
    try:
        scenarios = importlib.import_module("chipshock.scenarios")
        scenarios.builtin_ids  # noqa: B018
    except (ImportError, AttributeError) as exc:
        raise EngineUnavailable(
            "the scenario library (chipshock.scenarios) is not available"
        ) from exc
    return scenarios


def builtin_scenario(scenario_id: str, field: str = "scenario") -> Any:
    """The built-in scenario ``scenario_id``; an unknown id is an error naming the closest."""
    return _builtin(scenario_id, field)


def _builtin(scenario_id: str, field: str = "scenario") -> Any:
    lib = _scenarios()
    ids = list(lib.builtin_ids())
    if scenario_id not in ids:
        import difflib

        close = difflib.get_close_matches(scenario_id, ids, n=3, cutoff=0.4)
        # the closest, when near enough, as the CLI suggests it (session 30's audit)
        best = difflib.get_close_matches(scenario_id, ids, n=1, cutoff=0.75)
        raise UnknownCodeError(
            Problem(
                "unknown scenario" + (f"; did you mean '{best[0]}'?" if best else ""),
                field=field,
                value=scenario_id,
                expected="a built-in scenario id" + (f", e.g. {', '.join(close)}" if close else ""),
            )
        )
    return lib.load_scenario(scenario_id)


def alliance_fab_ids(state: AppState) -> tuple[str, ...]:
    """Fabs that the no-alliance built-in switches off, else the fallback rule below.

    Fallback: fabs in Japan or the United States that are not yet fully operating
    (ramping, under construction or announced) and received public funding.
    """

    def compute() -> tuple[str, ...]:
        try:
            sc = _builtin(NO_ALLIANCE_ID)
            ids = [f for i in sc.interventions if i.kind == "fabs_off" for f in i.fabs]
            if ids:
                return tuple(dict.fromkeys(ids))
        except ChipshockError:
            pass
        f = state.alliance.fabs
        sel = (
            f["country"].isin(["JPN", "USA"])
            & f["status"].isin(["ramping", "under-construction", "announced"])
            & f["public_funding_usd"].notna()
        )
        return tuple(f.loc[sel, "fab_id"].astype(str))

    result: tuple[str, ...] = state.cache.get_or_compute(("alliance_fabs",), compute)
    return result


def _scenario_dict(sc: Any) -> dict[str, Any]:
    out: dict[str, Any] = to_jsonable(dataclasses.asdict(sc))
    return out


def _runs(state: AppState, requested: int | None, default: int) -> int:
    cap = state.config.max_runs
    if requested is not None and requested > cap:
        raise InputError(
            Problem(
                "too many runs for this server",
                field="runs",
                value=str(requested),
                expected=f"at most {cap} (the server's --max-runs)",
            )
        )
    return min(requested or default, cap)


#: the file a comparison's posted other side is named by in its problems
OTHER_TOML_SOURCE = "other_toml"


@dataclass(frozen=True)
class _Side:
    """Where a request names one side's scenario: the field of a built-in id and the field of
    a scenario file's text (which also names the file in its problems)."""

    id_field: str
    toml_field: str


_FIRST = _Side("scenario", TOML_SOURCE)
_OTHER = _Side("other", OTHER_TOML_SOURCE)


def _requested(scenario_id: str | None, toml: str | None, side: _Side = _FIRST) -> Any:
    """One side's scenario: the built-in ``scenario_id``, or the scenario file ``toml`` read by
    the CLI's parser (`parse_scenario`: every problem in one 422, paths as in a file, the file
    named by ``side.toml_field``); exactly one of them."""
    if toml is not None and scenario_id is not None:
        raise InputError(
            Problem(
                "a scenario id and a scenario file given together",
                field=side.toml_field,
                value=f"{side.id_field} {scenario_id!r} and {side.toml_field}",
                expected=f"a built-in id in `{side.id_field}`, or a scenario file's text in "
                f"`{side.toml_field}`",
            )
        )
    if toml is not None:
        return _scenarios().parse_scenario(toml, side.toml_field, default_id=TOML_DEFAULT_ID)
    if scenario_id is None:
        raise InputError(
            Problem(
                "missing",
                field=side.id_field,
                expected="a built-in scenario id (GET /api/scenarios), or a scenario file's "
                f"text in `{side.toml_field}`",
            )
        )
    return _builtin(scenario_id, field=side.id_field)


def _prepared(
    state: AppState, req: RunRequest, alliance_on: bool | None, other: bool = False
) -> Any:
    """The request's scenario (`_requested`; with ``other``, a comparison's other side, its
    ``other`` or ``other_toml``) with the request's changes; ``alliance_on`` None keeps the
    scenario's own alliance fabs (on, or off in a counterfactual), True or False overrides it.
    A posted scenario file is prepared for the engine once here (`chipshock.sim.prepare`), so
    that what only the data can refuse (an unknown fab, target or group) is refused before any
    work, as a built-in's changes are."""
    lib = _scenarios()
    if other and isinstance(req, CompareRequest):
        side, sc = _OTHER, _requested(req.other, req.other_toml, _OTHER)
        posted = req.other_toml is not None
    else:
        side, sc = _FIRST, _requested(req.scenario, req.toml)
        posted = req.toml is not None
    fabs_off = list(req.fabs_off)
    fabs_on = list(req.fabs_on)
    _check_fab_ids(state, fabs_off, fabs_on)
    alliance = list(alliance_fab_ids(state))
    if alliance_on is False:
        fabs_off += [f for f in alliance if f not in fabs_off]
    elif alliance_on is True and _alliance_off(sc, tuple(alliance)):
        # back on: the ones the scenario switches off (the others run already, and switching
        # a running fab on is refused as changing nothing)
        off = {f for i in sc.interventions if i.kind == "fabs_off" for f in i.fabs}
        fabs_on += [f for f in alliance if f in off and f not in fabs_on and f not in fabs_off]
    rows = sourcing_rows(req.sourcing)
    changed = lib.apply_overrides(
        sc,
        start_year=req.start_year,
        duration_weeks=req.duration_weeks,
        fabs_off=tuple(fabs_off),
        fabs_on=tuple(fabs_on),
        runs=_runs(state, req.runs, int(sc.runs)),
        seed=req.seed,
        sourcing=rows,
    )
    if rows:  # the engine's check of the operators against the scenario's fabs, once per world
        _sim()

        def check_operators() -> bool:
            check_sourcing_operators(changed, rows, state.model_data())
            return True

        state.cache.get_or_compute(("sourcing_operators", repr(changed)), check_operators)
    if posted:
        _sim()
        state.cache.get_or_compute(
            ("toml_prepared", repr(changed)), lambda: _check_posted(changed, state, side.toml_field)
        )
    return changed


def _check_posted(sc: Any, state: AppState, source: str = TOML_SOURCE) -> bool:
    """``sc``, read from a request's ``toml`` (``other_toml``), prepared for the engine
    (`chipshock.sim.prepare`: fabs, targets, groups, [[sourcing]] operators against the data);
    every problem a 422 naming the file ``source`` and the path, as the parser's
    (`refused_as_invalid`)."""
    from chipshock.sim.prepare import prepare

    with refused_as_invalid("invalid scenario", file=source):
        prepare(sc, state.model_data())
    return True


def _check_fab_ids(
    state: AppState, fabs_off: Iterable[str], fabs_on: Iterable[str], **more: Iterable[str]
) -> None:
    """Every id of ``fabs_off``, ``fabs_on`` (and of any field given in ``more``, e.g.
    ``fabs=``) must be a fab of /api/fabs: an unknown one is a 404 naming the field, the id and
    the closest ids."""
    known = set(state.alliance.fabs["fab_id"].astype(str))
    for name, ids in (("fabs_off", fabs_off), ("fabs_on", fabs_on), *more.items()):
        for fab in ids:
            if fab not in known:
                close = close_fab_ids(fab, sorted(known))
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise UnknownCodeError(
                    Problem(
                        "unknown fab",
                        field=name,
                        value=fab,
                        expected=f"a fab_id of /api/fabs ({len(known)} fabs){hint}",
                    )
                )


def store_release(state: AppState) -> Any:
    """The curated data release of the app's store (its ``meta`` table, as `chipshock data
    info` shows it), a `chipshock.analysis.registry.DataRelease`."""
    from chipshock.analysis.registry import DataRelease
    from chipshock.data.store import load_table

    return DataRelease.from_meta(load_table(state.config.db_path, "meta"))


def _sources(assumptions: pd.DataFrame, release: Any) -> dict[str, Any]:
    """A run's or comparison's ``meta``: the engine's source line with the store's data release
    and its date (`chipshock.present.provenance.engine_meta`; ``as_of`` is the release date, as
    in the CLI's JSON and a saved result's meta: one value for one run, review 16 #14), and
    ``assumptions_as_of`` the latest assumption row's date (each assumption lists its
    source_url and as_of)."""
    from chipshock.present.provenance import engine_meta

    meta = engine_meta(release)
    if "as_of" in assumptions.columns and assumptions["as_of"].notna().any():
        # a D[m, y] line dates the two path rows behind it: "2026-04 ; 2025-11-11"
        dates = assumptions["as_of"].dropna().astype(str).str.split(" ; ").explode()
        meta["assumptions_as_of"] = str(dates.max())
    return meta


#: Band series sent to clients (the kwspm levels stay in the Python and CLI results).
#: Output of end products first (the headline), then chips delivered, then supply by node class.
BAND_SERIES = ("output_pct_of_normal", "delivered_pct_of_demand", "supply_pct_of_demand")


def _bands(bands: pd.DataFrame) -> pd.DataFrame:
    out = bands[bands["series"].isin(BAND_SERIES)].copy()
    if "date" in out.columns:
        out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")
    for col in ("p5", "p50", "p95"):
        out[col] = out[col].astype(float).round(3)
    return out


def result_payload(
    result: Any,
    requirements: pd.DataFrame | None = None,
    fabs: pd.DataFrame | None = None,
    raw_materials: pd.DataFrame | None = None,
    model_assumptions: pd.DataFrame | None = None,
    fab_capacity: pd.DataFrame | None = None,
    partnerships: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Tables and summary of one `SimResult` as plain JSON values (percent bands only);
    ``requirements``: the run's ``node_requirements`` table, for the utilisation table's note on
    exempt operators, ``fabs`` the registry, for its fabs' Japanese names, and
    ``raw_materials``, for the note's input names, and ``model_assumptions``, for the age of
    each capacity figure (`utilisation_payload`)."""
    return {
        "bands": to_jsonable(_bands(result.bands)),
        # KPI and loss values without float noise, as the CLI's --format json|csv (review 16 #7)
        "kpis": to_jsonable(machine_frame(result.kpis)),
        "loss_by_country": _machine_table(result, "loss_by_country"),
        "value_added_by_country": _machine_table(result, "value_added_by_country"),
        "value_added_by_country_market": _machine_table(result, "value_added_by_country_market"),
        "assumptions": to_jsonable(result.assumptions),
        "summary": to_jsonable(result.summary()),
        "country_names": country_names(result),
        **utilisation_payload(result, requirements, fabs, raw_materials, model_assumptions),
        **sourcing_payload(result, fabs),
        **reach_payload(result.shock_reach),
        "settings": settings_payload(result, fabs, model_assumptions, fab_capacity, partnerships),
    }


def country_names(result: Any) -> dict[str, dict[str, str]]:
    """``{"en": {code: name}, "ja": {code: name}}`` for every country code of the result's
    per-country tables, as the charts and the report name them (`present.labels.country_label`),
    so that the dashboard's tables under the charts say "China", not "CHN"."""
    codes: set[str] = set()
    for table in ("loss_by_country", "value_added_by_country", "value_added_by_country_market"):
        frame = getattr(result, table, None)
        if isinstance(frame, pd.DataFrame) and "country" in frame.columns:
            codes.update(str(c) for c in frame["country"].dropna())
    return {lang: {c: country_label(c, lang) for c in sorted(codes)} for lang in ("en", "ja")}


def compare_side_payload(
    result: Any,
    requirements: pd.DataFrame | None = None,
    fabs: pd.DataFrame | None = None,
    raw_materials: pd.DataFrame | None = None,
    model_assumptions: pd.DataFrame | None = None,
    fab_capacity: pd.DataFrame | None = None,
    partnerships: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """One side of a comparison as the comparison view uses it: KPIs, summary, assumptions,
    per-producer utilisation and sourcing, the same values as `result_payload`. Left out: the weekly
    ``bands`` and the per-country tables, which the view draws from ``charts`` (the report's
    specs carry their data) and which ``/api/scenarios/run`` gives for either side (they were
    45% of the flagship comparison's bytes: 1.2 of 2.7 MB)."""
    return {
        "kpis": to_jsonable(machine_frame(result.kpis)),
        "assumptions": to_jsonable(result.assumptions),
        "summary": to_jsonable(result.summary()),
        **utilisation_payload(result, requirements, fabs, raw_materials, model_assumptions),
        **sourcing_payload(result, fabs),
        **reach_payload(result.shock_reach),
        "settings": settings_payload(result, fabs, model_assumptions, fab_capacity, partnerships),
    }


def settings_payload(
    result: Any,
    fabs: pd.DataFrame | None,
    model_assumptions: pd.DataFrame | None,
    fab_capacity: pd.DataFrame | None = None,
    partnerships: pd.DataFrame | None = None,
) -> dict[str, list[str]]:
    """What the run's scenario sets beside its shocks (stocks, priorities, fab overrides, fab
    switches) in both languages, the lines `chipshock scenario run` prints under its heading
    and gives as ``settings`` in --format json (`chipshock.present.scenario_settings`); empty
    lists for a result without its scenario; ``fab_capacity``: what a fab override replaces;
    ``partnerships``: the name and fabs of a partnership switched off."""
    from chipshock.present.scenario_settings import settings_by_lang

    sc = getattr(result, "scenario", None)
    if sc is None or not hasattr(sc, "inventory_regime") or model_assumptions is None:
        return {"en": [], "ja": []}
    return settings_by_lang(sc, model_assumptions, fabs, fab_capacity, partnerships)


def _machine_table(result: Any, name: str) -> Any:
    """A result's table by `machine_frame` as JSON (empty for a result saved without it)."""
    return to_jsonable(machine_frame(getattr(result, name, pd.DataFrame())))


def chart_payload(obj: Any, labels: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """The Vega-Lite specs of a result or comparison in both languages, exactly as the report
    builds them (`chipshock.present.charts_results.chart_specs`, with the same side names); the
    dashboard only embeds them."""
    from chipshock.present.charts_results import chart_specs

    out = {}
    for lang in ("en", "ja"):
        a, b = labels[lang] if labels else (None, None)
        out[lang] = to_jsonable(chart_specs(obj, lang, label_a=a, label_b=b))
    return out


def _texts(obj: Any, labels: dict[str, tuple[str, str]] | None = None) -> dict[str, str]:
    from chipshock.present.summary import summary_text

    out = {}
    for lang in ("en", "ja"):
        a, b = labels[lang] if labels else (None, None)
        out[lang] = summary_text(obj, lang, label_a=a, label_b=b)
    return out


def compare_labels(
    a: Any, b: Any, alliance_default: bool, twins: bool = True
) -> dict[str, tuple[str, str]]:
    """Names of the two sides of a comparison, in English and Japanese (words, never A/B).

    With ``alliance_default`` the first side runs without the alliance fabs and the second with
    them, so that what the second side avoids is what the fabs avoid. A scenario and its
    ``-no-alliance-fabs`` twin are named so too, as the CLI and the report name them
    (`twin_sides`; review12 #2), unless ``twins`` is False (the request switches fabs on or off
    on both sides, so the twins may no longer differ by the alliance fabs alone)."""
    from chipshock.present.summary import alliance_sides, twin_sides

    if alliance_default:  # the scenario's title is on screen already: name only the change
        # the words of the report (the message catalogue), without first; the second side says
        # which other fabs the request switched (`alliance_sides`, review 13 #2)
        return {lang: alliance_sides(b, lang) for lang in ("en", "ja")}
    pairs = {lang: twin_sides(a.scenario_id, b.scenario_id, lang) for lang in ("en", "ja")}
    if twins and all(pairs.values()):
        return {lang: pair for lang, pair in pairs.items() if pair is not None}
    return {
        "en": (a.title, b.title),
        "ja": (a.title_ja or a.title, b.title_ja or b.title),
    }


def _params(req: RunRequest, sc: Any) -> dict[str, Any]:
    return {
        **req.model_dump(),
        "runs": int(sc.runs),
        "seed": int(sc.seed),
    }


@router.get("/capacity", response_model=TableResponse, summary="Wafer capacity by year")
def capacity(
    state: State,
    years: Annotated[
        list[int], Query(max_length=MAX_YEARS, description="Years, e.g. 2026&years=2030")
    ] = [],  # noqa: B006
    fabs_off: FabsOff = [],  # noqa: B006
    fabs_on: FabsOn = [],  # noqa: B006
) -> Response:
    """Capacity by region and node class per year, from the regional shares and the fab registry;
    ``warnings`` (``warnings_ja``): years outside the data's, where world capacity is held flat
    (the warning `chipshock capacity --year` prints); ``notes`` (``notes_ja``): the itemised
    fabs whose capacity fell since their cell's observed year (closures, shrinkage), which the
    regional total does not fall with, so the "other fabs" remainder holds what they leave (the
    words of `chipshock capacity`'s caption). ``fabs_off`` / ``fabs_on`` are checked
    as `chipshock capacity --fabs-off / --fabs-on` checks them: an unknown id is a 404 naming
    the closest ids, a switch that changes nothing in the years a 422."""
    for y in years:  # the years `chipshock capacity --year` and every other command accept
        check_model_year(y, "years")
    years = sorted(set(years))  # one answer (and one cache entry) per set of years
    fabs_off, fabs_on = sorted(set(fabs_off)), sorted(set(fabs_on))
    _check_fab_ids(state, fabs_off, fabs_on)
    sim = _sim()

    def build() -> dict[str, Any]:
        df = sim.capacity_table(
            state.model_data(),
            years=list(years) or None,
            fabs_off=tuple(fabs_off),
            fabs_on=tuple(fabs_on),
        )
        meta = state.curated_meta(
            ["regional_capacity.csv", "fab_capacity.csv", "fabs.csv"],
            state.alliance.regional_capacity,
        )
        params = {"years": list(years), "fabs_off": fabs_off, "fabs_on": fabs_on}
        warnings = year_warnings(df["year"].astype(int), state.model_data())
        rows = to_jsonable(machine_frame(df))  # as `chipshock capacity --format json`
        # the fabs whose capacity fell while the regional total did not: the words of
        # `chipshock capacity`'s caption (review 11, finding 1)
        fallen = sim.fallen_fabs(state.model_data(), sorted(set(df["year"].astype(int))))
        notes = {
            key: [text] if (text := fallen_fabs_note(fallen, lang, state.alliance.fabs)) else []
            for key, lang in (("notes", "en"), ("notes_ja", "ja"))
        }
        return {"meta": meta, "params": params, "rows": rows, **warnings, **notes}

    return respond(state, ("capacity", tuple(years), tuple(fabs_off), tuple(fabs_on)), build)


@router.get("/sourcing", response_model=TableResponse, summary="Who makes each market's chips")
def sourcing(
    state: State,
    year: Year = 2027,
    markets: Markets = [],  # noqa: B006
    nodes: Nodes = [],  # noqa: B006
    by: Annotated[
        str, Query(max_length=MAX_TEXT, description="operator (default), region or producer")
    ] = "operator",
    fabs_off: FabsOff = [],  # noqa: B006
    fabs_on: FabsOn = [],  # noqa: B006
) -> Response:
    """Per market and node class, each operator's (region's, fab's) share of the market's
    wafers as ``sourcing_shares.csv`` gives it (``sourced_pct``) and as the engine serves it
    (``served_pct``), with the row's source, date and confidence and the method; the rows of
    `chipshock sourcing --format json`, its ``caption`` (``caption_ja`` in Japanese: the note,
    the fabs switched and the sourced operators left without capacity), and the values a
    request may name (``choices``: markets, nodes and groupings in the engine's order, and the
    first and last model year), for the dashboard's controls. ``fabs_off`` / ``fabs_on`` are
    checked as `chipshock sourcing` and /api/capacity check them: an unknown id is a 404, a
    fab without capacity in the year or switched on while it already runs a 422."""
    check_model_year(year, "year")
    _check_fab_ids(state, fabs_off, fabs_on)
    sim = _sim()
    markets, nodes, fabs_off, fabs_on = (
        list(dict.fromkeys(markets)),
        list(dict.fromkeys(nodes)),
        sorted(set(fabs_off)),
        sorted(set(fabs_on)),
    )

    def build() -> dict[str, Any]:
        view = sim.sourcing_table(
            state.model_data(),
            year,
            markets,
            nodes,
            by=by,
            fabs_off=tuple(fabs_off),
            fabs_on=tuple(fabs_on),
            fields=("markets", "nodes", "by"),
        )
        df = with_method_text(view.table)  # the method in words, en and ja
        meta = state.curated_meta(
            ["sourcing_shares.csv", "fab_capacity.csv", "market_node_demand.csv"], df
        )
        params = {
            "year": year,
            "markets": markets,
            "nodes": nodes,
            "by": by,
            "fabs_off": fabs_off,
            "fabs_on": fabs_on,
        }
        rows = to_jsonable(machine_frame(df))  # as `chipshock sourcing --format json`
        if by == "producer":  # a fab's producer by its Japanese name too (fab_names_ja.csv)
            ja = fab_names(state.alliance.fabs, "ja")
            for row, name_ja in zip(
                rows, producer_names(df["producer"], df["name"], ja), strict=True
            ):
                row["name_ja"] = name_ja
        elif by == "operator":  # an operator by its Japanese name, as `sourcing --lang ja`
            operators = operator_names(state.alliance.fabs, "ja")
            for row, key in zip(rows, df["operator"], strict=True):
                if str(key) in operators:
                    row["name_ja"] = operators[str(key)]
        captions = {
            key: "".join(
                t
                for t in (
                    note,
                    sep + switch_note(fabs_off, fabs_on, lang) if fabs_off or fabs_on else "",
                    sep + unplaced_note(view.unplaced, lang) if view.unplaced else "",
                )
            )
            for key, note, sep, lang in (
                ("caption", sim.SOURCING_NOTE, " ", "en"),
                ("caption_ja", SOURCING_NOTE_JA, "", "ja"),
            )
        }
        return {
            "meta": meta,
            "params": params,
            "rows": rows,
            **captions,
            "choices": sourcing_choices(state.model_data()),
        }

    key = ("sourcing", year, tuple(markets), tuple(nodes), by, tuple(fabs_off), tuple(fabs_on))
    return respond(state, key, build)


def sourcing_choices(data: Any) -> dict[str, Any]:
    """What a sourcing request may name: the markets of the data (in `MARKETS` order) and the
    engine's node classes (`node_classes`: those with world capacity), the groupings
    (``SOURCING_BY``) and the model's first and last year; the values `sourcing_table` accepts."""
    from chipshock.model.market_schema import MARKETS
    from chipshock.sim import SOURCING_BY
    from chipshock.sim.network.regional import node_classes

    known = set(data.end_markets["market_id"].astype(str))
    return {
        "markets": [m for m in MARKETS if m in known],
        "nodes": list(node_classes(data)),
        "by": list(SOURCING_BY),
        "years": [FIRST_YEAR, LAST_YEAR],
    }


#: `chipshock.sim.SOURCING_CHECK_NOTE` in Japanese (/api/sourcing/check's ``caption_ja``)
SOURCING_CHECK_NOTE_JA = (
    "注文（orders）：調達が事業者に送る月あたりの通常のウェーハ数。行のシェア×その行を読む各市場"
    "の需要（rows）と、どの行も割り当てないウェーハのうち生産能力に応じた取り分（by capacity）"
    "の和。"
    "上限（ceiling）：そのノード区分で個別に登録された工場の生産能力×その区分の基準稼働率（エンジン"
    "がどの工場にも与える通常の注文の最大）。不足（shortfall）：上限を超える注文で、エンジンは同じ"
    "区分の他の工場に回す。行の不足（rows shortfall）：行だけでみた不足。行の不足は、その行が事業者"
    "自身の工場のウェーハシェアではない（設計や売上のシェア、ファウンドリーで作られるウェーハ）か、"
    "登録簿にその工場がないことを意味する。行の不足がなければ、不足は生産能力に応じて配分される"
    "行のないウェーハから生じる。いずれの場合も、エンジンは事業者に上限を超えて供給せず、すべての"
    "注文を同じ割合（served / orders）で削る。行の注文も生産能力に応じた分と同じだけ削られるため、"
    "単独では収まる行でも、生産能力に応じて配分されるウェーハが事業者の工場を埋めるとシェアを"
    "下回って供給される（rows の served_pct と share_pct。docs/scenarios.md「Sourcing」）。"
)


@router.get(
    "/sourcing/check",
    response_model=ResultResponse,
    summary="Sourced shares the fabs cannot meet",
)
def sourcing_check(
    state: State,
    year: Year = 2027,
    nodes: Nodes = [],  # noqa: B006
    fabs_off: FabsOff = [],  # noqa: B006
    fabs_on: FabsOn = [],  # noqa: B006
) -> Response:
    """Per operator and node class, the normal orders every sourcing row sends the operator
    (``orders_kwspm``, all markets; what it is served is ``served_kwspm``, and each row's
    ``served_pct`` the share of its markets' wafers served from it) against its itemised fabs'
    ceiling (capacity x the class's baseline utilisation), the shortfall (kwspm and % of the
    orders) in ``operators``, and the ``sourcing_shares.csv`` rows behind each shortfall in
    ``rows``; the tables of `chipshock sourcing --check --format json`, and its ``caption``
    (with the fabs switched; ``caption_ja`` in Japanese, as /api/sourcing's).
    ``fabs_off`` / ``fabs_on`` are checked as on /api/sourcing (404 unknown, 422 a switch that
    changes nothing)."""
    check_model_year(year, "year")
    _check_fab_ids(state, fabs_off, fabs_on)
    sim = _sim()
    nodes, fabs_off, fabs_on = (
        list(dict.fromkeys(nodes)),
        sorted(set(fabs_off)),
        sorted(set(fabs_on)),
    )

    def build() -> dict[str, Any]:
        result = sim.sourcing_check(
            state.model_data(),
            year,
            nodes,
            fabs_off=tuple(fabs_off),
            fabs_on=tuple(fabs_on),
            field="nodes",
        )
        meta = state.curated_meta(
            ["sourcing_shares.csv", "fab_capacity.csv", "market_node_demand.csv"], result.rows
        )
        switched = switch_note(fabs_off, fabs_on)
        switched_ja = switch_note(fabs_off, fabs_on, "ja")
        return {
            "meta": meta,
            "params": {"year": year, "nodes": nodes, "fabs_off": fabs_off, "fabs_on": fabs_on},
            "operators": to_jsonable(machine_frame(result.operators)),
            "rows": to_jsonable(machine_frame(result.rows)),  # as the CLI's JSON
            "caption": sim.SOURCING_CHECK_NOTE + (" " + switched if switched else ""),
            "caption_ja": SOURCING_CHECK_NOTE_JA + switched_ja,
        }

    key = ("sourcing_check", year, tuple(nodes), tuple(fabs_off), tuple(fabs_on))
    return respond(state, key, build)


def year_warnings(years: Iterable[int], data: Any) -> dict[str, list[str]]:
    """``warnings`` / ``warnings_ja``: the ``years`` outside those of the engine's world capacity
    (``data.global_capacity``), where it is held flat; the words `chipshock capacity --year`
    prints (`chipshock.present.coverage_notes.capacity_year_warning`); empty lists when every
    year is inside."""
    data_years = data.global_capacity["year"]
    out: dict[str, list[str]] = {"warnings": [], "warnings_ja": []}
    for key, lang in (("warnings", "en"), ("warnings_ja", "ja")):
        text = capacity_year_warning(years, data_years, lang)
        out[key] = [text] if text else []
    return out


#: years of the capacity build-out view
BUILDOUT_YEARS = tuple(range(2022, 2036))


@router.get(
    "/capacity/buildout",
    response_model=TableResponse,
    summary="Capacity build-out with and without the alliance fabs",
)
def capacity_buildout(
    state: State,
    node_class: Annotated[
        str, Query(max_length=MAX_TEXT, description="A node class, e.g. lt10, or all")
    ] = "all",
) -> Response:
    """Wafer capacity by region and node class for 2022–2035 with the alliance fabs and without
    them (``rows``: year, region, node_class, with_kwspm, without_kwspm), ``chart``: the
    Vega-Lite spec of one node class (or ``all``) in English and Japanese, and ``fabs``: each
    alliance fab as the model uses it (first year with capacity, capacity per year and the
    fab_capacity.csv sources: `chipshock.api.alliance_fabs`); ``warnings`` / ``warnings_ja``:
    the years beyond the data's, where world capacity is held flat (`year_warnings`);
    ``uncounted_fabs`` and ``uncounted_note`` (en, ja): the registry's wafer fabs with no
    capacity row, which count as zero (`chipshock.present.coverage_notes`); ``region_names``
    (en, ja): each region's name, as the chart's legend writes it."""
    sim = _sim()
    from chipshock.present.charts_structure import both_languages, capacity_chart

    off = alliance_fab_ids(state)

    def build() -> dict[str, Any]:
        data = state.model_data()
        years = list(BUILDOUT_YEARS)
        with_fabs = sim.capacity_table(data, years=years, fabs_off=())
        without = sim.capacity_table(data, years=years, fabs_off=tuple(off))
        classes = sorted(with_fabs["node_class"].astype(str).unique())
        if node_class != "all" and node_class not in classes:
            raise UnknownCodeError(
                Problem(
                    "unknown node class",
                    field="node_class",
                    value=node_class,
                    expected="all or one of " + ", ".join(classes),
                )
            )
        keys = ["year", "region", "node_class"]
        rows = with_fabs[[*keys, "capacity_kwspm"]].merge(
            without[[*keys, "capacity_kwspm"]], on=keys, how="outer", suffixes=("_with", "_without")
        )
        rows = rows.fillna(0.0).rename(
            columns={"capacity_kwspm_with": "with_kwspm", "capacity_kwspm_without": "without_kwspm"}
        )
        meta = state.curated_meta(
            ["regional_capacity.csv", "fab_capacity.csv", "fabs.csv"],
            state.alliance.regional_capacity,
        )
        fabs = alliance_fab_rows(
            sim.producer_table(data, years=years), data.fabs, data.fab_capacity, off, years
        )
        return {
            "meta": meta,
            "params": {"node_class": node_class, "alliance_fabs": list(off), "years": years},
            "node_classes": classes,
            # each fab's country by its Japanese name beside the code (review 16, finding 8)
            "fabs": to_jsonable(
                [{**f, "country_ja": country_label(str(f["country"]), "ja")} for f in fabs]
            ),
            "rows": to_jsonable(rows),
            # each region's name, as the chart's legend names it (review 16, finding 8)
            "region_names": {
                lang: {str(r): country_label(str(r), lang) for r in sorted(set(rows["region"]))}
                for lang in ("en", "ja")
            },
            **year_warnings(years, data),
            "uncounted_fabs": to_jsonable(uncounted_fabs(data.fabs, data.fab_capacity)),
            "uncounted_note": {
                lang: uncounted_fabs_note(data.fabs, data.fab_capacity, lang)
                for lang in ("en", "ja")
            },
            "chart": both_languages(
                lambda lang: capacity_chart(with_fabs, without, node_class, lang)
            ),
        }

    return respond(state, ("capacity_buildout", node_class), build)


@router.get("/scenarios", response_model=TableResponse, summary="Built-in scenarios")
def scenario_list(state: State) -> Response:
    """The built-in scenario library: id, title (English and Japanese), description; ``params``
    gives the alliance fabs and ``max_runs``, the most runs this server accepts per request."""
    lib = _scenarios()
    return respond(state, ("scenarios",), lambda: _library_payload(state, lib))


def _duration(sc: Any) -> float | None:
    """The scenario's shock duration in weeks when every shock has the same fixed duration
    (what the dashboard shows as the scenario's own value), else None."""
    values = {s.duration_weeks.low for s in sc.shocks if s.duration_weeks.kind == "fixed"}
    if len(values) == 1 and all(s.duration_weeks.kind == "fixed" for s in sc.shocks):
        return float(values.pop())
    return None


def _alliance_off(sc: Any, alliance: tuple[str, ...]) -> bool:
    """Whether the scenario itself switches any of the alliance fabs off."""
    return any(i.kind == "fabs_off" and set(i.fabs) & set(alliance) for i in sc.interventions)


def _library_payload(state: AppState, lib: Any) -> dict[str, Any]:
    rows = []
    for sid in lib.builtin_ids():
        sc = lib.load_scenario(sid)
        rows.append(
            {
                "scenario_id": sid,
                "title": sc.title,
                "title_ja": sc.title_ja,
                "description": sc.description,
                "description_ja": sc.description_ja,
                "start_year": min((s.start_year for s in sc.shocks), default=sc.start_year),
                "duration_weeks": _duration(sc),
                "alliance_fabs": not _alliance_off(sc, alliance_fab_ids(state)),
                "runs": sc.runs,
            }
        )
    return {
        "meta": {
            "source": "chipshock built-in scenario library",
            "licence": "MIT",
            "as_of": None,
        },
        # the most runs this server accepts per request (per side of a comparison): the dashboard
        # shows it beside its run fields and never offers a run that the server would refuse
        "params": {
            "alliance_fabs": list(alliance_fab_ids(state)),
            "max_runs": state.config.max_runs,
        },
        "rows": rows,
    }


@router.get("/scenarios/{scenario_id}", response_model=ResultResponse, summary="Show a scenario")
def scenario_show(
    state: State, scenario_id: Annotated[str, Path(max_length=MAX_TEXT)]
) -> dict[str, Any]:
    """Every field of one built-in scenario: shocks, interventions, distributions."""
    sc = _builtin(scenario_id, field="scenario_id")
    return {
        "meta": {"source": "chipshock built-in scenario library", "licence": "MIT", "as_of": None},
        "params": {"scenario_id": scenario_id},
        "scenario": _scenario_dict(sc),
    }


def run_scenario_fields(sc: Any) -> dict[str, str]:
    """The run's scenario as the page heads it: id, title and description in both languages,
    as run (a changed start year or duration is said in them, `apply_overrides`)."""
    return {
        "scenario_id": sc.scenario_id,
        "title": sc.title,
        "title_ja": sc.title_ja,
        "description": sc.description,
        "description_ja": sc.description_ja,
    }


@dataclass(frozen=True)
class RunJob:
    """One run as the cache and the job board take it: ``key``, the engine's inputs (the
    scenario as changed, with its horizon, runs and seed: `RunBody`), ``build``, the answer
    without what the request adds; ``params`` and ``bands``, what it adds (`answer`)."""

    key: Hashable
    build: Build
    params: dict[str, Any]
    bands: BandsShape

    def answer(self, body: RunBody) -> bytes:
        """The request's JSON answer from the run's cached body."""
        return body.answer(self.params, self.bands)


def run_job(state: AppState, req: ScenarioRunRequest) -> RunJob:
    """The cache key, the builder and the shape of one run; the request is checked here, before
    any work."""
    sim = _sim()
    sc = _prepared(state, req, req.alliance_fabs)
    data = state.model_data()
    release = store_release(state)

    def build(progress: Callable[..., None]) -> dict[str, Any]:
        result = sim.run(sc, data, runs=sc.runs, seed=sc.seed, progress=progress)
        charts, chart_data = pool_chart_data(chart_payload(result))
        payload = result_payload(
            result,
            data.node_requirements,
            data.fabs,
            data.raw_materials,
            data.model_assumptions,
            data.fab_capacity,
            data.partnerships,
        )
        return {
            "meta": {**_sources(result.assumptions, release), **loss_by_country_notes([sc])},
            "scenario": run_scenario_fields(sc),
            **payload,
            "charts": charts,
            "chart_data": chart_data,
            "summary_text": _texts(result),
            **run_warnings(result),
        }

    # ``bands`` and the echo of the request are not engine inputs: one run serves every shape
    return RunJob(("run", repr(sc)), build, _params(req, sc), req.bands)


def run_warnings(
    *results: Any, labels: dict[str, tuple[str, str]] | None = None
) -> dict[str, list[str]]:
    """``warnings`` / ``warnings_ja`` of a run or a comparison's two sides: the horizon years
    past the capacity data, where world capacity and chip demand are held flat while the value
    per week keeps growing (`chipshock.present.coverage_notes.result_capacity_note`, the words
    of `year_warnings` and the summary text), each wording once; empty lists without."""
    out: dict[str, list[str]] = {}
    for key, lang in (("warnings", "en"), ("warnings_ja", "ja")):
        notes = (result_capacity_note(r, lang) for r in results)
        out[key] = [n for n in dict.fromkeys(notes) if n]
    # per-market caveats where the history check shows the model far from history (review 14
    # #1; also at the end of ``summary_text``)
    # a comparison's caveats are its two sides' together, as its ``summary_text`` gives them
    # (`market_caveats` of the comparison: a baseline side with no binding class does not add
    # the history caveat when the other side's binding class is not mature logic)
    whole = SimpleNamespace(a=results[0], b=results[1]) if len(results) == 2 else results[0]
    for key, lang in (("caveats", "en"), ("caveats_ja", "ja")):
        a, b = labels[lang] if labels else (None, None)  # the sides as the summary names them
        out[key] = list(dict.fromkeys(market_caveats(whole, lang, label_a=a, label_b=b)))
    return out


@router.post("/scenarios/run", response_model=ScenarioRunResponse, summary="Run a scenario")
def scenario_run(state: State, req: ScenarioRunRequest) -> Response:
    """Run a built-in scenario (optionally changed) and return bands, KPIs, a summary and
    ``utilisation``: each producer's utilisation in the shock weeks (p5/p50/p95 across the
    simulated futures) beside its capacity and normal utilisation, the most stretched first.
    The charts' tables are sent once, in ``chart_data`` (`chipshock.api.chart_data`), as in a
    comparison."""
    job = run_job(state, req)
    body: RunBody = state.run_cache.get_or_compute(
        job.key, lambda: RunBody.of(state.runner.run(job.build, state.config.time_budget_s))
    )
    return Response(content=job.answer(body), media_type="application/json")


def _scenario_ref(sc: Any) -> dict[str, Any]:
    """A side's scenario as the comparison view names and describes it: id, titles and
    descriptions as run (a changed run's say the change; review12 #3: the view showed no
    description, so not what the model leaves out)."""
    keys = ("scenario_id", "title", "title_ja", "description", "description_ja")
    return {k: getattr(sc, k) for k in keys}


def compare_job(state: AppState, req: CompareRequest) -> EngineJob:
    """The cache key, the builder and the request's parameters of one comparison (see
    `scenario_compare`); the request is checked here, before any work. The key is what the
    engine computes (both sides as run) and what names the sides (`compare_labels`), not the
    request's bytes."""
    sim = _sim()
    if req.other is None and req.other_toml is None:
        # first without, then with the alliance fabs: b avoids what they avoid
        a = _prepared(state, req, False)
        b = _prepared(state, req, True)
    else:
        a, b = _both_sides(state, req)
    # both sides run a's runs on a's seed (common random numbers), as `scenario compare` does
    b = b.with_changes(runs=a.runs, seed=a.seed)
    alliance_default = req.other is None and req.other_toml is None
    # twins keep "with/without the alliance fabs" only as the scenarios have them
    as_written = req.alliance_fabs is None and not (req.fabs_off or req.fabs_on)
    data = state.model_data()
    release = store_release(state)

    def build(progress: Callable[..., None]) -> dict[str, Any]:
        cmp = _compare(sim, a, b, data, progress)
        labels = compare_labels(a, b, alliance_default, twins=as_written)
        charts, chart_data = pool_chart_data(chart_payload(cmp, labels))
        avoided = avoided_loss(cmp)
        return {
            "meta": {
                **_sources(cmp.a.assumptions, release),
                **loss_by_country_notes([cmp.a.scenario, cmp.b.scenario]),
            },
            "scenario_a": _scenario_ref(a),
            "scenario_b": _scenario_ref(b),
            "labels": labels,
            "a": compare_side_payload(
                cmp.a,
                data.node_requirements,
                data.fabs,
                data.raw_materials,
                data.model_assumptions,
                data.fab_capacity,
                data.partnerships,
            ),
            "b": compare_side_payload(
                cmp.b,
                data.node_requirements,
                data.fabs,
                data.raw_materials,
                data.model_assumptions,
                data.fab_capacity,
                data.partnerships,
            ),
            "delta": to_jsonable(machine_frame(cmp.delta)),
            "headline": to_jsonable(headline_named(cmp.headline, labels["en"])),
            # the numbers of the lead chart (``charts.*.avoided``)
            "avoided": None if avoided is None else avoided_payload(avoided),
            # the side that loses less output ("a", "b", null: neither), as the CLI's JSON
            "better": better_side(cmp),
            "charts": charts,
            "chart_data": chart_data,
            "summary_text": _texts(cmp, labels),
            **run_warnings(cmp.a, cmp.b, labels=labels),
        }

    key = ("compare", repr(a), repr(b), alliance_default, as_written)
    return EngineJob(key, build, _params(req, a))


@router.post(
    "/scenarios/compare", response_model=ScenarioCompareResponse, summary="Compare two scenarios"
)
def scenario_compare(state: State, req: CompareRequest) -> Response:
    """A scenario against another, a built-in ``other`` or a scenario file's text in
    ``other_toml`` (default: the same scenario without the alliance fabs, then with them), on
    common random numbers so that the difference, not noise, shows. ``delta`` is second − first
    in each simulated future; ``headline`` gives what the second side avoids (positive =
    better); ``avoided`` what the better side avoids in each simulated future (the histogram
    and the p5/p50/p95 of the lead chart ``charts.*.avoided``,
    `chipshock.present.avoided_chart`).
    Each side (``a``, ``b``) carries its KPIs, summary, assumptions and utilisation; its weekly
    bands and per-country tables are drawn in ``charts`` and listed by ``/api/scenarios/run``.
    The charts' tables are sent once, in ``chart_data`` (`chipshock.api.chart_data`)."""
    return compare_job(state, req).respond(state)


def _both_sides(state: AppState, req: CompareRequest) -> tuple[Any, Any]:
    """A comparison's two scenarios as the request names them (`_prepared`), the other side
    checked even when the first is refused: two scenarios with problems (two bad files) are
    refused in one 422 that lists both sides' problems, each naming its file and field, as
    `chipshock scenario compare A.toml B.toml` lists both files'; any other refusal (an unknown
    id, too many runs) is the first refused side's, as one side's alone is."""
    sides: list[Any] = []
    refused: list[InputError] = []
    for other in (False, True):
        try:
            sides.append(_prepared(state, req, req.alliance_fabs, other=other))
        except InputError as exc:
            refused.append(exc)
    if len(refused) == 2 and all(isinstance(e, ScenarioError) for e in refused):
        problems = [
            p
            for e in refused
            for p in (e.problems if isinstance(e, ValidationFailed) else [e.problem])
        ]
        first = refused[0]
        context = first.context if isinstance(first, ValidationFailed) else "invalid scenario"
        # a problem of the request's own fields (its sourcing rows) is found on both sides: once
        raise ScenarioValidationFailed(list(dict.fromkeys(problems)), context=context)
    if refused:
        raise refused[0]
    return sides[0], sides[1]


def _compare(sim: Any, a: Any, b: Any, data: Any, progress: Any) -> Any:
    if "progress" in inspect.signature(sim.compare).parameters:
        return sim.compare(a, b, data, runs=a.runs, seed=a.seed, progress=progress)
    progress()  # an engine whose compare() takes no progress callback: check once
    return sim.compare(a, b, data, runs=a.runs, seed=a.seed)
