"""What each shock of a run reaches: its producers, their share of the world's capacity, the
inputs and markets (read from the compiled masks; nothing here changes a run).

An analyst who writes a shock needs to see what it took: "TSMC" reaches TSMC's fabs and the
remainders counted as TSMC's, a country shock its fabs and its share of every input, an input
shock the node classes whose requirement rows it binds. Each `ShockReach` says it from the
arrays the engine runs on (`chipshock.sim.prepare.Prepared`):

- producers: ``prod_hit[s]`` (country, firm and fab shocks take their output); for an export
  control the producers of its ``to`` (those whose export zone its ``export_mask`` cuts);
- capacity share of node class c in the shock's start year y, in %:
  ``100 * sum(cap[p, y] for reached p of class c) / sum(cap[p, y] for every p of class c)``
  over the scenario's producers (itemised fabs and "other fabs" remainders, which reconcile
  with the regional totals of global_capacity.csv x regional_capacity.csv);
- inputs: an input ``a`` of the affected axis whose supply the shock cuts: ``input_hit[s, a]``,
  a hit country or firm with a weight > 0 in it (``country_w``, ``firm_w``), or an export mask;
  and the node classes whose active requirement terms (``term_active``) read those inputs;
- demand shocks: the markets and classes of ``demand_hit[s]`` and the direction.

The capacity figures' source and as-of are those of the reached producers' capacity rows in
the start year (fab_capacity.csv for a fab, global_capacity.csv for a remainder, the scenario
for a fab override: `chipshock.sim.run.utilisation.capacity_source_of`).
"""

from __future__ import annotations

from dataclasses import dataclass

from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network
from chipshock.sim.prepare import Prepared
from chipshock.sim.run.utilisation import capacity_source_of

__all__ = ["ShockReach", "shock_reach"]


@dataclass(frozen=True)
class ShockReach:
    """What shock ``shock`` (its position among the scenario's shocks, as the file numbers
    them: ``shock[0]`` is the first ``[[shock]]``) reaches; the id lists sorted.

    ``fabs``: the itemised fabs whose producers it takes (or, for an export control, cuts off),
    ``fab_producers`` their producers (one per fab and node class, ``<fab_id>:<class>``);
    ``other_fabs``: the "other fabs" remainders (producer ids ``other:<REGION>:<class>``);
    ``capacity_share_pct``: (node class, % of the world's capacity of the class in ``year``
    that the reached producers hold), the classes in the model's order, only those where they
    hold capacity in ``year``;
    ``regions``, ``operators``: of the reached producers, the most capacity in ``year`` first
    (a remainder's operator is the one remainder_operators.csv counts it as, none otherwise);
    ``inputs``: the inputs whose supply it cuts (ETO or raw-material ids); ``input_classes``:
    the node classes whose requirement rows those inputs bind; ``markets``, ``classes``,
    ``direction``: a demand shock's;
    ``capacity_sources``: of the reached producers' capacity rows in ``year`` (source_url, or
    the file where a row has none), ``capacity_as_of``: the oldest and newest of their
    as-of dates (one when the same, none without)."""

    shock: int
    kind: str
    targets: tuple[str, ...]
    year: int
    fabs: tuple[str, ...] = ()
    fab_producers: tuple[str, ...] = ()
    other_fabs: tuple[str, ...] = ()
    capacity_share_pct: tuple[tuple[str, float], ...] = ()
    regions: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    input_classes: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    direction: str = ""
    capacity_sources: tuple[str, ...] = ()
    capacity_as_of: tuple[str, ...] = ()

    @property
    def producers(self) -> int:
        """How many producers it reaches (fab producers, one per fab and class, and remainders)."""
        return len(self.fab_producers) + len(self.other_fabs)

    def as_dict(self) -> dict[str, object]:
        """The JSON form: lists for tuples, the shares as {class: %}, ``producers`` counted."""
        return {
            "shock": self.shock,
            "field": f"shock[{self.shock}]",
            "kind": self.kind,
            "targets": list(self.targets),
            "year": self.year,
            "producers": self.producers,
            "fabs": list(self.fabs),
            "other_fabs": list(self.other_fabs),
            "capacity_share_pct": dict(self.capacity_share_pct),
            "regions": list(self.regions),
            "operators": list(self.operators),
            "inputs": list(self.inputs),
            "input_classes": list(self.input_classes),
            "markets": list(self.markets),
            "classes": list(self.classes),
            "direction": self.direction,
            "capacity_sources": list(self.capacity_sources),
            "capacity_as_of": list(self.capacity_as_of),
        }


def shock_reach(
    scenario: Scenario, prep: Prepared, net: Network, data: ModelData
) -> tuple[ShockReach, ...]:
    """One `ShockReach` per shock of ``scenario`` (compiled as ``prep`` over ``net``)."""
    source_of = capacity_source_of(data)
    years = list(prep.years)
    out = []
    for s, shock in enumerate(scenario.shocks):
        year = min(max(shock.start_year, years[0]), years[-1])
        yi = years.index(year)
        if shock.kind == "export_control":
            reached = prep.export_mask[s].any(axis=(0, 1))[prep.prod_export]  # its zones
        else:
            reached = prep.prod_hit[s] > 0
        producers = [p for p, hit in zip(net.producers, reached, strict=True) if hit]
        cap = net.capacity[:, yi]
        held = [float(c) for c, hit in zip(cap, reached, strict=True) if hit]
        shares = []
        for c, node in enumerate(prep.classes):
            of_class = prep.prod_class == c
            hit_cap = float(cap[of_class & reached].sum())
            total = float(cap[of_class].sum())
            if hit_cap > 0 and total > 0:  # a class it holds capacity of in that year
                shares.append((node, 100.0 * hit_cap / total))
        inputs = _inputs_cut(prep, s)
        sources = [source_of(p, year) for p in producers]
        demand = prep.demand_hit[s]
        out.append(
            ShockReach(
                shock=s,
                kind=shock.kind,
                targets=tuple(shock.targets),
                year=year,
                fabs=tuple(sorted({p.fab_id for p in producers if p.itemised})),
                fab_producers=tuple(sorted(p.producer_id for p in producers if p.itemised)),
                other_fabs=tuple(sorted(p.producer_id for p in producers if not p.itemised)),
                capacity_share_pct=tuple(shares),
                regions=_largest_first([p.region for p in producers], held),
                operators=_largest_first([p.group_operator for p in producers], held),
                inputs=tuple(sorted(prep.inputs[a] for a in inputs)),
                input_classes=_classes_bound(prep, inputs),
                markets=tuple(m for i, m in enumerate(prep.markets) if demand[i].any()),
                classes=tuple(c for i, c in enumerate(prep.classes) if demand[:, i].any()),
                direction=shock.direction if shock.kind == "demand" else "",
                capacity_sources=tuple(sorted({src for src, _, _ in sources})),
                capacity_as_of=_oldest_newest([a for _, a, _ in sources if a]),
            )
        )
    return tuple(out)


def _largest_first(names: list[str], capacity: list[float]) -> tuple[str, ...]:
    """The distinct non-empty ``names``, the most capacity (summed per name) first, then by
    name."""
    total: dict[str, float] = {}
    for name, held in zip(names, capacity, strict=True):
        if name:
            total[name] = total.get(name, 0.0) + held
    return tuple(sorted(total, key=lambda n: (-total[n], n)))


def _oldest_newest(dates: list[str]) -> tuple[str, ...]:
    """The oldest and newest of ``dates`` (``YYYY``, ``YYYY-MM``...), one when they are the
    same, none without dates."""
    if not dates:
        return ()
    ordered = sorted(set(dates))
    return (ordered[0],) if len(ordered) == 1 else (ordered[0], ordered[-1])


def _inputs_cut(prep: Prepared, s: int) -> list[int]:
    """Indices into ``prep.inputs`` of the inputs whose supply shock ``s`` cuts."""
    by_country = (prep.country_w * prep.country_hit[s][None, :] > 0).any(axis=1)
    by_firm = (prep.firm_w * prep.firm_hit[s][None, :] > 0).any(axis=1)
    by_export = prep.export_mask[s].any(axis=(1, 2))
    cut = (prep.input_hit[s] > 0) | by_country | by_firm | by_export
    return [a for a in range(len(prep.inputs)) if cut[a]]


def _classes_bound(prep: Prepared, inputs: list[int]) -> tuple[str, ...]:
    """The node classes (model order) with an active requirement term on one of ``inputs``."""
    bound = {
        int(c)
        for c, a, active in zip(prep.term_class, prep.term_input, prep.term_active, strict=True)
        if active and int(a) in inputs
    }
    return tuple(c for i, c in enumerate(prep.classes) if i in bound)
