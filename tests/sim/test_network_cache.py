"""`chipshock.sim.network.cache`: a network is built once per distinct world and kept for the
compiles that share it (a tornado's and a Sobol design's), keyed by content, not identity."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, cast

import numpy as np
import pytest

from chipshock.scenarios.model import Distribution, FabOverride, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.network import cache
from chipshock.sim.network.cache import (
    NETWORK_TABLES,
    clear_networks,
    network_key,
    network_of,
    tables_digest,
)
from chipshock.sim.network.producers import Network, build_network, network_base
from chipshock.sim.prepare import scenario_network
from chipshock.sim.sensitivity import sensitivity
from chipshock.sim.sobol import sobol


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, ...]]]:
    """The years of every network `network_of` builds from here on (none kept before)."""
    seen: list[tuple[int, ...]] = []

    def counted(data: ModelData, years: Any, *rest: Any, **kw: Any) -> Network:
        seen.append(tuple(years))
        return build_network(data, years, *rest, **kw)

    clear_networks()
    monkeypatch.setattr(cache, "build_network", counted)
    yield seen
    clear_networks()


def _scenario(end_year: int = 2027) -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        1,
        duration_weeks=Distribution("triangular", low=4, mode=20, high=40),
        severity=Distribution("uniform", low=0.5, high=1.0),
    )
    return Scenario("tiny-twn", "TWN out", start_year=2026, end_year=end_year, runs=4, seed=5,
                    shocks=(shock,))  # fmt: skip


class _Reads:
    """A `ModelData` that notes the tables read from it."""

    def __init__(self, data: ModelData) -> None:
        self._data = data
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._data, name)


def test_the_key_holds_every_table_build_network_reads(real_data: ModelData) -> None:
    """The cache key digests exactly the tables `build_network` reads (the real data, with a
    fab switched off and on and an override, reaches every branch that reads a table)."""
    reads = _Reads(real_data)
    build_network(
        cast(ModelData, reads),
        range(2026, 2031),
        ["tsmc-arizona-p1"],
        ["intel-magdeburg"],
        (FabOverride("jasm-kumamoto-fab2", capacity_wspm=20000.0),),
    )
    assert reads.read == set(NETWORK_TABLES)


def test_a_tornado_of_factors_that_leave_the_fabs_alone_builds_one_network(
    builds: list[tuple[int, ...]],
) -> None:
    """Nine compiles (base, and low and high of four factors: model assumptions, end markets,
    a shock) over new copies of the data build the network once."""
    data = ModelData.tiny()  # its own object: no compile of an earlier test is kept for it
    factors = ["complementarity", "utilisation", "value_multiplier", "shock_duration"]
    t = sensitivity(_scenario(), data, kpi="output_lost_weeks", factors=factors).table
    assert len(t) == 4
    assert builds == [(2026, 2027)]


def test_a_sobol_design_builds_one_network(builds: list[tuple[int, ...]]) -> None:
    """The Sobol plan compiles the base and every factor at low and high: one network."""
    sobol(_scenario(), ModelData.tiny(), samples=4, factors=["shock_duration", "utilisation"])
    assert builds == [(2026, 2027)]


def test_a_change_of_what_the_network_reads_builds_anew(builds: list[tuple[int, ...]]) -> None:
    """Other years, other fab capacity rows or a fab switched off build a new network; an
    equal copy of the data, a new object, finds the kept one."""
    data = ModelData.tiny()
    base = scenario_network(_scenario(), data)
    copy = ModelData(**{f: getattr(data, f) for f in data.__dataclass_fields__})
    copy = replace(copy, fabs=data.fabs.copy(), fab_capacity=data.fab_capacity.copy())
    assert scenario_network(_scenario(), copy) is base
    assert len(builds) == 1

    scenario_network(_scenario(end_year=2028), data)
    assert builds[-1] == (2026, 2027, 2028)
    more = data.fab_capacity.assign(capacity_wspm=data.fab_capacity["capacity_wspm"] * 2)
    bigger = scenario_network(_scenario(end_year=2028), replace(data, fab_capacity=more))
    assert len(builds) == 3
    fab = [p.producer_id for p in bigger.producers].index("tiny-fab1:lt10")
    assert bigger.capacity[fab].tolist() == [0.0, 10.0, 20.0]  # kwspm: 2 x 5k in 2027
    network_of(data, (2026, 2027), fabs_off=["tiny-fab1"])
    assert len(builds) == 4


def test_a_table_changed_in_place_is_not_served_a_stale_network(
    builds: list[tuple[int, ...]],
) -> None:
    """The key is the tables' content: the same table object changed in place builds anew."""
    data = ModelData.tiny()
    before = network_of(data, (2027, 2028))
    data.fab_capacity.loc[:, "capacity_wspm"] = 0.0
    after = network_of(data, (2027, 2028))
    assert len(builds) == 2
    fab = [p.producer_id for p in before.producers].index("tiny-fab1:lt10")
    assert before.capacity[fab].tolist() == [5.0, 10.0]
    assert after.capacity[fab].tolist() == [0.0, 0.0]


def test_a_digest_read_once_for_a_batch_finds_the_network_of_a_digest_read_anew(
    builds: list[tuple[int, ...]],
) -> None:
    """Given the tables' digest read once (`tables_digest`, as a batch's `SharedReads` does),
    the key and the network are those read without it, switches and overrides included."""
    data = ModelData.tiny()
    tables = tables_digest(data)
    switched = ((2026, 2027), ["tiny-fab1"], (), (FabOverride("tiny-fab1", capacity_wspm=1.0),))
    assert network_key(data, *switched, tables=tables) == network_key(data, *switched)
    assert network_key(data, (2026, 2027), tables=tables)[0] == tables
    first = network_of(data, (2026, 2027), tables=tables)
    assert network_of(data, (2026, 2027)) is first
    assert len(builds) == 1


def test_a_kept_network_cannot_be_changed_by_its_users(builds: list[tuple[int, ...]]) -> None:
    """Its arrays are read-only, so the next compile that shares it reads what was built."""
    net = network_of(ModelData.tiny(), (2026, 2027))
    with pytest.raises(ValueError, match="read-only"):
        net.capacity[0, 0] = 1.0
    assert not np.asarray(net.world).flags.writeable


def test_the_variants_of_one_world_share_one_base_and_build_what_they_build_alone(
    real_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fabs switched off and on and overridden, as the sides of a contribution analysis are:
    the part the data and years decide is read once (`network_base`), and each network is, to
    the last bit, the one `build_network` builds on its own."""
    bases: list[tuple[int, ...]] = []

    def counted(data: ModelData, years: Any) -> Any:
        bases.append(tuple(years))
        return network_base(data, years)

    clear_networks()
    monkeypatch.setattr(cache, "network_base", counted)
    years = tuple(range(2026, 2031))
    variants: list[tuple[tuple[str, ...], tuple[str, ...], tuple[FabOverride, ...]]] = [
        ((), (), ()),
        (("rapidus-iim1", "tsmc-arizona-p1"), (), ()),
        (("jasm-kumamoto-fab1",), ("intel-magdeburg",), ()),
        ((), (), (FabOverride("jasm-kumamoto-fab2", capacity_wspm=20000.0),)),
        (("tsmc-arizona-p1",), (), (FabOverride("rapidus-iim1", start_year=2026),)),
    ]
    for off, on, overrides in variants:
        shared = network_of(real_data, years, off, on, overrides)
        alone = build_network(real_data, years, off, on, overrides)
        assert shared.producers == alone.producers
        for name in ("capacity", "ahead", "world"):
            assert getattr(shared, name).tobytes() == getattr(alone, name).tobytes(), name
        assert shared.residuals.equals(alone.residuals)
        assert shared.uncounted.equals(alone.uncounted)
    assert bases == [years]
    clear_networks()
