"""Networks kept by what `build_network` reads, so that compiles of one world share one network.

A sensitivity analysis compiles its scenario once per factor setting (`chipshock.sim.sensitivity`:
two per factor; `chipshock.sim.sobol`: every compiled design point), and building the producer
network is most of a compile. Most factors leave the network as it is: an assumption, a shock,
an inventory, a criticality. Only the fab registry and its capacity rows, the capacity tables,
the years and the scenario's fab switches and overrides change it.

So `network_of` keeps the networks it built, keyed by exactly what `build_network` reads:

- the content of the data's tables in `NETWORK_TABLES` (a digest of each table's columns,
  dtypes, index and values: an equal copy of the data finds the network again, a table
  changed in place is a new key; never an object's identity, which a changed table keeps);
- the years, the fabs switched off and on (as sets: `build_network` asks only whether a fab
  is in them) and the fab overrides, in order.

A kept network gives the numbers a new one gives: `build_network` is a pure function of the
key, and its arrays are kept read-only so that no caller can change them for the next one.
``tests/sim/test_network_cache.py`` pins the key to what `build_network` reads.

Networks of one world that differ only in the fabs switched or overridden (the 2 + 2 x fabs
sides of a contribution analysis, `chipshock.sim.run.contributions`) share the part that the
data and the years decide alone (`NetworkBase`: the fabs' capacity rows, the regional totals
and remainders), kept by the first two parts of the key: each side then adds its switches to
it rather than reading every table again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import pandas as pd

from chipshock.scenarios.model import FabOverride
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network, NetworkBase, build_network, network_base

__all__ = [
    "BASE_KEEP",
    "NETWORK_KEEP",
    "NETWORK_TABLES",
    "clear_networks",
    "network_key",
    "network_of",
    "tables_digest",
]

#: the `ModelData` tables `build_network` reads (the regional totals and their anchors, world
#: capacity, the fab registry and its capacity rows, the members of the region EUR, the
#: counted remainders)
NETWORK_TABLES = (
    "regional_capacity",
    "global_capacity",
    "fabs",
    "fab_capacity",
    "country_groups",
    "remainder_operators",
)
#: how many networks `network_of` keeps (a tornado or a Sobol design needs one, a comparison
#: two, the API's warm-up a few)
NETWORK_KEEP = 8

NetworkKey = tuple[
    tuple[bytes, ...],
    tuple[int, ...],
    frozenset[str],
    frozenset[str],
    tuple[FabOverride, ...],
]

#: how many `NetworkBase` (one per data and years) `network_of` keeps
BASE_KEEP = 4

_kept: OrderedDict[NetworkKey, Network] = OrderedDict()
_bases: OrderedDict[tuple[tuple[bytes, ...], tuple[int, ...]], NetworkBase] = OrderedDict()
_lock = threading.Lock()


def _digest(table: pd.DataFrame) -> bytes:
    """A digest of ``table``'s columns, dtypes, index and values."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr([(str(c), str(t)) for c, t in table.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes())
    return h.digest()


def tables_digest(data: ModelData) -> tuple[bytes, ...]:
    """The first part of a `network_key`: the digest of each of ``data``'s `NETWORK_TABLES`
    (~7 ms on the shipped data, the most of a key)."""
    return tuple(_digest(getattr(data, name)) for name in NETWORK_TABLES)


def network_key(
    data: ModelData,
    years: Sequence[int],
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    overrides: Sequence[FabOverride] = (),
    tables: tuple[bytes, ...] | None = None,
) -> NetworkKey:
    """What `build_network` reads of its arguments, as a hashable value (module docstring);
    ``tables`` is `tables_digest` of ``data`` when the caller has it already (the compiles of
    one batch over unchanged data: `chipshock.sim.prepare.SharedReads`)."""
    return (
        tables_digest(data) if tables is None else tables,
        tuple(int(y) for y in years),
        frozenset(str(f) for f in fabs_off),
        frozenset(str(f) for f in fabs_on),
        tuple(overrides),
    )


def network_of(
    data: ModelData,
    years: Sequence[int],
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    overrides: Sequence[FabOverride] = (),
    tables: tuple[bytes, ...] | None = None,
) -> Network:
    """`build_network` of the arguments, built once per distinct `network_key` and kept for
    the next `NETWORK_KEEP` - 1 others (a build that fails keeps nothing: its error is raised
    again next time); ``tables`` as for `network_key`."""
    off, on = tuple(fabs_off), tuple(fabs_on)
    key = network_key(data, years, off, on, overrides, tables)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    net = build_network(data, years, off, on, overrides, base=_base_of(key, data, years))
    for array in (net.capacity, net.ahead, net.world):
        array.setflags(write=False)
    with _lock:
        _kept[key] = net
        while len(_kept) > NETWORK_KEEP:
            _kept.popitem(last=False)
    return net


def _base_of(key: NetworkKey, data: ModelData, years: Sequence[int]) -> NetworkBase:
    """`network_base` of ``data`` and ``years``, built once per content of the data's tables
    and years (the first two parts of ``key``) and kept for the next `BASE_KEEP` - 1 others."""
    world = (key[0], key[1])
    with _lock:
        found = _bases.get(world)
        if found is not None:
            _bases.move_to_end(world)
            return found
    base = network_base(data, years)
    with _lock:
        _bases[world] = base
        while len(_bases) > BASE_KEEP:
            _bases.popitem(last=False)
    return base


def clear_networks() -> None:
    """Forget every kept network and base (the next `network_of` builds anew)."""
    with _lock:
        _kept.clear()
        _bases.clear()
