"""Compile a `Scenario` and `ModelData` into plain arrays (`Prepared`) and draw per-run
parameters (`Draws`). Both the vectorised engine and the reference loop read only these.

The compile steps live in the parts of the model: `chipshock.sim.network` (producers, their
capacity and sourcing, interventions that switch fabs off or on, substitution groups),
`chipshock.sim.demand` (demand, chip and output value, priorities), `chipshock.sim.shocks`
(hit masks, documented there; supply weights and requirement terms of inputs, incl. the ATP
stage S3), `chipshock.sim.assumptions` (the assumptions table) and `chipshock.sim.draws`
(per-run parameters).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import InputError, ValidationFailed
from chipshock.model.market_schema import MARKETS
from chipshock.scenarios._validate import check_assumption_ids
from chipshock.scenarios.groups import GroupExpansion, expand_groups
from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import invalid_value
from chipshock.sim.assumptions import assumption_rows, complementarity
from chipshock.sim.data import ModelData, num
from chipshock.sim.demand.markets import market_arrays, market_country_output
from chipshock.sim.draws import Draws, draw_parameters, scaled
from chipshock.sim.network.cache import NETWORK_TABLES, network_of, tables_digest
from chipshock.sim.network.interventions import partnership_fabs, switched_fabs
from chipshock.sim.network.producers import Network
from chipshock.sim.network.regional import no_supply_note, shock_targets
from chipshock.sim.network.sourcing import sourcing_shares
from chipshock.sim.network.substitution import LEADING_EDGE, operator_groups
from chipshock.sim.shocks.compile import compile_shocks
from chipshock.sim.shocks.inputs import WEIGHT_TABLES, Weights, input_weights
from chipshock.sim.units import WEEKLY_FACTOR, WEEKS_PER_YEAR

__all__ = [
    "SHOCK_CODE_TABLES",
    "WEEKLY_FACTOR",
    "WEEKS_PER_YEAR",
    "DeferredTable",
    "Draws",
    "Prepared",
    "SharedReads",
    "ShockCodes",
    "draw_parameters",
    "expand_shock_groups",
    "partnership_fabs",
    "prepare",
    "scaled",
    "scenario_network",
    "switched_fabs_of",
]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


class DeferredTable:
    """A table made by ``make`` when it is first read (`table`), then kept: for a table that
    only documents a compile (the assumptions table) and that most compiles of a sensitivity
    analysis never read (building it was ~23% of a Sobol analysis). Pickled (a compile sent to
    Dask workers), it is the table itself, not what ``make`` holds (the whole `ModelData`)."""

    def __init__(self, make: Callable[[], pd.DataFrame]) -> None:
        self._make = make
        self._table: pd.DataFrame | None = None

    def table(self) -> pd.DataFrame:
        """The table (made by the first call; two threads may both make it, alike)."""
        if self._table is None:
            self._table = self._make()
        return self._table

    def __reduce__(self) -> tuple[Callable[[pd.DataFrame], DeferredTable], tuple[pd.DataFrame]]:
        return _made, (self.table(),)


def _made(table: pd.DataFrame) -> DeferredTable:
    """A `DeferredTable` made already (how one is unpickled)."""
    made = DeferredTable(table.copy)
    made._table = table
    return made


@dataclass(frozen=True, eq=False)
class Prepared:
    """Everything the weekly loop needs, as arrays. Axes: R regions, C classes, M markets,
    P producers, S shocks, A affected inputs, K affected countries, G affected firms,
    J requirement terms on affected inputs, Y years."""

    regions: tuple[str, ...]
    classes: tuple[str, ...]
    markets: tuple[str, ...]
    years: tuple[int, ...]
    n_weeks: int
    first_shock_week: int
    producers: tuple[str, ...]  # P producer ids
    prod_class: I64  # [P] node class index
    prod_region: I64  # [P] region index
    prod_group: I64  # [P] operator group (same operator and class)
    prod_country: tuple[str, ...]  # [P] fab country, region code for "other fabs"
    n_groups: int
    prod_cap: F64  # [P, Y] capacity, k-wafers/week
    share: F64  # [M, P, Y] share of market m's class-c(p) demand served by p
    leading_edge: npt.NDArray[np.bool_]  # [C] classes whose cross-operator delay is d_lead
    demand: F64  # [M, C, Y] k-wafers/week
    usd_per_wafer: F64  # [C]
    value_multiplier: F64  # [M]
    output_value_usd: F64  # [M, Y] weekly downstream output value V[m, y], USD
    complementarity: float  # 1 = Leontief min over classes, 0 = chip-value-weighted mean
    priority: F64  # [M]
    shock_start: I64  # [S]
    shock_kind: tuple[str, ...]
    prod_hit: F64  # [S, P] 1 where the shock takes the producer's output
    demand_hit: F64  # [S, M, C] +1 surge / -1 slump where a demand shock applies
    inputs: tuple[str, ...]  # A
    input_is_material: npt.NDArray[np.bool_]  # [A]
    countries: tuple[str, ...]  # K
    country_w: F64  # [A, K]
    country_hit: F64  # [S, K]
    export_mask: F64  # [S, A, K, E] 1 where export shock s cuts flow (a, k -> export zone e)
    prod_zone: I64  # [P] input zone of each producer (`shocks.compile._input_zones`)
    zone_export: I64  # [Z] export zone of each input zone (zones differing by operator only
    # share one: the same supply, so the same stocks and tool states)
    prod_export: I64  # [P] export zone of each producer
    has_export: bool
    firms: tuple[str, ...]  # G
    firm_w: F64  # [A, G]
    firm_hit: F64  # [S, G]
    input_hit: F64  # [S, A]
    term_class: I64  # [J]
    term_input: I64  # [J] index into A
    term_crit: F64  # [J]
    term_market: I64  # [J] market a term binds (-1: the whole class, every market)
    term_exempt: tuple[frozenset[str], ...]  # [J] operators whose fabs a term does not bind
    zone_operator: tuple[str, ...]  # [Z] operator of an input zone's producers where a term
    # exempts it ("": none)
    prod_operator: tuple[str, ...]  # [P] operator of each producer, a remainder's counted
    # operator (remainder_operators.csv) or else other:<REGION> (`Producer.exempt_id`: the
    # oracle's exemptions)
    term_lambda: F64  # [J] erosion per week when cut (tools), 0 for materials
    term_subs: tuple[tuple[int, ...], ...]  # substitute term indices (-1 - a: supply of input a)
    term_active: npt.NDArray[np.bool_]  # [J] counts in g (input and substitutes all affected)
    tolerance: float
    window: int
    mco_countries: tuple[str, ...]
    mco: F64  # [M, N] market -> country output share (fractions)
    lead_time_weeks: float  # normal order-to-delivery lead time, weeks
    va_market: F64  # [M] value added per USD of downstream gross output
    va_chips: float  # value added per USD of chip sales
    #: the assumptions table (`assumptions`), made when first read; not an engine array, so
    #: not compared where compiles are (`chipshock.sim.sobol_batch`)
    deferred_assumptions: DeferredTable = field(
        repr=False, compare=False, default_factory=lambda: DeferredTable(pd.DataFrame)
    )

    @property
    def assumptions(self) -> pd.DataFrame:
        """Every data row the run uses (`chipshock.sim.assumptions.assumption_rows`), made when
        first read: a run's result shows it, the compiles of a sensitivity analysis never
        read it."""
        return self.deferred_assumptions.table()


def _check_horizon(scenario: Scenario, data: ModelData) -> tuple[int, int]:
    lo, hi = int(data.assumption("horizon_min_year")), int(data.assumption("horizon_max_year"))
    if not lo <= scenario.start_year <= hi:
        raise invalid_value(
            "start_year", scenario.start_year, f"a year in {lo}..{hi} (what the data supports)"
        )
    if not scenario.start_year <= scenario.end_year <= hi:
        raise invalid_value("end_year", scenario.end_year, f"a year in {scenario.start_year}..{hi}")
    if scenario.runs < 1:
        raise invalid_value("runs", scenario.runs, "at least 1")
    return lo, hi


def _required(data: ModelData, name: str) -> float:
    """A model_assumptions row the engine needs (an error naming it if absent)."""
    try:
        return data.assumption(name)
    except KeyError:
        raise invalid_value(
            f"model_assumptions.{name}", "missing", "a row in model_assumptions.csv"
        ) from None


def switched_fabs_of(scenario: Scenario, data: ModelData) -> list[str]:
    """The fab ids ``scenario`` switches off (``fabs_off`` and ``partnership_off``)."""
    mk = tuple(m for m in MARKETS if m in set(data.end_markets["market_id"].astype(str)))
    return switched_fabs(scenario, data, mk)[0]


#: the tables `ShockCodes.of` reads (`ModelData.country_codes`, `shock_targets`,
#: `no_supply_note`): `SharedReads` serves data holding the same objects of these
SHOCK_CODE_TABLES = (
    "input_country_shares",
    "raw_materials",
    "fabs",
    "regional_capacity",
    "material_country_shares",
    "country_groups",
    "market_country_output",
)


@dataclass(frozen=True, eq=False)
class ShockCodes:
    """What the data says of the codes a shock may name, as `expand_shock_groups` reads it:
    every code the data knows (`ModelData.country_codes`), those a shock takes as themselves
    (`shock_targets`) and why any other code of a group hits nothing (`no_supply_note`)."""

    known: tuple[str, ...]
    targets: tuple[str, ...]
    explain: Callable[[str], tuple[str, str]]

    @staticmethod
    def of(data: ModelData) -> ShockCodes:
        """The codes of ``data``."""
        return ShockCodes(data.country_codes, shock_targets(data), no_supply_note(data))


class SharedReads:
    """What the compiles of one batch over unchanged data read alike, read once: the sides of
    a contribution analysis (`chipshock.sim.run.contributions`), which differ only in the fabs
    switched, and of a tornado (`chipshock.sim.sensitivity`), which differ in one assumption
    each, read the same digest of the network's tables (`tables_digest`), the same inputs'
    weights (`input_weights`) and the same codes a shock may name (`ShockCodes`). The
    assumptions table is not among them: a compile makes it only when it is read
    (`Prepared.assumptions`), and no batch reads it.

    Each method returns what its function returns for the same arguments, the first time by
    calling it, then from what this object keeps; so `prepare` with one gives, bit for bit,
    what `prepare` without one gives (the tests compare the two). It keeps what it read for
    its own life only (one batch, in one thread: nothing may change the data meanwhile) and
    for the first data it is asked about. Other data is read afresh, except by the reads that
    name their tables (`NETWORK_TABLES`, `WEIGHT_TABLES`, `SHOCK_CODE_TABLES`): data holding
    the very same table
    objects as the first (the data of a tornado or Sobol factor that replaces only the model
    assumptions, `chipshock.sim.sobol_batch`) is served what the first data gave."""

    def __init__(self) -> None:
        self._data: ModelData | None = None
        self._tables: tuple[bytes, ...] | None = None
        self._weights: dict[tuple[str, ...], tuple[Weights, Weights]] = {}
        self._codes: ShockCodes | None = None

    def _serves(self, data: ModelData, tables: Sequence[str] = ()) -> bool:
        """Whether ``data`` is the first data, or (given the ``tables`` a read reads) holds
        the first data's objects for each of them."""
        if self._data is None:
            self._data = data
        first = self._data
        return first is data or (
            bool(tables) and all(getattr(data, t) is getattr(first, t) for t in tables)
        )

    def tables(self, data: ModelData) -> tuple[bytes, ...]:
        """`tables_digest` of ``data``."""
        if not self._serves(data, NETWORK_TABLES):
            return tables_digest(data)
        if self._tables is None:
            self._tables = tables_digest(data)
        return self._tables

    def input_weights(self, data: ModelData, req_inputs: Sequence[str]) -> tuple[Weights, Weights]:
        """`input_weights` of ``data`` and ``req_inputs`` (their dicts are only read)."""
        if not self._serves(data, WEIGHT_TABLES):
            return input_weights(data, req_inputs)
        key = tuple(req_inputs)
        if key not in self._weights:
            self._weights[key] = input_weights(data, req_inputs)
        return self._weights[key]

    def shock_codes(self, data: ModelData) -> ShockCodes:
        """`ShockCodes.of` ``data``."""
        if not self._serves(data, SHOCK_CODE_TABLES):
            return ShockCodes.of(data)
        if self._codes is None:
            self._codes = ShockCodes.of(data)
        return self._codes


def scenario_network(
    scenario: Scenario, data: ModelData, reads: SharedReads | None = None
) -> Network:
    """The producers of ``scenario``'s world (interventions and fab overrides applied); a
    problem found here (an unknown fab, a class the fab has no rows in) names the scenario's
    file, as the parser's problems do. Built once per distinct world and kept
    (`chipshock.sim.network.cache.network_of`): the compiles of a sensitivity analysis, whose
    factors mostly leave the fabs alone, share one network. ``reads``: what a batch of
    compiles reads once (`SharedReads`: here the digest of the network's tables)."""
    mk = tuple(m for m in MARKETS if m in set(data.end_markets["market_id"].astype(str)))
    years = tuple(range(scenario.start_year, scenario.end_year + 1))
    try:
        off, on = switched_fabs(scenario, data, mk)
        tables = None if reads is None else reads.tables(data)
        return network_of(data, years, off, on, scenario.fab_overrides, tables)
    except InputError as exc:
        raise located(exc, scenario) from None


def prepare(
    scenario: Scenario,
    data: ModelData,
    net: Network | None = None,
    reads: SharedReads | None = None,
) -> Prepared:
    """Validate ``scenario`` against ``data`` and compile it to arrays; ``net`` is
    ``scenario_network(scenario, data)`` when the caller has built it already (the network
    does not depend on shock targets); ``reads`` keeps what a batch of compiles over the same
    data reads alike (`SharedReads`). Group codes in shock targets are expanded to their
    members first (`chipshock.scenarios.groups`). A problem found here (an unknown fab, firm,
    input or market) names the scenario's file, as the parser's problems do."""
    try:
        return _prepare(scenario, data, net, reads)
    except InputError as exc:
        raise located(exc, scenario) from None


def located(exc: InputError, scenario: Scenario) -> InputError:
    """``exc`` with the scenario's file named in its problem, where it read one and the
    problem names none (a built-in scenario, or a problem already located, is kept)."""
    source = scenario.source
    if not source or source.startswith("builtin:"):
        return exc
    if isinstance(exc, ValidationFailed):  # every problem of the list located alike
        problems = [p if p.file else dataclasses.replace(p, file=source) for p in exc.problems]
        return type(exc)(problems, context=exc.context)
    if exc.problem.file:
        return exc
    return type(exc)(dataclasses.replace(exc.problem, file=source))


def expand_shock_groups(
    scenario: Scenario, data: ModelData, reads: SharedReads | None = None
) -> tuple[Scenario, tuple[GroupExpansion, ...]]:
    """`chipshock.scenarios.groups.expand_groups` against ``data``: group codes in the shocks
    become their members, a code that can hit nothing is refused with the reason and the
    valid targets (`no_supply_note`, `shock_targets`); also what each group code became.
    ``reads``: what a batch of compiles reads once (`SharedReads`: here the `ShockCodes`)."""
    codes = ShockCodes.of(data) if reads is None else reads.shock_codes(data)
    return _expanded(scenario, data, codes)


def _expanded(
    scenario: Scenario, data: ModelData, codes: ShockCodes
) -> tuple[Scenario, tuple[GroupExpansion, ...]]:
    """`expand_shock_groups` with the data's `ShockCodes` read already."""
    return expand_groups(
        scenario,
        codes.known,
        data.country_groups,
        explain=codes.explain,
        targets=codes.targets,
    )


def _prepare(
    scenario: Scenario, data: ModelData, net: Network | None, reads: SharedReads | None
) -> Prepared:
    codes = ShockCodes.of(data) if reads is None else reads.shock_codes(data)
    scenario, _ = _expanded(scenario, data, codes)
    _check_horizon(scenario, data)
    check_assumption_ids(scenario, data.shock_assumptions["parameter"])
    mk = tuple(m for m in MARKETS if m in set(data.end_markets["market_id"].astype(str)))
    years = tuple(range(scenario.start_year, scenario.end_year + 1))
    n_weeks = len(years) * WEEKS_PER_YEAR
    if net is None:
        net = scenario_network(scenario, data, reads)
    reg, classes = net.regions, net.classes
    mkt = market_arrays(scenario, data, classes, mk, years, net.world)
    S = len(scenario.shocks)
    sh = compile_shocks(
        scenario,
        data,
        net,
        mk,
        input_weights if reads is None else reads.input_weights,
        country_codes=codes.known,
    )
    out_c, mco_arr = market_country_output(data, mk)
    groups, n_groups = operator_groups(net)
    return Prepared(
        regions=reg,
        classes=classes,
        markets=mk,
        years=years,
        n_weeks=n_weeks,
        first_shock_week=int(sh.start.min()) if S else 0,
        producers=tuple(p.producer_id for p in net.producers),
        prod_class=np.array([classes.index(p.node_class) for p in net.producers], dtype=np.int64),
        prod_region=np.array([reg.index(p.region) for p in net.producers], dtype=np.int64),
        prod_group=groups,
        prod_country=tuple(p.country for p in net.producers),
        n_groups=n_groups,
        prod_cap=net.capacity * WEEKLY_FACTOR,
        share=sourcing_shares(data, net, mk, mkt.demand / WEEKLY_FACTOR, scenario.sourcing),
        leading_edge=np.array([c in LEADING_EDGE for c in classes], dtype=bool),
        demand=mkt.demand,
        usd_per_wafer=mkt.usd_per_wafer,
        value_multiplier=mkt.value_multiplier,
        output_value_usd=mkt.output_value_usd,
        complementarity=complementarity(data),
        priority=mkt.priority,
        shock_start=sh.start,
        shock_kind=tuple(x.kind for x in scenario.shocks),
        prod_hit=sh.prod_hit,
        demand_hit=sh.demand_hit,
        inputs=tuple(sh.inputs),
        input_is_material=sh.is_material,
        countries=tuple(sh.countries),
        country_w=sh.country_w,
        country_hit=sh.country_hit,
        export_mask=sh.export_mask,
        prod_zone=sh.prod_zone,
        zone_export=sh.zone_export,
        prod_export=sh.prod_export,
        has_export=bool(sh.export_mask.any()),
        firms=tuple(sh.firms),
        firm_w=sh.firm_w,
        firm_hit=sh.firm_hit,
        input_hit=sh.input_hit,
        term_class=np.array(
            [classes.index(str(r.node_class)) for r in sh.term_rows], dtype=np.int64
        ),
        term_input=np.array(
            [sh.inputs.index(str(r.input_id)) for r in sh.term_rows], dtype=np.int64
        ),
        term_crit=np.array([num(r.criticality) for r in sh.term_rows]),
        term_market=np.array(
            [mk.index(r.market_id) if r.market_id else -1 for r in sh.term_rows], dtype=np.int64
        ),
        term_exempt=tuple(
            frozenset(o for o in str(r.except_operator_ids).split(";") if o) for r in sh.term_rows
        ),
        zone_operator=sh.zone_operator,
        prod_operator=tuple(p.exempt_id for p in net.producers),
        term_lambda=np.array(sh.term_lambda),
        term_subs=tuple(sh.term_subs),
        term_active=np.array(sh.term_active, dtype=bool),
        tolerance=data.assumption("shortfall_tolerance"),
        window=int(data.assumption("recovery_window_weeks")),
        mco_countries=out_c,
        mco=mco_arr,
        lead_time_weeks=data.assumption("normal_lead_time_weeks"),
        va_market=np.array([_required(data, f"value_added_ratio_{m}") for m in mk]),
        va_chips=_required(data, "value_added_ratio_chips"),
        deferred_assumptions=DeferredTable(
            partial(
                assumption_rows,
                data,
                classes,
                mk,
                tuple(sh.inputs),
                year=years[min(int(sh.start.min()) // WEEKS_PER_YEAR, len(years) - 1) if S else 0],
                priorities=scenario.priorities,
                sourcing=scenario.sourcing,
                scenario_file=scenario.source,
            )
        ),
    )
