"""Country groups in the API: the list of groups, and coalition, Shapley and synergy over
country codes, group codes (EU27, CHIP4, QUAD, G7, ...) and groups defined in the request.

GET routes take user groups as ``group=NAME=USA,JPN`` query values; the POST routes take a JSON
body with a ``groups`` object ``{"MYBLOC": ["USA", "JPN", "NLD"]}``. Both answer the same
payload; a bad group is a 422 naming ``group.NAME`` or ``groups.NAME``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from chipshock.analysis.coalition import coalition_coverage
from chipshock.analysis.groups import group_members, group_table, parse_group_spec, region_rows
from chipshock.analysis.shapley import check_disjoint, shapley, synergy
from chipshock.api.routes_structure import (
    CodeList,
    GroupList,
    Pct,
    State,
    codes_of,
    need,
    with_ja,
)
from chipshock.api.schemas import ResultResponse, TableResponse
from chipshock.api.state import AppState, respond
from chipshock.model.groups import ResolvedCodes
from chipshock.present.charts_structure import both_languages, shapley_chart, synergy_chart
from chipshock.present.coverage_notes import coalition_scope
from chipshock.present.group_notes import asked_sentences
from chipshock.present.jsonable import to_jsonable

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["groups"])


@router.get("/groups", response_model=TableResponse, summary="Country groups")
def groups_route(state: State) -> Response:
    """Built-in country groups (country_groups.csv): ``rows`` of ``group_code``,
    ``n_members``, ``members``, ``members_with_data``, ``members_without_data``, ``source_url``,
    ``as_of``, ``confidence``, ``note``; ``countries``: every country code of the ETO data;
    ``regions``: the group codes that are also providers of the ETO data (``EUR``, "Europe")
    with the rows they hold of their own, which only that code counts (EU27 does not)."""

    def build() -> dict[str, Any]:
        known = state.known_codes()
        return {
            "meta": state.curated_meta("country_groups.csv", state.groups),
            "params": {},
            "rows": to_jsonable(group_table(state.groups, known)),
            "countries": sorted(known),
            "regions": [r.as_dict() for r in region_rows(state.chain, state.groups).values()],
        }

    return respond(state, ("groups",), build)


def user_key(user: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable form of user groups, for the response cache."""
    return tuple(sorted((k, tuple(v)) for k, v in user.items()))


def query_groups(state: AppState, specs: Sequence[str]) -> dict[str, list[str]]:
    """``group=NAME=USA,JPN`` query values, checked and expanded (errors name ``group``)."""
    defined: dict[str, list[str]] = {}
    for spec in specs:
        name, members = parse_group_spec(spec, "group")
        defined[name] = members
    return state.user_groups(defined, "group")


def _answer(
    state: AppState,
    params: dict[str, Any],
    user: Mapping[str, Sequence[str]],
    *resolved: ResolvedCodes,
) -> dict[str, Any]:
    """The part every group answer shares: the ETO source, the request's parameters with the
    groups it defined, which groups were expanded, which members have no data, and which
    regions' own rows (the ETO's ``EUR``) a group's members do not count (``regions_left_out``);
    ``note``: all of it in one line, as the CLI prints it; ``note_ja``: the same in Japanese, in
    the words of the coalition briefing's first page (`asked_sentences`), empty as ``note`` is
    when no group was expanded and no member lacks data; ``scope`` (en, ja): what the values
    count, and that wafer fabrication capacity is not among it (`coalition_scope`)."""
    regions = {x.code: x for r in resolved for x in r.regions_left_out}
    expanded = {g: m for r in resolved for g, m in r.expanded.items()}
    without = list(dict.fromkeys(c for r in resolved for c in r.without_data))
    return {
        "meta": state.eto_meta(),
        "params": {**params, "groups": {k: list(v) for k, v in user.items()}},
        "expanded": expanded,
        "without_data": without,
        "regions_left_out": [x.as_dict() for x in regions.values()],
        "note": "; ".join(n for r in resolved if (n := r.note())),
        "note_ja": "".join(asked_sentences(expanded, without, list(regions.values()), "ja")),
        "scope": {lang: coalition_scope(lang) for lang in ("en", "ja")},
    }


def coalition_payload(
    state: AppState,
    countries: Sequence[str],
    user: Mapping[str, Sequence[str]],
    threshold: float,
    level: str,
) -> dict[str, Any]:
    """The body of a coalition answer (GET and POST)."""
    codes = need(tuple(countries), "countries")
    resolved = state.resolve(codes, "countries", user)
    r = coalition_coverage(state.coalition, resolved.codes, threshold=threshold, level=level)
    params = {"countries": list(codes), "threshold": threshold, "level": level}
    return {
        **_answer(state, params, user, resolved),
        "members": list(r.members),
        "summary": to_jsonable(r.summary),
        "coverage": to_jsonable(with_ja(r.coverage)),
        "weak_links": to_jsonable(with_ja(r.weak_links)),
        "stages": to_jsonable(r.stages),
    }


def shapley_payload(
    state: AppState,
    countries: Sequence[str],
    user: Mapping[str, Sequence[str]],
    threshold: float,
    weight: str,
    samples: int,
    seed: int,
) -> dict[str, Any]:
    """The body of a Shapley answer (GET and POST): one player per member country."""
    codes = need(tuple(countries), "countries")
    resolved = state.resolve(codes, "countries", user)
    r = shapley(
        state.coalition,
        resolved.codes,
        threshold=threshold,
        weight=weight,
        rng=seed,
        samples=samples,
    )
    params = {
        "countries": list(codes),
        "threshold": threshold,
        "weight": weight,
        "samples": samples,
        "seed": seed,
    }
    return {
        **_answer(state, params, user, resolved),
        "members": resolved.codes,
        "method": r.method,
        "v_all_pct": r.v_all_pct,
        "v_none_pct": r.v_none_pct,
        "seed": r.seed,
        "value_function": r.value_function,
        "rows": to_jsonable(r.table_pct()),  # percent, as `chipshock shapley --format json`
        "chart": both_languages(lambda lang: shapley_chart(r.table, lang)),
    }


def synergy_payload(
    state: AppState,
    a: Sequence[str],
    b: Sequence[str],
    user: Mapping[str, Sequence[str]],
    threshold: float,
    weight: str,
) -> dict[str, Any]:
    """The body of a synergy answer (GET and POST). Groups that share a country are refused
    (422, `GroupOverlapError`; its ``overlap`` object names the shared countries and each
    group's rest): v(A) and v(B) would both count the shared ones."""
    ga, gb = need(tuple(a), "a"), need(tuple(b), "b")
    ra, rb = state.resolve(ga, "a", user), state.resolve(gb, "b", user)
    extra = "".join(f"&group={name}={','.join(codes)}" for name, codes in user.items())
    extra += f"&threshold={threshold:g}" if threshold != 50.0 else ""
    check_disjoint(
        ra.codes,
        rb.codes,
        names=(",".join(ga), ",".join(gb)),
        field="b",
        ask=lambda x, y: (
            f"GET /api/synergy?a={x}&b={y}{extra}"
            + (f"&weight={weight}" if weight != "count" else "")
        ),
        together=lambda x, y: f"GET /api/coalition?countries={x},{y}{extra}",
        without_data=(ra.without_data, rb.without_data),
        unnamable=group_members(state.groups),  # EUR: asking for it brings its members
    )
    r = synergy(state.coalition, ra.codes, rb.codes, threshold=threshold, weight=weight)
    params = {"a": list(ga), "b": list(gb), "threshold": threshold, "weight": weight}
    return {
        **_answer(state, params, user, ra, rb),
        "group_a": list(r.group_a),
        "group_b": list(r.group_b),
        **r.values_pct(),  # percent, as `chipshock synergy --format json`
        "ratio": r.ratio,
        "counts": r.counts(),  # inputs each side covers, when v counts inputs (else null)
        "value_function": r.value_function,
        "union_only": to_jsonable(with_ja(r.union_only)),
        "chart": both_languages(  # named as asked (a group code stays one name)
            lambda lang: synergy_chart(ga, gb, r.v_a, r.v_b, r.v_union, lang)
        ),
    }


# One answer per request, whether its groups come as query values (GET) or in a body (POST):
# the same payload under the same cache key.


def coalition_answer(
    state: AppState,
    codes: tuple[str, ...],
    user: Mapping[str, Sequence[str]],
    threshold: float,
    level: str,
) -> Response:
    """A coalition answer, cached (GET and POST)."""
    return respond(
        state,
        ("coal", codes, user_key(user), threshold, level),
        lambda: coalition_payload(state, codes, user, threshold, level),
    )


def shapley_answer(
    state: AppState,
    codes: tuple[str, ...],
    user: Mapping[str, Sequence[str]],
    threshold: float,
    weight: str,
    samples: int,
    seed: int,
) -> Response:
    """A Shapley answer, cached (GET and POST)."""
    return respond(
        state,
        ("shap", codes, user_key(user), threshold, weight, samples, seed),
        lambda: shapley_payload(state, codes, user, threshold, weight, samples, seed),
    )


def synergy_answer(
    state: AppState,
    ga: tuple[str, ...],
    gb: tuple[str, ...],
    user: Mapping[str, Sequence[str]],
    threshold: float,
    weight: str,
) -> Response:
    """A synergy answer, cached (GET and POST)."""
    return respond(
        state,
        ("syn", ga, gb, user_key(user), threshold, weight),
        lambda: synergy_payload(state, ga, gb, user, threshold, weight),
    )


@router.get("/coalition", response_model=ResultResponse, summary="Coalition coverage")
def coalition_route(
    state: State,
    countries: CodeList,
    threshold: Pct = 50.0,
    level: Annotated[Literal["leaf", "top"], Query()] = "leaf",
    group: GroupList = [],  # noqa: B006
) -> Response:
    """How much of each input a group of countries supplies, and its weakest links.

    ``countries`` may hold group codes (EU27, CHIP4, QUAD, G7; GET /api/groups) and names
    defined by ``group=NAME=USA,JPN``."""
    return coalition_answer(
        state, codes_of(countries), query_groups(state, group), threshold, level
    )


@router.get("/shapley", response_model=ResultResponse, summary="Shapley values")
def shapley_route(
    state: State,
    countries: CodeList,
    threshold: Pct = 50.0,
    weight: Annotated[Literal["count", "market"], Query()] = "count",
    samples: Annotated[int, Query(ge=10, le=5000)] = 2000,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
    group: GroupList = [],  # noqa: B006
) -> Response:
    """Each member's fair share of what the coalition covers (exact up to 12 members); group
    codes in ``countries`` become their member countries, each one player. In percent of the
    inputs assessed: ``rows`` of ``shapley_pct``, ``std_error_pct``, ``share_of_total_pct``
    (of v(all) − v(none)), ``standalone_pct``; ``v_all_pct``, ``v_none_pct``."""
    user = query_groups(state, group)
    return shapley_answer(state, codes_of(countries), user, threshold, weight, samples, seed)


@router.get("/synergy", response_model=ResultResponse, summary="Synergy of two groups")
def synergy_route(
    state: State,
    a: CodeList,
    b: CodeList,
    threshold: Pct = 50.0,
    weight: Annotated[Literal["count", "market"], Query()] = "count",
    group: GroupList = [],  # noqa: B006
) -> Response:
    """Is 1+1 more than 2? v(A∪B) − v(A) − v(B) and the inputs only the union covers: ``v_a_pct``,
    ``v_b_pct``, ``v_union_pct`` (percent of the inputs assessed), ``synergy_pct`` (percentage
    points), ``ratio`` v(A∪B) / (v(A) + v(B))."""
    user = query_groups(state, group)
    return synergy_answer(state, codes_of(a), codes_of(b), user, threshold, weight)


Code = Annotated[str, Field(min_length=1, max_length=16)]
Codes = Annotated[list[Code], Field(min_length=1, max_length=50)]
UserGroups = Annotated[
    dict[Code, Annotated[list[Code], Field(max_length=50)]],
    Field(
        max_length=20,
        description="Groups defined for this request, usable in the codes: "
        '{"MYBLOC": ["USA", "JPN", "NLD"]}. Names may not be country or built-in group codes; '
        "members are country codes, built-in groups or other groups of this object.",
    ),
]
#: a percent (NaN and infinity refused as not finite, as `Pct` in a query)
PctField = Annotated[
    float, Field(ge=0.0, le=100.0, allow_inf_nan=False, description="Percent, 0–100.")
]


class CoalitionRequest(BaseModel):
    """Coalition coverage of countries and groups (strict JSON)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    countries: Codes = Field(examples=[["MYBLOC", "KOR"]])
    groups: UserGroups = Field(default_factory=dict, examples=[{"MYBLOC": ["USA", "JPN", "NLD"]}])
    threshold: PctField = 50.0
    level: Literal["leaf", "top"] = "leaf"


class ShapleyRequest(BaseModel):
    """Shapley values of the member countries of countries and groups (strict JSON)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    countries: Codes = Field(examples=[["CHIP4", "NLD"]])
    groups: UserGroups = Field(default_factory=dict)
    threshold: PctField = 50.0
    weight: Literal["count", "market"] = "count"
    samples: int = Field(default=2000, ge=10, le=5000)
    seed: int = Field(default=0, ge=0, le=2**32 - 1)


class SynergyRequest(BaseModel):
    """Synergy of two selections of countries and groups (strict JSON)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    a: Codes = Field(examples=[["USA"]])
    b: Codes = Field(examples=[["MYBLOC"]])
    groups: UserGroups = Field(default_factory=dict)
    threshold: PctField = 50.0
    weight: Literal["count", "market"] = "count"


@router.post("/coalition", response_model=ResultResponse, summary="Coalition coverage (body)")
def coalition_post(state: State, body: CoalitionRequest) -> Response:
    """As GET /api/coalition, with groups defined in the body."""
    user = state.user_groups(body.groups)
    return coalition_answer(state, tuple(body.countries), user, body.threshold, body.level)


@router.post("/shapley", response_model=ResultResponse, summary="Shapley values (body)")
def shapley_post(state: State, body: ShapleyRequest) -> Response:
    """As GET /api/shapley, with groups defined in the body."""
    user, b = state.user_groups(body.groups), body
    return shapley_answer(state, tuple(b.countries), user, b.threshold, b.weight, b.samples, b.seed)


@router.post("/synergy", response_model=ResultResponse, summary="Synergy (body)")
def synergy_post(state: State, body: SynergyRequest) -> Response:
    """As GET /api/synergy, with groups defined in the body."""
    user = state.user_groups(body.groups)
    return synergy_answer(state, tuple(body.a), tuple(body.b), user, body.threshold, body.weight)
