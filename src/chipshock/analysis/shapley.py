"""Cooperative-game values of coalition members: Shapley values and the synergy of a partnership.

Value function (country view, assessed inputs at leaf level, see `assessed_inputs`):

    v(S) = Σⱼ wⱼ · 1[Σ_{i∈S} sᵢⱼ ≥ θ] / Σⱼ wⱼ

the (weighted) fraction of inputs for which the members of S together hold at least θ percent
of the published world market, i.e. the share of the chain's inputs the group could largely
supply on its own. wⱼ = 1 (``weight="count"``) or the input's market size in USD
(``weight="market"``; sizes mix vintages, quirk 10, and the design segments dominate).
v(∅) = 0 and v is monotone, since shares are non-negative.

Shapley value φᵢ = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S∪{i}) − v(S)); Σᵢ φᵢ = v(N) − v(∅).
Exact by enumerating all 2ⁿ coalitions as bitmasks for n ≤ ``exact_max``; otherwise estimated
from ``samples`` random permutations (mean marginal contribution, standard error std/√samples).

Synergy of two groups A and B: v(A∪B) − v(A) − v(B), "is 1+1 more than 2?". It is defined for
groups with no country in common: a country in both would be counted in v(A) and in v(B), so
the "sum" would count its coverage twice and the difference would be minus the overlap's
coverage rather than a synergy (review 4, finding 3: the Quad and Chip 4 share the U.S. and
Japan and came out at −66.7 points). `synergy` refuses such groups with `GroupOverlapError`,
which names the shared countries and the two questions that have an answer: what the rest of A
(A∖B) adds to B, and what the rest of B (B∖A) adds to A. Countries without supply-chain data
supply nothing and are not members here, so only shared countries with data count.

The results hold v as a fraction (0–1), the game's own scale; what the CLI's ``--format
json|csv`` and the API serve is the percent view (0–100, every name ending ``_pct``:
`ShapleyResult.table_pct`, `ShapleyResult.v_all_pct`, `SynergyResult.values_pct`), the scale
every table shows, built here once for both.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from math import factorial
from typing import Any

import numpy as np
import pandas as pd

from chipshock.analysis._common import check_choice, check_pct, resolve_rng
from chipshock.analysis.coalition import CoalitionModel, coalition_model
from chipshock.errors import InputError, Problem
from chipshock.model.chain import SupplyChain

__all__ = [
    "SHAPLEY_COLUMNS",
    "SHAPLEY_PCT_COLUMNS",
    "GroupOverlapError",
    "ShapleyResult",
    "SynergyResult",
    "check_disjoint",
    "coalition_value",
    "shapley",
    "shapley_values",
    "synergy",
]

#: Columns of `ShapleyResult.table`.
SHAPLEY_COLUMNS = ["member", "shapley", "std_error", "share_of_total", "standalone"]

#: Columns of `ShapleyResult.table_pct`: the fractions of `SHAPLEY_COLUMNS` in percent.
SHAPLEY_PCT_COLUMNS = [
    "member",
    "shapley_pct",
    "std_error_pct",
    "share_of_total_pct",
    "standalone_pct",
]

#: Largest ``exact_max`` accepted (2²⁰ coalitions).
EXACT_LIMIT = 20

_EPS = 1e-9


def _pct(fraction: float) -> float:
    """A fraction (0.39) in percent (39.0), to 6 decimals (no ``39.00000000000001``), never -0."""
    return float(np.round(100.0 * fraction, 6)) + 0.0


BoolMatrix = np.ndarray[Any, np.dtype[np.bool_]]
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
Batch = Callable[[BoolMatrix], FloatArray]


@dataclass(frozen=True)
class ShapleyResult:
    """Shapley value per member with error bars, and how they were obtained."""

    table: pd.DataFrame
    method: str
    v_all: float
    v_none: float
    seed: int
    samples: int
    value_function: str

    @property
    def v_all_pct(self) -> float:
        """v(N), percent of the inputs assessed."""
        return _pct(self.v_all)

    @property
    def v_none_pct(self) -> float:
        """v(∅), percent (0 for the coalition game)."""
        return _pct(self.v_none)

    def table_pct(self) -> pd.DataFrame:
        """`table` in percent: ``member, shapley_pct, std_error_pct, share_of_total_pct,
        standalone_pct`` (percent of the inputs assessed; ``share_of_total_pct``: percent of
        v(N) − v(∅)), as the CLI's JSON and CSV and the API serve it.

        >>> from chipshock.examples import tiny_chain
        >>> t = shapley(tiny_chain(), ["JPN", "USA"]).table_pct()
        >>> list(t.columns)
        ['member', 'shapley_pct', 'std_error_pct', 'share_of_total_pct', 'standalone_pct']
        >>> t.iloc[0, 1:].astype(float).tolist()  # exact: no standard error (NaN)
        [20.0, nan, 50.0, 20.0]
        """
        fractions = SHAPLEY_COLUMNS[1:]
        out = self.table[["member"]].copy()
        for column in fractions:
            out[f"{column}_pct"] = [v if pd.isna(v) else _pct(float(v)) for v in self.table[column]]
        return out[SHAPLEY_PCT_COLUMNS]


@dataclass(frozen=True)
class SynergyResult:
    """v(A), v(B), v(A∪B), synergy = v(A∪B) − v(A) − v(B), ratio = v(A∪B)/(v(A)+v(B))."""

    group_a: tuple[str, ...]
    group_b: tuple[str, ...]
    v_a: float
    v_b: float
    v_union: float
    synergy: float
    ratio: float | None
    union_only: pd.DataFrame
    value_function: str
    #: the inputs assessed (the game's players' values count them) and the value's weighting
    n_inputs: int = 0
    weight: str = "count"

    def counts(self) -> dict[str, int] | None:
        """The inputs each side, both together and only both together cover, when the value
        counts inputs (``weight="count"``: v = covered / ``n_inputs``); None when it weighs them
        by market size, where counts are not what v measures.

        >>> from chipshock.examples import tiny_chain
        >>> synergy(tiny_chain(), ["USA"], ["JPN"], threshold=95.0).counts()
        {'a': 1, 'b': 0, 'union': 2, 'only': 1, 'inputs': 5}
        """
        if self.weight != "count" or self.n_inputs <= 0:
            return None
        n = self.n_inputs
        return {
            "a": round(self.v_a * n),
            "b": round(self.v_b * n),
            "union": round(self.v_union * n),
            "only": len(self.union_only),
            "inputs": n,
        }

    def values_pct(self) -> dict[str, float]:
        """v(A), v(B), v(A∪B) and the synergy in percent of the inputs assessed (``v_a_pct``,
        ``v_b_pct``, ``v_union_pct``, ``synergy_pct``), as the CLI's JSON and the API serve them;
        ``synergy_pct`` is in percentage points, v(A∪B) − v(A) − v(B) of the percent values.

        >>> from chipshock.examples import tiny_chain
        >>> synergy(tiny_chain(), ["USA"], ["JPN"], threshold=95.0).values_pct()
        {'v_a_pct': 20.0, 'v_b_pct': 0.0, 'v_union_pct': 40.0, 'synergy_pct': 20.0}
        """
        return {
            "v_a_pct": _pct(self.v_a),
            "v_b_pct": _pct(self.v_b),
            "v_union_pct": _pct(self.v_union),
            "synergy_pct": _pct(self.synergy),
        }


Ask = Callable[[str, str], str]


def _ask_python(a: str, b: str) -> str:
    return f"synergy(chain, {a.split(',')}, {b.split(',')})"


def _together_python(a: str, b: str) -> str:
    return f"coalition_coverage(chain, {list(dict.fromkeys([*a.split(','), *b.split(',')]))})"


class GroupOverlapError(InputError):
    """The two groups of a synergy share countries: v(A) and v(B) would both count them.

    ``names`` are the two groups as they were asked for (``"QUAD"``, ``"USA,JPN"``);
    ``shared``, ``a_only`` (A∖B) and ``b_only`` (B∖A) are the data's country codes. The message
    names the shared countries and offers the synergy of A∖B with B and of A with B∖A (each
    only when that side is not empty), written by ``ask(a, b)``, and the two groups' coverage
    together, written by ``together(a, b)`` (both take comma-separated codes or names).

    ``unnamable``: codes that cannot be asked for alone because the code also names a group
    (``EUR``, the ETO's Europe provider, is also the EU-27 region: asking for ``EUR`` brings in
    its members again). They stay in ``a_only``/``b_only`` but are left out of the questions
    offered (``a_ask``/``b_ask``), with words saying why; a side left with nothing to ask
    offers no question (review 8, finding 5: ``EU27 EUR`` suggested ``EU27 EUR`` again).
    """

    def __init__(
        self,
        names: tuple[str, str],
        shared: Sequence[str],
        a_only: Sequence[str],
        b_only: Sequence[str],
        field: str = "group_b",
        ask: Ask = _ask_python,
        together: Ask = _together_python,
        without_data: tuple[Sequence[str], Sequence[str]] = ((), ()),
        unnamable: Collection[str] = (),
    ) -> None:
        self.names = names
        self.shared = tuple(shared)
        self.a_only = tuple(a_only)
        self.b_only = tuple(b_only)
        self.without_data = (tuple(without_data[0]), tuple(without_data[1]))
        skip = set(unnamable)
        self.not_askable = tuple(c for c in (*self.a_only, *self.b_only) if c in skip)
        self.a_ask = tuple(c for c in self.a_only if c not in skip)
        self.b_ask = tuple(c for c in self.b_only if c not in skip)
        super().__init__(Problem(self._text(ask, together), field=field))

    def as_dict(self) -> dict[str, Any]:
        """``{a, b, shared, a_only, b_only, a_without_data, b_without_data}``: what the API
        serves beside the message, for a client to word it in its own language."""
        return {
            "a": self.names[0],
            "b": self.names[1],
            "shared": list(self.shared),
            "a_only": list(self.a_only),
            "b_only": list(self.b_only),
            "a_without_data": list(self.without_data[0]),
            "b_without_data": list(self.without_data[1]),
            "a_ask": list(self.a_ask),  # a_only without the codes that also name a group
            "b_ask": list(self.b_ask),
            "not_askable": list(self.not_askable),
        }

    def _text(self, ask: Ask, together: Ask) -> str:
        na, nb = self.names
        shared = ", ".join(self.shared)
        them = "it" if len(self.shared) == 1 else "them"
        text = (
            f"{na} and {nb} share {shared}: a synergy v(A∪B) − v(A) − v(B) compares two groups "
            f"with no country in common (v(A) and v(B) would both count {shared}, so the sum of "
            f"the two alone would count {them} twice)"
        )
        if not self.a_only and not self.b_only:
            return (
                f"{text}; the two have the same members with supply-chain data ({shared}), and "
                f"a group has no synergy with itself"
            )
        if not self.a_only or not self.b_only:  # one group lies inside the other
            inner, outer, absent = (na, nb, 0) if not self.a_only else (nb, na, 1)
            if self.shared == (inner,):
                text += f"; {inner} is in {outer}"
            else:
                text += f"; every member of {inner} with supply-chain data is in {outer}"
                if self.without_data[absent]:
                    text += (
                        f" (its other members, {', '.join(self.without_data[absent])}, have no "
                        f"supply-chain data and supply nothing here)"
                    )
            text += f", so the two together cover what {outer} covers alone"
        asks: list[str] = []
        unasked: list[str] = []
        sides = ((na, nb, self.a_only, self.a_ask), (nb, na, self.b_only, self.b_ask))
        for k, (name, other, only, can) in enumerate(sides):
            if not only:
                continue
            dropped = [c for c in only if c not in can]
            why = (
                f"{', '.join(dropped)} cannot be asked for alone: the code "
                f"{' or '.join(dropped)} also names a group and brings in its members again"
            )
            if can:
                pair = (",".join(can), other) if k == 0 else (other, ",".join(can))
                asks.append(
                    f"what the rest of {name} ({', '.join(can)}"
                    + (f"; {why}, so it is left out" if dropped else "")
                    + f") adds to {other}: {ask(*pair)}"
                )
            else:
                unasked.append(
                    f"the rest of {name} is {', '.join(dropped)}'s own rows in the data, "
                    f"which no question can set "
                    f"against {other} ({why}), so there is no disjoint question to ask"
                )
        if asks:
            text += ". Ask instead " + "; or ".join(asks)
        if unasked:
            said = "; ".join(unasked)
            text += ". " + said[0].upper() + said[1:]
        return f"{text}. What the two cover together: {together(na, nb)}"


def check_disjoint(
    group_a: Sequence[str],
    group_b: Sequence[str],
    names: tuple[str, str] | None = None,
    field: str = "group_b",
    ask: Ask = _ask_python,
    together: Ask = _together_python,
    without_data: tuple[Sequence[str], Sequence[str]] = ((), ()),
    unnamable: Collection[str] = (),
) -> None:
    """Raise `GroupOverlapError` when two groups of country codes (already resolved: the data's
    codes, groups expanded) share a country; ``names`` are the groups as asked for (default:
    their codes, comma-separated), ``without_data`` each group's members without supply-chain
    data (named when one group lies inside the other), ``unnamable`` the codes that also name
    a group (kept out of the questions offered; see `GroupOverlapError`).

    >>> check_disjoint(["USA"], ["JPN", "KOR"])
    >>> try:
    ...     check_disjoint(["USA", "JPN"], ["JPN", "KOR"])
    ... except GroupOverlapError as e:
    ...     print(e.shared, e.a_only, e.b_only)
    ...     print(str(e)[: str(e).index(":", 9)])
    ...     print(str(e)[str(e).index("Ask instead") :].split("; or")[0].split(": ")[1])
    ('JPN',) ('USA',) ('KOR',)
    group_b: USA,JPN and JPN,KOR share JPN
    synergy(chain, ['USA'], ['JPN', 'KOR'])
    >>> try:  # EUR is a member of the EUR group and also names the whole group
    ...     check_disjoint(["DEU", "FRA", "EUR"], ["DEU"], ("EUR", "DEU"), unnamable={"EUR"})
    ... except GroupOverlapError as e:
    ...     print(e.a_ask, e.not_askable, str(e)[str(e).index("Ask instead") :][:50].rstrip())
    ...     print(str(e).split("adds to DEU: ")[1].split(".")[0])
    ('FRA',) ('EUR',) Ask instead what the rest of EUR (FRA; EUR cannot
    synergy(chain, ['FRA'], ['DEU'])
    """
    in_b = set(group_b)
    shared = [c for c in group_a if c in in_b]
    if not shared:
        return
    in_a = set(group_a)
    raise GroupOverlapError(
        names or (",".join(group_a), ",".join(group_b)),
        shared,
        [c for c in group_a if c not in in_b],
        [c for c in group_b if c not in in_a],
        field,
        ask,
        together,
        without_data,
        unnamable,
    )


def _describe(model: CoalitionModel, threshold: float, weight: str) -> str:
    n = int(model.leaf.sum())
    w = " weighted by market size (USD, mixed years)" if weight == "market" else ""
    return (
        f"v(S) = share of the {n} assessed inputs (leaf level, country view){w} "
        f"where the members of S together hold at least {threshold:g}% of the world market"
    )


def _game(
    chain: SupplyChain | CoalitionModel, members: Sequence[str], threshold: float, weight: str
) -> tuple[CoalitionModel, list[int], Batch, FloatArray]:
    """The model, member columns, a vectorised v over coalition bit-rows, and input weights."""
    threshold = check_pct(threshold, "threshold")
    weight = check_choice(weight, "weight", ("count", "market"))
    model = coalition_model(chain)
    idx = model.member_index(members)
    shares = model.shares[model.leaf][:, idx] * 100.0
    if weight == "count":
        w = np.ones(shares.shape[0])
    else:
        w = np.nan_to_num(model.inputs.loc[model.leaf, "market_size_usd"].to_numpy(dtype=float))
    total = float(w.sum())

    def batch(bits: BoolMatrix) -> FloatArray:
        covered = (bits.astype(float) @ shares.T) >= threshold - _EPS
        out: FloatArray = (covered.astype(float) @ w) / total if total > 0 else np.zeros(len(bits))
        return out

    return model, idx, batch, w


def coalition_value(
    chain: SupplyChain | CoalitionModel,
    countries: Iterable[str],
    threshold: float = 50.0,
    weight: str = "count",
) -> float:
    """v(S) of one coalition of countries (see the module docstring).

    >>> from chipshock.examples import tiny_chain
    >>> coalition_value(tiny_chain(), ["JPN", "USA"])
    0.4
    """
    members = list(countries)
    if not members:
        return 0.0
    _, idx, batch, _ = _game(chain, members, threshold, weight)
    return float(batch(np.ones((1, len(idx)), dtype=bool))[0])


def _bits(k: int) -> BoolMatrix:
    masks = np.arange(2**k, dtype=np.int64)
    return ((masks[:, None] >> np.arange(k, dtype=np.int64)) & 1).astype(bool)


def _exact(batch: Batch, k: int) -> FloatArray:
    bits = _bits(k)
    v = batch(bits)
    sizes = bits.sum(axis=1)
    coef = np.array([factorial(s) * factorial(k - s - 1) / factorial(k) for s in range(k)])
    phi = np.zeros(k)
    masks = np.arange(2**k, dtype=np.int64)
    for i in range(k):
        without = masks[(masks >> i) & 1 == 0]
        phi[i] = float(np.sum(coef[sizes[without]] * (v[without | (1 << i)] - v[without])))
    return phi


def _sampled(
    batch: Batch, k: int, rng: np.random.Generator, samples: int
) -> tuple[FloatArray, FloatArray]:
    perms = np.argsort(rng.random((samples, k)), axis=1)
    rank = np.argsort(perms, axis=1)  # rank[s, i] = position of member i in permutation s
    prefix = rank[:, None, :] < np.arange(k + 1)[None, :, None]  # [samples, k+1, k]
    v = batch(prefix.reshape(-1, k)).reshape(samples, k + 1)
    marginal = np.diff(v, axis=1)  # marginal[s, j]: contribution of perms[s, j]
    contrib = np.empty_like(marginal)
    np.put_along_axis(contrib, perms, marginal, axis=1)
    std = contrib.std(axis=0, ddof=1) if samples > 1 else np.full(k, np.nan)
    return contrib.mean(axis=0), std / np.sqrt(samples)


def _run(
    batch: Batch,
    members: Sequence[str],
    rng: np.random.Generator | int | None,
    samples: int,
    exact_max: int,
    value_function: str,
) -> ShapleyResult:
    k = len(members)
    if k == 0 or len(set(members)) != k:
        raise InputError(
            Problem(
                "members must be non-empty and distinct",
                field="members",
                value=", ".join(members),
                expected="one or more distinct members",
            )
        )
    if not isinstance(samples, int) or samples < 2:
        raise InputError(
            Problem(
                "too few samples", field="samples", value=str(samples), expected="an integer ≥ 2"
            )
        )
    if not isinstance(exact_max, int) or not 0 <= exact_max <= EXACT_LIMIT:
        raise InputError(
            Problem(
                "exact_max out of range",
                field="exact_max",
                value=str(exact_max),
                expected=f"an integer 0..{EXACT_LIMIT}",
            )
        )
    gen, seed = resolve_rng(rng)
    ends = batch(np.array([np.zeros(k, dtype=bool), np.ones(k, dtype=bool)]))
    alone = batch(np.eye(k, dtype=bool))
    v_none, v_all = float(ends[0]), float(ends[1])
    if k <= exact_max:
        # exact values have no standard error: NaN (null in JSON, "–" in tables), not 0
        phi, se, method, used = _exact(batch, k), np.full(k, np.nan), "exact", 0
    else:
        phi, se = _sampled(batch, k, gen, samples)
        method, used = "sampled", samples
    total = v_all - v_none
    table = pd.DataFrame(
        {
            "member": list(members),
            "shapley": phi,
            "std_error": se,
            "share_of_total": phi / total if abs(total) > _EPS else np.full(k, np.nan),
            "standalone": alone,
        },
        columns=SHAPLEY_COLUMNS,
    )
    return ShapleyResult(table, method, v_all, v_none, seed, used, value_function)


def shapley_values(
    value: Callable[[frozenset[str]], float],
    members: Sequence[str],
    rng: np.random.Generator | int | None = None,
    samples: int = 2000,
    exact_max: int = 12,
) -> ShapleyResult:
    """Shapley values of any game given as a callable v(frozenset of members) -> float.

    >>> r = shapley_values(lambda s: float(len(s) >= 2), ["a", "b", "c"])
    >>> r.method, r.table["shapley"].round(4).tolist()
    ('exact', [0.3333, 0.3333, 0.3333])
    """
    names = list(members)
    cache: dict[bytes, float] = {}

    def batch(bits: BoolMatrix) -> FloatArray:
        out = np.empty(len(bits))
        for r, row in enumerate(bits):
            key = row.tobytes()
            if key not in cache:
                cache[key] = float(
                    value(frozenset(n for n, b in zip(names, row, strict=True) if b))
                )
            out[r] = cache[key]
        return out

    return _run(batch, names, rng, samples, exact_max, "user-supplied value function")


def shapley(
    chain: SupplyChain | CoalitionModel,
    countries: Iterable[str],
    threshold: float = 50.0,
    weight: str = "count",
    rng: np.random.Generator | int | None = None,
    samples: int = 2000,
    exact_max: int = 12,
) -> ShapleyResult:
    """Shapley value of each country in a coalition under v(S) (see the module docstring).

    >>> from chipshock.examples import tiny_chain
    >>> r = shapley(tiny_chain(), ["JPN", "USA"])
    >>> r.table[["member", "shapley", "standalone"]].values.tolist()
    [['JPN', 0.2, 0.2], ['USA', 0.2, 0.2]]
    """
    model = coalition_model(chain)
    members = [model.countries[k] for k in model.member_index(countries)]
    _, _, batch, _ = _game(model, members, threshold, weight)
    text = _describe(model, check_pct(threshold, "threshold"), weight)
    return _run(batch, members, rng, samples, exact_max, text)


def synergy(
    chain: SupplyChain | CoalitionModel,
    group_a: Iterable[str],
    group_b: Iterable[str],
    threshold: float = 50.0,
    weight: str = "count",
) -> SynergyResult:
    """Synergy v(A∪B) − v(A) − v(B) of two groups ("is 1+1 more than 2?") and what only A∪B covers.

    ``ratio`` = v(A∪B)/(v(A)+v(B)), None when v(A)+v(B) = 0. ``union_only`` lists the inputs
    covered by A∪B but by neither group alone, with each side's share. The groups must have
    no country in common: groups that share one raise `GroupOverlapError` (see the module
    docstring), naming the shared countries and the disjoint questions to ask instead.

    >>> from chipshock.examples import tiny_chain
    >>> s = synergy(tiny_chain(), ["USA"], ["JPN"], threshold=95.0)
    >>> s.v_a, s.v_b, s.v_union, s.ratio, s.union_only["input_id"].tolist()
    (0.2, 0.0, 0.4, 2.0, ['N13'])
    """
    model = coalition_model(chain)
    a = [model.countries[k] for k in model.member_index(group_a, "group_a")]
    b = [model.countries[k] for k in model.member_index(group_b, "group_b")]
    check_disjoint(a, b)
    union = [*a, *b]
    _, _, batch, _ = _game(model, union, threshold, weight)
    bits = np.array([[m in a for m in union], [m in b for m in union], [True] * len(union)])
    v_a, v_b, v_u = (float(x) for x in batch(bits))
    threshold = check_pct(threshold, "threshold")
    leaf = model.leaf
    col = {c: k for k, c in enumerate(model.countries)}
    sa = model.shares[leaf][:, [col[c] for c in a]].sum(axis=1) * 100.0
    sb = model.shares[leaf][:, [col[c] for c in b]].sum(axis=1) * 100.0
    su = model.shares[leaf][:, [col[c] for c in union]].sum(axis=1) * 100.0
    only = (su >= threshold - _EPS) & (sa < threshold - _EPS) & (sb < threshold - _EPS)
    meta = model.inputs[leaf].reset_index(drop=True)
    union_only = meta.assign(
        share_a_pct=np.round(sa, 6), share_b_pct=np.round(sb, 6), union_share_pct=np.round(su, 6)
    )[only][
        [
            "input_id",
            "input_name",
            "input_type",
            "share_a_pct",
            "share_b_pct",
            "union_share_pct",
            "year",
            "source",
        ]
    ].reset_index(drop=True)
    denominator = v_a + v_b
    return SynergyResult(
        group_a=tuple(a),
        group_b=tuple(b),
        v_a=v_a,
        v_b=v_b,
        v_union=v_u,
        synergy=v_u - v_a - v_b,
        ratio=v_u / denominator if denominator > _EPS else None,
        union_only=union_only,
        value_function=_describe(model, threshold, weight),
        n_inputs=len(meta),
        weight=weight,
    )
