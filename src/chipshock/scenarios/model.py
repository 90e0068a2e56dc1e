"""Scenario types: frozen values that the parser produces and the engine consumes.

A scenario is data: shocks (what is lost, how badly, for how long, how fast it comes back),
interventions (fabs on or off, stockpiles, inventory policy), a horizon, a number of Monte
Carlo runs, a seed, and the distributions of its uncertain parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

__all__ = [
    "Distribution",
    "FabOverride",
    "Intervention",
    "Scenario",
    "Shock",
    "SourcingShare",
]

DistKind = Literal["fixed", "uniform", "triangular", "normal", "lognormal"]
ShockKind = Literal["country", "firm", "fab", "input", "export_control", "demand"]
InterventionKind = Literal[
    "fabs_off", "fabs_on", "partnership_off", "stockpile", "inventory_policy"
]


@dataclass(frozen=True)
class Distribution:
    """An uncertain parameter: ``fixed`` (low), ``uniform`` (low, high),
    ``triangular`` (low, mode, high), ``normal`` (mean, sd), ``lognormal`` (median ``mean``,
    sigma ``sd``). ``low``/``high`` *truncate* every distribution: a normal or lognormal is
    sampled from its truncated form (inverse CDF on the clipped probability range), never
    clipped afterwards, so no draw falls outside [low, high] and none piles up on a bound."""

    kind: DistKind = "fixed"
    low: float = 0.0
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None

    @staticmethod
    def fixed(value: float) -> Distribution:
        return Distribution("fixed", low=value)

    @property
    def support(self) -> tuple[float, float]:
        """[low, high] of every draw (high = inf if not given): the truncation bounds that the
        parser checks and the engine samples within (`chipshock.sim.params.draw`)."""
        if self.kind == "fixed":
            return (self.low, self.low)
        high = self.high if self.high is not None else float("inf")
        return (self.low, high)

    @property
    def central(self) -> float:
        """A representative value (the mode, mean or midpoint) for reports."""
        if self.kind == "fixed":
            return self.low
        if self.kind == "triangular" and self.mode is not None:
            return self.mode
        if self.kind in ("normal", "lognormal") and self.mean is not None:
            return self.mean
        return (self.low + (self.high if self.high is not None else self.low)) / 2


@dataclass(frozen=True)
class Shock:
    """Availability of a target falls by ``severity`` at ``start`` for ``duration_weeks``, then
    recovers linearly over ``recovery_weeks``.

    ``kind`` and ``targets``: ``country`` (ISO codes: every fab there and every input supplied
    from there), ``firm`` (provider names/ids: the inputs they supply, and their fabs),
    ``fab`` (fab ids), ``input`` (ETO input ids or raw-material ids), ``export_control``
    (flows of ``inputs`` (all if empty) from ``targets`` countries to ``to`` countries stop),
    ``demand`` (market ids: their chip demand in ``classes`` (all if empty) rises by
    ``severity`` (``direction = "surge"``) or falls by it (``"slump"``)).
    """

    kind: ShockKind
    targets: tuple[str, ...]
    start_year: int
    start_week: int = 1  # ISO-like week of the year, 1..52
    duration_weeks: Distribution = field(default_factory=lambda: Distribution.fixed(26))
    severity: Distribution = field(default_factory=lambda: Distribution.fixed(1.0))
    recovery_weeks: Distribution = field(default_factory=lambda: Distribution.fixed(0))
    to: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    label: str = ""
    label_ja: str = ""  # the label in Japanese (reports and views in Japanese; label if empty)
    classes: tuple[str, ...] = ()  # demand shocks: node classes (all if empty)
    direction: Literal["surge", "slump"] = "surge"  # demand shocks
    #: fields drawn from a shock_assumptions.csv row instead of the distribution above:
    #: (field, parameter id), e.g. (("duration_weeks", "fab_fire_downtime"),)
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FabOverride:
    """A scenario's own view of one fab's capacity: ``capacity_wspm`` (300 mm-equivalent wafer
    starts per month at full ramp), ``start_year`` (first year with output) and ``ramp_years``
    (linear ramp to full capacity); a missing key keeps what the fab's fab_capacity rows say.
    ``node_class`` picks one class of a multi-class fab (all its classes if empty; they then
    share ``capacity_wspm`` in the mix of their rows, see `chipshock.sim.network.overrides`)."""

    fab: str
    capacity_wspm: float | None = None
    start_year: int | None = None
    ramp_years: float | None = None
    node_class: str = ""
    label: str = ""


@dataclass(frozen=True)
class SourcingShare:
    """A scenario's own sourcing (``[[sourcing]]``): ``operator`` serves ``share_pct`` % of
    ``market``'s wafer demand in ``node_class``. The scenario's rows for one market and class
    replace the rows ``sourcing_shares.csv`` has for them (or the ``all`` rows the market
    would take); the rest of the class (100 - their sum) still goes to the class's other
    producers by capacity (`chipshock.sim.network.sourcing`)."""

    market: str
    node_class: str
    operator: str
    share_pct: float
    note: str = ""


@dataclass(frozen=True)
class Intervention:
    """A change to the world that a scenario can be compared against.

    ``fabs_off``/``fabs_on``: fab ids switched off (their capacity removed from their region)
    or forced on; ``partnership_off``: the fabs a partnership brings into being (its
    ``fab_ids`` in partnerships.csv) are switched off;
    ``stockpile``: extra ``weeks`` of finished-chip inventory for ``markets`` (all if empty);
    ``inventory_policy``: customer inventories multiplied by ``factor``.
    """

    kind: InterventionKind
    fabs: tuple[str, ...] = ()
    partnerships: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    weeks: float = 0.0
    factor: float = 1.0
    label: str = ""
    label_ja: str = ""  # the label in Japanese (label if empty)


@dataclass(frozen=True)
class Scenario:
    """A complete, validated scenario."""

    scenario_id: str
    title: str
    description: str = ""
    title_ja: str = ""
    description_ja: str = ""
    start_year: int = 2026
    end_year: int = 2035
    runs: int = 1000
    seed: int = 0
    shocks: tuple[Shock, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    priorities: tuple[tuple[str, float], ...] = ()  # market -> weight in allocation
    fab_overrides: tuple[FabOverride, ...] = ()
    inventory_regime: str = ""  # e.g. "2019" or "2021_lean" (model_assumptions rows); "" = 2019
    #: the regime the buyers restock toward ("" = they keep ``inventory_regime``)
    inventory_target_regime: str = ""
    parameters: tuple[tuple[str, Distribution], ...] = ()  # global uncertain parameters
    source: str = ""  # file it was read from, or "builtin:<id>"
    assumptions: tuple[str, ...] = ()  # `parameter` ids in curated shock_assumptions.csv
    #: user-defined country groups (``[groups]`` table): name -> country or group codes, usable
    #: in shock ``targets`` and ``to`` (expanded by `chipshock.scenarios.groups`)
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the scenario's own sourcing (``[[sourcing]]`` tables), replacing sourcing_shares.csv's
    #: rows for each market and class they name
    sourcing: tuple[SourcingShare, ...] = ()

    @property
    def n_weeks(self) -> int:
        return (self.end_year - self.start_year + 1) * 52

    def with_changes(self, **changes: object) -> Scenario:
        """A copy with fields replaced (the original is unchanged)."""
        return replace(self, **changes)  # type: ignore[arg-type]
