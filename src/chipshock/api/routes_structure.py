"""Structural routes: inputs, providers, shares, chokepoints, trace, coalition, Shapley, alliance.

Every handler is a thin wrapper over a pure `chipshock.analysis` function. The data never change
while the server runs, so each response is built and serialised once per parameter set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from chipshock.analysis.alliance import (
    FAB_STATUSES,
    counted_amounts,
    counted_in_totals,
    filter_deliverables,
    filter_fabs,
    filter_partnerships,
)
from chipshock.analysis.chokepoints import chokepoints
from chipshock.analysis.concentration import concentration
from chipshock.analysis.criticality import criticality
from chipshock.analysis.fab_years import fabs_in_year, listed_years
from chipshock.analysis.graph import trace
from chipshock.analysis.materials import (
    MATERIAL_TABLES,
    check_material_by,
    dated_share_note,
    eto_input_keys,
    material_chokepoints,
    material_trace,
    model_input_uses,
    resolve_material,
    with_model_inputs,
)
from chipshock.analysis.registry import (
    OVERDUE_AFTER_MONTHS,
    STALE_AFTER_MONTHS,
    DataRelease,
    capacity_at,
    fab_capacity_300mm,
    stale_cutoff,
    tracker_view,
)
from chipshock.analysis.shares import input_shares, stage_shares
from chipshock.api.fabs_year import left_out_payload
from chipshock.api.schemas import ResultResponse, TableResponse
from chipshock.api.state import AppState, app_state, respond
from chipshock.data.release import DATA_RELEASE_DATE
from chipshock.data.store import load_table, load_tables
from chipshock.errors import InputError, Problem
from chipshock.model.groups import group_members
from chipshock.model.registry_schema import TRACKER_STATUSES
from chipshock.present.amounts import amount_texts
from chipshock.present.charts import Spec
from chipshock.present.charts_structure import (
    both_languages,
    criticality_chart,
    shares_chart,
    tracker_chart,
    tracker_date_texts,
    tracker_parts_text,
    tracker_stale_caption,
    tracker_stale_counts,
    tracker_total_text,
)
from chipshock.present.coverage_notes import criticality_scope, fab_year_note
from chipshock.present.eto_names import eto_names, input_name, listed_names, stage_name
from chipshock.present.input_errors import API_LISTINGS, resolve_eto_input, unknown_operator
from chipshock.present.input_rows import input_rows
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import Lang, countries_label, country_names
from chipshock.present.numbers import machine_frame
from chipshock.present.trace_graph import trace_layout
from chipshock.scenarios import REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR

__all__ = [
    "COUNTRY_ANCHORS",
    "MAX_ITEMS",
    "MAX_TEXT",
    "CodeList",
    "GroupList",
    "Pct",
    "State",
    "Text",
    "codes_of",
    "get_state",
    "need",
    "router",
    "with_amount_text",
    "with_ja",
]

router = APIRouter(prefix="/api", tags=["structure"])
#: the languages of every text the API writes for the dashboard
LANGS: tuple[Lang, ...] = ("en", "ja")

By = Literal["country", "firm"]
#: a percent: NaN and infinity are refused as what they are (not a finite number), not as above 100
Pct = Annotated[float, Query(ge=0.0, le=100.0, allow_inf_nan=False, description="Percent, 0–100.")]
#: caps on every query value: a text parameter, a list of them
MAX_TEXT = 100
MAX_ITEMS = 50
Text = Annotated[str, Query(max_length=MAX_TEXT)]
CodeList = Annotated[
    list[Annotated[str, Query(max_length=MAX_TEXT)]],
    Query(
        max_length=MAX_ITEMS,
        description="Country or group codes (EU27, CHIP4, QUAD, G7: GET /api/groups), "
        "repeated or comma-separated (USA,JPN).",
    ),
]
GroupList = Annotated[
    list[Annotated[str, Query(max_length=MAX_TEXT)]],
    Query(
        max_length=20,
        description="User-defined groups, NAME=CODE,CODE (repeatable), usable in the codes: "
        "MYBLOC=USA,JPN,NLD.",
    ),
]

#: Where to anchor a country on the map (lon, lat): arcs between partnership parties.
COUNTRY_ANCHORS: dict[str, tuple[float, float]] = {
    "USA": (-98.0, 39.0),
    "JPN": (138.5, 36.5),
    "TWN": (121.0, 23.7),
    "KOR": (127.8, 36.3),
    "CHN": (104.0, 35.0),
    "NLD": (5.3, 52.2),
    "DEU": (10.4, 51.2),
    "BEL": (4.5, 50.6),
    "CAN": (-100.0, 56.0),
    "SGP": (103.8, 1.35),
    "ISR": (35.0, 31.5),
    "IRL": (-8.0, 53.2),
    "FRA": (2.3, 46.6),
    "GBR": (-2.0, 53.5),
    "IND": (79.0, 22.0),
    "MYS": (102.0, 4.0),
    "VNM": (106.0, 16.0),
    "PHL": (122.0, 12.5),
    "THA": (101.0, 15.5),
    "EUR": (10.0, 50.0),
}


def get_state(request: Request) -> AppState:
    return app_state(request.app)


State = Annotated[AppState, Depends(get_state)]


def codes_of(values: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        out += [v.strip() for v in value.split(",") if v.strip()]
    return tuple(out)


def need(codes: tuple[str, ...], field: str) -> tuple[str, ...]:
    if not codes:
        raise InputError(Problem("at least one country code is required", field=field))
    return codes


def with_ja(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the Japanese name beside each ETO input or stage name it carries:
    ``name_ja`` (beside ``name`` of an ``input_id``), ``input_name_ja``, ``stage_name_ja``
    (`chipshock.present.eto_names`), so that a client in Japanese never shows the English."""
    pairs = (("input_id", "input_name"), ("input_id", "name"), ("stage_id", "stage_name"))
    extra: dict[str, list[str]] = {}
    for id_col, name_col in pairs:
        if id_col in frame.columns and name_col in frame.columns:
            name = stage_name if id_col == "stage_id" else input_name
            extra[f"{name_col}_ja"] = [
                name(str(i), str(n), "ja")
                for i, n in zip(frame[id_col].tolist(), frame[name_col].tolist(), strict=True)
            ]
    return frame.assign(**extra) if extra else frame


def with_amount_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``amount_text`` and ``amount_text_ja``: its amount written by
    `chipshock.present.amounts.amount_texts` (USD 16 m, 1,600万ドル; a yen pledge in yen with
    the dollars, the rate and its month beside it; None where no amount), so that the
    dashboard's tables write amounts as the CLI does."""
    return frame.assign(
        **{
            column: pd.Series(amount_texts(frame, lang), index=frame.index, dtype=object)
            for column, lang in zip(("amount_text", "amount_text_ja"), LANGS, strict=True)
        }
    )


def _table(meta: dict[str, Any], params: dict[str, Any], frame: pd.DataFrame) -> dict[str, Any]:
    return {"meta": meta, "params": to_jsonable(params), "rows": to_jsonable(with_ja(frame))}


def _charted(payload: dict[str, Any], build: Callable[[Lang], Spec | None]) -> dict[str, Any]:
    """The payload with ``chart``: its Vega-Lite spec in English and Japanese (built in
    `chipshock.present.charts_structure`; the dashboard only embeds it)."""
    return {**payload, "chart": both_languages(build)}


@router.get("/inputs", response_model=TableResponse, summary="Inputs of the supply chain")
def inputs(
    state: State,
    type: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="e.g. process, tool_resource")
    ] = None,
    stage: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="S1, S2 or S3: the input's own stage, or that of the nearest process "
            "it goes into",
        ),
    ] = None,
) -> Response:
    """Every input (process, tool, material, design segment) with its stage, market size, the
    number of countries the ETO lists as suppliers and the top one with its share: the rows of
    `chipshock inputs` (`chipshock.present.input_rows`)."""

    def build() -> dict[str, Any]:
        rows = input_rows(state.chain, stage, type, ("stage", "type"))
        # the rows carry their Japanese words already (not `with_ja`: its stage_name_ja is
        # the ETO's stage_id's, given for processes only); no float noise, as the CLI's JSON
        params = {"type": type, "stage": stage}
        return {
            "meta": state.eto_meta(),
            "params": params,
            "rows": to_jsonable(machine_frame(rows)),
        }

    return respond(state, ("inputs", type, stage), build)


@router.get(
    "/names/ja", response_model=ResultResponse, summary="Japanese names of inputs and countries"
)
def names_ja(state: State) -> Response:
    """Japanese names of every ETO input, stage and input type, keyed by id (written for
    chipshock; the ETO publishes English names only), and ``countries``: every country and
    region code's Japanese name, as the CLI and the report write it (`country_names`)."""

    def build() -> dict[str, Any]:
        meta = state.eto_meta() | {
            "note": "Japanese names written for chipshock; the ETO's own names are English."
        }
        countries = country_names("ja")
        return {"meta": meta, "params": {"lang": "ja"}, **eto_names(), "countries": countries}

    return respond(state, ("names_ja",), build)


@router.get("/providers", response_model=TableResponse, summary="Countries and firms")
def providers(
    state: State,
    type: Annotated[Literal["country", "organization"] | None, Query()] = None,
) -> Response:
    """Providers (countries and firms) named in the dataset; aggregates are flagged."""

    def build() -> dict[str, Any]:
        df = state.chain.providers
        if type:
            df = df[df["provider_type"] == type]
        return _table(state.eto_meta(), {"type": type}, df)

    return respond(state, ("providers", type), build)


@router.get("/shares", response_model=TableResponse, summary="Shares of one input or all")
def shares(
    state: State,
    input: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Input id or name, e.g. N20")
    ] = None,
    by: Annotated[Literal["country", "firm", "both"], Query()] = "both",
    highlight: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="Providers or group codes to mark in the charts, comma-separated",
        ),
    ] = None,
) -> Response:
    """Country and firm shares (percent as published) of an input, with year and source; for
    one input also ``charts``: the country and firm share charts (Vega-Lite, en and ja). A raw
    material or advanced_packaging (by id or name) gives its country shares as the model
    simulates them, the rows of `chipshock shares gallium` (``by`` country or both; no charts)."""

    def build() -> dict[str, Any]:
        iid = None
        if input:
            mats, supply, _, inputs = _material_tables(state)
            keys = eto_input_keys(state.chain.inputs)
            mid = resolve_material(mats, input, keys, field="input")
            if mid:
                check_material_by(by if by != "both" else "country", field="by")
                rows = supply[supply["material_id"].astype(str) == mid].reset_index(drop=True)
                meta = state.curated_meta(_curated_files([mid], inputs), rows)
                return _table(meta, {"input": mid, "by": "country", "highlight": highlight}, rows)
            iid = _eto_input(state, input, "input", mats)
        df = input_shares(state.chain, iid, by=by)
        out = _table(state.eto_meta(), {"input": iid, "by": by, "highlight": highlight}, df)
        if iid is not None:
            name = state.chain.input_name(iid)
            groups = group_members(state.groups)  # a group code marks its members
            asked = highlight or ""
            whole = asked in set(df["provider"].astype(str))  # a firm name may hold commas
            tokens = [asked] if whole else [c.strip() for c in asked.split(",") if c.strip()]
            marked = [m for c in tokens for m in groups.get(c, [c])]
            kinds = df["provider_type"].astype(str)
            out["charts"] = {
                "country": both_languages(
                    lambda lang: shares_chart(
                        df[kinds == "country"], "country", input_name(iid, name, lang), lang, marked
                    )
                ),
                "firm": both_languages(
                    lambda lang: shares_chart(
                        df[kinds != "country"], "firm", input_name(iid, name, lang), lang, marked
                    )
                ),
            }
        return out

    return respond(state, ("shares", input, by, highlight), build)


@router.get("/shares/stages", response_model=TableResponse, summary="Shares of the stages")
def shares_stages(state: State) -> Response:
    """Country shares of design (S1), fabrication (S2) and assembly/test (S3)."""
    return respond(
        state, ("stages",), lambda: _table(state.eto_meta(), {}, stage_shares(state.chain))
    )


@router.get("/chokepoints", response_model=TableResponse, summary="Chokepoints")
def chokepoints_route(
    state: State,
    min_share: Pct = 50.0,
    by: Annotated[By, Query()] = "country",
    materials: bool = False,
) -> Response:
    """Inputs where one named country or firm holds at least ``min_share`` percent; with
    ``materials``, raw materials where one named country holds it of mining or refining (as
    ``chipshock chokepoints --materials``; by country only: ``by=firm`` is refused with 422)."""
    if materials:
        check_material_by(by, "by")
        return respond(state, ("choke-materials", min_share), lambda: _materials(state, min_share))
    return respond(
        state,
        ("choke", min_share, by),
        lambda: _table(
            state.eto_meta(),
            {"min_share": min_share, "by": by},
            chokepoints(state.chain, min_share, by=by),
        ),
    )


def _text(cell: object) -> str | None:
    """A text cell of the materials table, None where missing (no translation)."""
    return cell if isinstance(cell, str) and cell.strip() else None


def _material_tables(state: AppState) -> tuple[pd.DataFrame, pd.DataFrame, set[str], set[str]]:
    """materials.csv and material_supply.csv with the model inputs of raw_materials.csv that
    are no raw material appended (advanced_packaging:
    `chipshock.analysis.materials.model_inputs`), the ids the engine simulates
    (raw_materials.csv) and those model inputs' ids."""
    t = load_tables(state.config.db_path, MATERIAL_TABLES)
    mats, supply = with_model_inputs(t)
    simulated = set(t["raw_materials"]["material_id"].astype(str))
    return mats, supply, simulated, simulated - set(t["materials"]["material_id"].astype(str))


def _curated_files(ids: Iterable[object], inputs: set[str]) -> list[str]:
    """The curated files rows of the material ``ids`` come from (``inputs``: the model
    inputs among them come from raw_materials.csv and node_requirements.csv)."""
    mine = {str(i) in inputs for i in ids}
    return (["materials.csv", "material_supply.csv"] if False in mine or not mine else []) + (
        ["raw_materials.csv", "node_requirements.csv"] if True in mine else []
    )


def _materials(state: AppState, min_share: float) -> dict[str, Any]:
    """The material chokepoints of `chipshock chokepoints --materials`, with each material's
    Japanese name, its use (``use``, ``use_ja``: materials_ja.csv's, null without one, as
    ``substitutes_ja``; both null for a model input, whose use is no text of the data) and
    whether a scenario can shock it."""
    mats, supply, simulated, inputs = _material_tables(state)
    frame = material_chokepoints(mats, supply, min_share)
    ids = [str(m) for m in frame["material_id"]]
    ja = dict(zip(mats["material_id"].astype(str), mats["name_ja"].astype(str), strict=True))
    texts = mats.reindex(columns=["use", "use_ja"]).set_index(mats["material_id"].astype(str))
    frame = frame.assign(
        name_ja=[ja.get(m, "") for m in ids],
        **{
            column: pd.Series(
                [None if m in inputs else _text(texts.at[m, column]) for m in ids],
                index=frame.index,
                dtype=object,
            )
            for column in ("use", "use_ja")
        },
        simulated=[m in simulated for m in ids],
    )
    meta = state.curated_meta(_curated_files(frame["material_id"], inputs), frame)
    return {
        **_table(meta, {"min_share": min_share, "materials": True}, frame),
        **_dated_notes(frame),
    }


@router.get("/concentration", response_model=TableResponse, summary="Concentration (HHI)")
def concentration_route(state: State, by: Annotated[By, Query()] = "country") -> Response:
    """Herfindahl–Hirschman index and top provider of every input."""
    return respond(
        state,
        ("hhi", by),
        lambda: _table(state.eto_meta(), {"by": by}, concentration(state.chain, by=by)),
    )


@router.get("/criticality", response_model=TableResponse, summary="Criticality ranking")
def criticality_route(
    state: State, by: Annotated[By, Query()] = "country", threshold: Pct = 50.0
) -> Response:
    """What the world loses if each country or firm is cut off."""

    def build() -> dict[str, Any]:
        frame = criticality(state.chain, by=by, threshold=threshold)
        ids = dict(zip(state.chain.inputs["name"], state.chain.inputs["input_id"], strict=True))
        frame = frame.assign(
            top_inputs_ja=[listed_names(v, ids, "ja") for v in frame["top_inputs"]]
        )
        payload = _table(state.eto_meta(), {"by": by, "threshold": threshold}, frame)
        payload["caption"] = {lang: criticality_scope(lang) for lang in ("en", "ja")}
        return _charted(payload, lambda lang: criticality_chart(frame, threshold, lang))

    return respond(state, ("crit", by, threshold), build)


@router.get("/trace/{input_id}", response_model=ResultResponse, summary="Trace an input")
def trace_route(state: State, input_id: Annotated[str, Path(max_length=MAX_TEXT)]) -> Response:
    """What an input feeds (downstream to the finished chip) and what it needs (upstream);
    ``graph``: the same as a layered node-link layout (`chipshock.present.trace_graph`)."""

    def build() -> dict[str, Any]:
        mats, supply, simulated, inputs = _material_tables(state)
        keys = eto_input_keys(state.chain.inputs)
        mid = resolve_material(mats, input_id, keys, field="input_id")  # by id or name
        if mid:
            return _material_trace(state, mats, supply, simulated, mid, inputs)
        t = trace(state.chain, _eto_input(state, input_id, "input_id", mats))
        return {
            "meta": state.eto_meta(),
            "params": {"input_id": input_id},
            "input_id": t.input_id,
            "input_name": t.input_name,
            "input_name_ja": input_name(t.input_id, t.input_name, "ja"),
            "type": t.type,
            "stage_id": t.stage_id,
            "process_id": t.process_id,
            "reaches_final": t.reaches_final,
            "downstream": to_jsonable(with_ja(t.downstream)),
            "upstream": to_jsonable(with_ja(t.upstream)),
            "graph": to_jsonable(trace_layout(t.input_id, t.input_name, t.upstream, t.downstream)),
        }

    return respond(state, ("trace", input_id), build)


def _eto_input(state: AppState, query: str, field: str, mats: pd.DataFrame) -> str:
    """The ETO input id ``query`` names; an unknown one is the CLI's error, in its words, with
    the routes that list the inputs (`chipshock.present.input_errors`; ``mats``: the raw
    materials and advanced packaging already tried, `_material_tables`)."""
    return resolve_eto_input(state.chain, mats, query, field, listings=API_LISTINGS)


def _material_trace(
    state: AppState,
    mats: pd.DataFrame,
    supply: pd.DataFrame,
    simulated: set[str],
    mid: str,
    inputs: set[str],
) -> dict[str, Any]:
    """A raw material's trace, as ``chipshock trace <material>``: the inputs and node classes it
    feeds (downstream), who mines or refines it (upstream), stockpile norm and substitutes. For
    a model input (``inputs``: advanced_packaging) downstream holds the node_requirements.csv
    rows that need it, with the operators exempt from it, and upstream its capacity shares."""
    ids = [str(i) for i in state.chain.inputs["input_id"]]
    names = {i: state.chain.input_name(i) for i in ids}
    mt = material_trace(mats, supply, mid, names)
    down = mt.downstream
    if mid in inputs:
        req = load_tables(state.config.db_path, ["node_requirements"])["node_requirements"]
        down = model_input_uses(req, mid)
    row = mats[mats["material_id"].astype(str) == mid].iloc[0]
    frame = pd.concat([mt.upstream, mats[mats["material_id"].astype(str) == mid]])
    return {
        "meta": state.curated_meta(_curated_files([mid], inputs), frame),
        "params": {"input_id": mid},
        "material_id": mt.material_id,
        "material_name": mt.name,
        "material_name_ja": str(row["name_ja"]),
        "simulated": mid in simulated,
        **to_jsonable(mt.attributes),
        "downstream": to_jsonable(with_ja(down) if mid not in inputs else down),
        "upstream": to_jsonable(mt.upstream),
        **_dated_notes(supply[supply["material_id"].astype(str) == mid]),
    }


def _dated_notes(supply: pd.DataFrame) -> dict[str, str]:
    """``dated_note`` / ``dated_note_ja``: `dated_share_note` of ``supply`` against the data
    release's year ("" when no share is dated), as the CLI's captions say it."""
    year = int(DATA_RELEASE_DATE[:4])
    return {
        "dated_note": dated_share_note(supply, year, "en"),
        "dated_note_ja": dated_share_note(supply, year, "ja"),
    }


#: the years ``GET /api/fabs?year=`` accepts (the registry's, as `chipshock fabs --year`); a
#: fab's ``producing_from_year`` and ``producing_until_year`` are these ends where the registry
#: gives it no first or last year
FAB_YEAR_FIRST, FAB_YEAR_LAST = REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR


def capacity_steps(fab_capacity: pd.DataFrame, fabs: pd.DataFrame) -> dict[str, list[list[float]]]:
    """Per fab with ``fab_capacity.csv`` rows, its capacity as the model holds it year by year
    (300mm-equivalent wafers/month summed over its node classes, by `capacity_at`, the rule of
    `chipshock fabs --capacity-in YEAR`), as ``[[year, wspm], ...]`` at each year it changes,
    from the first year of its rows: a fab's capacity in year Y is the last step at or before
    Y (none before the first). The map sizes a fab by it at the slider's year."""
    if fab_capacity.empty:
        return {}
    years = fab_capacity["year"].astype(int)
    out: dict[str, list[list[float]]] = {}
    for year in range(int(years.min()), int(years.max()) + 1):
        in_force = capacity_at(fab_capacity, fabs, year)
        totals = in_force.groupby("fab_id")["capacity_wspm"].sum()
        for fab_id in set(out) | set(totals.index):
            value = float(totals.get(fab_id, 0.0))
            fab_steps = out.setdefault(str(fab_id), [])
            if not fab_steps or fab_steps[-1][1] != value:
                fab_steps.append([year, value])
    return out


@router.get("/fabs", response_model=TableResponse, summary="Fab registry")
def fabs(
    state: State,
    country: CodeList = [],  # noqa: B006 - FastAPI copies query defaults
    status: Annotated[
        list[Annotated[str, Query(max_length=MAX_TEXT)]],
        Query(max_length=MAX_ITEMS, description=", ".join(FAB_STATUSES)),
    ] = [],  # noqa: B006
    year: Annotated[int | None, Query(ge=FAB_YEAR_FIRST, le=FAB_YEAR_LAST)] = None,
    node_class: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    operator: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """Fabs with operator, location (``region_or_city``, and ``region_or_city_ja``: its Japanese
    name from place_names_ja.csv, null where that file has none: show the English then),
    node, capacity (wafer starts per month), status, funding;
    ``capacity_300mm_wspm`` and ``capacity_basis``: without ``year``, the capacity the map
    sizes a fab by at no year, in 300mm-equivalent wafers/month
    (`chipshock.analysis.registry.fab_capacity_300mm`; the figure `chipshock fabs` shows);
    with ``year=``, the fabs `chipshock fabs --year` lists and each one's capacity in that
    year (`chipshock.analysis.fab_years.fabs_in_year`: dated by the registry and with capacity
    in the model that year; packaging sites by the registry's dates, capacity null), and
    ``left_out`` (``[{fab_id, name, name_ja, reason}]``) with ``left_out_note`` /
    ``left_out_note_ja``: the wafer fabs the registry dates by then that have no capacity in
    the model that year, as the CLI's caption names them; ``year_note`` / ``year_note_ja``: for a
    ``year`` outside the model's years (2022–2040, those of /api/capacity), that each fab's
    capacity then is the registry's figure, not the model's (null for a year of the model);
    ``producing_from_year`` and
    ``producing_until_year``: the first and last year ``year=`` lists the fab (the rule of
    `chipshock fabs --year` and of the map's year slider), 1950 and 2100 where it is listed
    at those ends, both null for a fab ``year=`` never lists (cancelled, on hold, undated,
    closed without a closing year, or a wafer fab with no capacity in the model);
    ``registry_from_year`` and ``registry_until_year``: the same by the registry's dates alone
    (`chipshock.analysis.alliance.filter_fabs`; the map counts the fabs between the two
    ranges as left out); ``capacity_300mm_steps``: for a fab with ``fab_capacity.csv`` rows,
    its capacity year by year as ``[[year, wspm], ...]`` at each change (`capacity_steps`, the
    rule of `chipshock fabs --capacity-in YEAR`), by which the map sizes it at the slider's
    year, else null. An ``operator`` that no fab's operator contains is a 404 naming the close
    ones (`unknown_operator`, as `chipshock fabs --operator`)."""
    codes, statuses = state.expand_filter(codes_of(country)), codes_of(status)
    registry = state.alliance.fabs
    if operator and filter_fabs(registry, operator=operator).empty:
        # a 404 naming the close operators, as `chipshock fabs --operator` refuses it
        raise unknown_operator(operator, registry["operator"], "operator")

    def build() -> dict[str, Any]:
        df = filter_fabs(
            registry,
            country=codes,
            status=statuses,
            year=year,
            node_class=node_class,
            operator=operator,
        )
        params = {
            "country": list(codes),
            "status": list(statuses),
            "year": year,
            "node_class": node_class,
            "operator": operator,
        }
        capacity = state.alliance.fab_capacity
        extra: dict[str, Any] = {}
        if year is None:
            df = df.merge(fab_capacity_300mm(registry, capacity), on="fab_id", how="left")
        else:
            # that year's capacity and the fabs left out, as `chipshock fabs --year` has them
            in_year = fabs_in_year(df, registry, capacity, year)
            df = in_year.listed
            extra = left_out_payload(in_year, registry)
            # a year the model does not hold: what its capacity is, as the CLI's caption says
            extra["year_note"], extra["year_note_ja"] = (
                fab_year_note(year, "en"),
                fab_year_note(year, "ja"),
            )
        years = state.cache.get_or_compute(
            ("fabs", "listed years"),
            lambda: listed_years(registry, capacity, FAB_YEAR_FIRST, FAB_YEAR_LAST).rename(
                columns={
                    "listed_from_year": "producing_from_year",
                    "listed_until_year": "producing_until_year",
                }
            ),
        )
        steps = state.cache.get_or_compute(
            ("fabs", "capacity steps"), lambda: capacity_steps(capacity, registry)
        )
        df = df.merge(years, on="fab_id", how="left")
        df["capacity_300mm_steps"] = [steps.get(str(f)) for f in df["fab_id"]]
        # the country's Japanese name beside its code (review 16, finding 8)
        df["country_ja"] = [countries_label(c, "ja") for c in df["country"]]
        return _table(state.curated_meta("fabs.csv", registry), params, df) | extra

    return respond(state, ("fabs", codes, statuses, year, node_class, operator), build)


@router.get("/partnerships", response_model=TableResponse, summary="Alliance partnerships")
def partnerships(
    state: State,
    country: CodeList = [],  # noqa: B006
    kind: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=FAB_YEAR_FIRST, le=FAB_YEAR_LAST)] = None,
) -> Response:
    """Partnerships and public funding; ``anchors`` gives map coordinates of each party country;
    ``amount_text``/``amount_text_ja``: the amount as every surface writes it; ``summary`` and
    ``summary_ja`` (chipshock's Japanese translation of it); ``technology`` and
    ``technology_ja`` (in Japanese terms; null where not given: show the English then);
    ``parties`` and ``parties_ja`` (the parties by their Japanese names, separated by 、)."""
    codes = state.expand_filter(codes_of(country))

    def build() -> dict[str, Any]:
        df = filter_partnerships(
            state.alliance.partnerships, country=codes, kind=kind, status=status, year=year
        )
        out = _table(
            state.curated_meta("partnerships.csv", state.alliance.partnerships),
            {"country": list(codes), "kind": kind, "status": status, "year": year},
            with_amount_text(df),
        )
        out["anchors"] = {k: list(v) for k, v in COUNTRY_ANCHORS.items()}
        return out

    return respond(state, ("partnerships", codes, kind, status, year), build)


@router.get("/deliverables", response_model=TableResponse, summary="U.S.–Japan deliverables")
def deliverables(
    state: State,
    country: CodeList = [],  # noqa: B006
    sector: Annotated[str | None, Query(max_length=100)] = None,
    kind: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """The April 2024 U.S.–Japan summit deliverables: who committed what, where, how much.

    ``rows`` lists every row, with ``is_umbrella`` (an umbrella total, not to be added to its
    parts), ``is_context`` (note beginning "Context": not a deliverable of the visit),
    ``amount_text``/``amount_text_ja`` (the amount as every surface writes it, in millions below
    USD 1 bn), ``summary``/``summary_ja`` (chipshock's Japanese translation of the
    summary), ``location``/``location_ja`` (null where not given: show the English then),
    ``actor_ja`` and ``counterpart_ja`` (chipshock's Japanese renderings of the actor and the
    counterpart; the latter null where ``counterpart`` is) and ``actor_country_ja`` (the
    codes of ``actor_country`` by their Japanese names: 米国・日本).
    ``chart`` and ``total`` (``usd``, ``n_counted``, ``text`` in en and ja) add only
    the rows `chipshock.analysis.alliance.counted_in_totals` keeps: no umbrella (but the
    remainder of one whose named parts fall short of it, ``umbrella_remainder_usd``), no context
    row, as `chipshock report --alliance` and `chipshock deliverables --totals` do."""
    codes = state.expand_filter(codes_of(country))

    def build() -> dict[str, Any]:
        df = filter_deliverables(
            state.alliance.deliverables, country=codes, sector=sector, kind=kind
        )
        params = {"country": list(codes), "sector": sector, "kind": kind}
        meta = state.curated_meta("alliance_deliverables.csv", state.alliance.deliverables)
        # the countries by their Japanese names beside the codes (review 16, finding 8)
        named = df.assign(actor_country_ja=[countries_label(c, "ja") for c in df["actor_country"]])
        payload = _charted(
            _table(meta, params, with_amount_text(named)), lambda lang: tracker_chart(df, lang)
        )
        counted = counted_in_totals(df)
        payload["total"] = {
            "usd": float(counted_amounts(df).sum()),
            "n_counted": int(counted.sum()),
            "text": {lang: tracker_total_text(df, lang) for lang in LANGS},
        }
        return payload

    return respond(state, ("deliverables", codes, sector, kind), build)


@router.get("/tracker", response_model=TableResponse, summary="Alliance tracker: milestones")
def tracker(
    state: State,
    country: CodeList = [],  # noqa: B006
    status: Annotated[
        list[Annotated[str, Query(max_length=MAX_TEXT)]],
        Query(max_length=MAX_ITEMS, description=", ".join(TRACKER_STATUSES)),
    ] = [],  # noqa: B006
) -> Response:
    """The semiconductor items of the April 2024 U.S.–Japan visit and the milestones since, each
    with its status (announced, under-way, done, delayed, cancelled), ``status_as_of`` and source:
    the rows of ``chipshock deliverables --status`` (same function, `tracker_view`), items first
    and each item's milestones after it. ``counts`` gives the rows per status (all rows);
    ``parts_text`` (en, ja) counts the visit's own rows apart from the context rows (``part``:
    U.S. CHIPS Act fabs without a Japanese party) and says how many involve both countries
    (``both``). ``event_date_text``/``event_date_text_ja`` put beside a fab's date the year the
    model counts its volume from (``model_volume_year``, fab_capacity.csv). Each row has
    ``stale``: an open status checked more than ``stale.months`` (12) months before the data
    release's date (``stale.release``, ``stale.release_date``; `chipshock data info`), i.e.
    before ``stale.before``; ``stale.n`` counts them all, ``stale.visit`` and ``stale.context``
    (``n`` stale of ``open``) the visit's own rows apart from the context rows, and
    ``stale.caption`` says so in en and ja, as the CLI and the report."""
    codes, statuses = state.expand_filter(codes_of(country)), codes_of(status)
    for s in statuses:
        if s not in TRACKER_STATUSES:
            raise InputError(
                Problem(
                    "unknown status",
                    field="status",
                    value=s,
                    expected="one of " + ", ".join(TRACKER_STATUSES),
                )
            )

    def build() -> dict[str, Any]:
        release = DataRelease.from_meta(load_table(state.config.db_path, "meta"))
        df = tracker_view(
            state.alliance.alliance_tracker,
            statuses,
            codes,
            release=release,
            capacity=state.alliance.fab_capacity,
        )
        df = df.assign(
            event_date_text=tracker_date_texts(df, "en"),
            event_date_text_ja=tracker_date_texts(df, "ja"),
        )
        meta = state.curated_meta("alliance_tracker.csv", state.alliance.alliance_tracker)
        out = _table(meta, {"country": list(codes), "status": list(statuses)}, df)
        out["counts"] = {str(k): int(v) for k, v in df["status"].value_counts().items()}
        out["parts_text"] = {lang: tracker_parts_text(df, lang) for lang in LANGS}
        out["statuses"] = list(TRACKER_STATUSES)
        out["stale"] = {
            "n": int(df["stale"].sum()),
            **tracker_stale_counts(df),  # the visit's own rows apart from the context rows
            "months": STALE_AFTER_MONTHS,
            "overdue_months": dict(OVERDUE_AFTER_MONTHS),
            "release": release.number,
            "release_date": release.date,
            "before": stale_cutoff(release.date).isoformat(),
            "caption": {lang: tracker_stale_caption(df, release, lang) for lang in LANGS},
        }
        return out

    return respond(state, ("tracker", codes, statuses), build)
