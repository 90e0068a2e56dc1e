"""Coalition coverage: how much of each input's world market a group of countries supplies.

Coalition share of input j for members S: cⱼ(S) = Σ_{i∈S} sᵢⱼ over the members' *known* country
shares (a member listed without a share adds nothing, so cⱼ is a lower bound). An input is
covered when cⱼ(S) ≥ threshold. Only assessed inputs count (see `assessed_inputs`: a known
named country share, one hierarchy level), so no input is counted with its parent or child.
Aggregates ("Various countries") cannot be members; EUR (Europe) can, but it only carries shares
on stages and design segments (SCHEMA quirk 6).

`CoalitionModel.from_chain` precomputes the share matrix once; every function here accepts it
in place of the chain, and also caches it per chain object (weakly, so it never outlives it).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from chipshock.analysis._common import check_choice, check_pct, kind_rows, natural_key
from chipshock.analysis.graph import assessed_inputs, downstream_summary
from chipshock.errors import InputError, Problem
from chipshock.model.chain import SupplyChain

__all__ = [
    "COVERAGE_COLUMNS",
    "STAGE_COVERAGE_COLUMNS",
    "WEAK_LINK_COLUMNS",
    "CoalitionModel",
    "CoalitionResult",
    "coalition_coverage",
    "coalition_model",
    "share_matrix",
]

#: Columns of `CoalitionResult.coverage`.
COVERAGE_COLUMNS = [
    "input_id",
    "input_name",
    "input_type",
    "stage_id",
    "coalition_share_pct",
    "members_breakdown",
    "unknown",
    "below_threshold",
    "year",
    "source",
]
#: Columns of `CoalitionResult.stages`.
STAGE_COVERAGE_COLUMNS = [
    "stage_id",
    "stage_name",
    "coalition_share_pct",
    "members_breakdown",
    "unknown",
    "below_threshold",
    "year",
    "source",
    "caption",
]
#: Columns of `CoalitionResult.weak_links`.
WEAK_LINK_COLUMNS = [
    "input_id",
    "input_name",
    "input_type",
    "coalition_share_pct",
    "unknown",
    "process_id",
    "process_name",
    "stage_id",
    "year",
    "source",
]

_EPS = 1e-9


def _frozen(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


def _matrix(
    rows: pd.DataFrame, ids: Sequence[str], countries: Sequence[str]
) -> tuple[np.ndarray[Any, np.dtype[np.float64]], np.ndarray[Any, np.dtype[np.bool_]]]:
    """Shares (fraction, NaN where listed without a share, 0 where not listed) and listed mask."""
    r = {i: k for k, i in enumerate(ids)}
    c = {x: k for k, x in enumerate(countries)}
    shares = np.zeros((len(ids), len(countries)))
    listed = np.zeros((len(ids), len(countries)), dtype=bool)
    for i, p, s in zip(rows["input_id"], rows["provider"], rows["share_pct"], strict=True):
        if i in r and p in c:
            shares[r[i], c[p]] = s / 100.0
            listed[r[i], c[p]] = True
    return shares, listed


@dataclass(frozen=True, eq=False)
class CoalitionModel:
    """Country-share matrices of one chain, precomputed for fast coalition queries (read-only).

    ``shares`` is [inputs × countries] in 0..1 with unknown shares as 0 (``listed`` marks every
    listed provider, ``blank`` those without a share); ``unknown_pct`` is 100 − Σ named known
    shares, floored at 0. Rows are all inputs with a known named country share; ``leaf``/``top``
    select the hierarchy level of `assessed_inputs`.
    """

    release: str
    countries: tuple[str, ...]
    inputs: pd.DataFrame
    shares: np.ndarray[Any, np.dtype[np.float64]]
    listed: np.ndarray[Any, np.dtype[np.bool_]]
    blank: np.ndarray[Any, np.dtype[np.bool_]]
    unknown_pct: np.ndarray[Any, np.dtype[np.float64]]
    leaf: np.ndarray[Any, np.dtype[np.bool_]]
    top: np.ndarray[Any, np.dtype[np.bool_]]
    stages: pd.DataFrame
    stage_shares: np.ndarray[Any, np.dtype[np.float64]]
    stage_listed: np.ndarray[Any, np.dtype[np.bool_]]
    stage_blank: np.ndarray[Any, np.dtype[np.bool_]]
    stage_unknown_pct: np.ndarray[Any, np.dtype[np.float64]]
    _index: dict[str, int] = field(repr=False, default_factory=dict)

    @classmethod
    def from_chain(cls, chain: SupplyChain) -> CoalitionModel:
        """Precompute the matrices of `chain` (about 0.1 s on the full data)."""
        countries = tuple(chain.country_codes())
        leaf = set(assessed_inputs(chain, "country", "leaf"))
        top = set(assessed_inputs(chain, "country", "top"))
        ids = sorted(leaf | top, key=natural_key)
        rows = kind_rows(chain, "country")
        raw, listed = _matrix(rows, ids, countries)
        blank = listed & np.isnan(raw)
        first = rows.drop_duplicates("input_id").set_index("input_id")
        meta = chain.inputs.set_index("input_id")
        records = []
        down = downstream_summary(chain, ids)
        for iid in ids:
            proc, stage, reaches = down[iid]
            records.append(
                {
                    "input_id": iid,
                    "input_name": str(meta.at[iid, "name"]),
                    "input_type": str(meta.at[iid, "type"]),
                    "stage_id": stage,
                    "process_id": proc,
                    "process_name": None if proc is None else str(meta.at[proc, "name"]),
                    "reaches_final": reaches,
                    "year": first.at[iid, "year"],
                    "source": str(first.at[iid, "source"]),
                    "market_size_usd": meta.at[iid, "market_size_usd"],
                }
            )
        inputs = pd.DataFrame.from_records(records)
        inputs["year"] = inputs["year"].astype("Int64")
        inputs["market_size_usd"] = inputs["market_size_usd"].astype(float)
        srows = kind_rows(chain, "country", kind="stage")
        stage_ids = sorted(chain.stages["stage_id"].astype(str), key=natural_key)
        s_raw, s_listed = _matrix(srows, stage_ids, countries)
        sfirst = srows.drop_duplicates("input_id").set_index("input_id")
        stages = chain.stages.set_index("stage_id").loc[stage_ids].reset_index()
        stages = pd.DataFrame(
            {
                "stage_id": stage_ids,
                "stage_name": stages["name"].astype(str).tolist(),
                "year": pd.array([sfirst["year"].get(s, pd.NA) for s in stage_ids], dtype="Int64"),
                "source": [
                    str(sfirst["source"].get(s, chain.release.source_label)) for s in stage_ids
                ],
                "caption": stages["caption"].astype(str).tolist(),
            }
        )
        return cls(
            release=chain.release.source_label,
            countries=countries,
            inputs=inputs,
            shares=_frozen(np.nan_to_num(raw)),
            listed=_frozen(listed),
            blank=_frozen(blank),
            unknown_pct=_frozen(_unknown(rows, ids)),
            leaf=_frozen(np.array([i in leaf for i in ids], dtype=bool)),
            top=_frozen(np.array([i in top for i in ids], dtype=bool)),
            stages=stages,
            stage_shares=_frozen(np.nan_to_num(s_raw)),
            stage_listed=_frozen(s_listed),
            stage_blank=_frozen(s_listed & np.isnan(s_raw)),
            stage_unknown_pct=_frozen(_unknown(srows, stage_ids)),
            _index={c: k for k, c in enumerate(countries)},
        )

    def member_index(self, countries: Iterable[str], argument: str = "countries") -> list[int]:
        """Column indices of country codes (case-insensitive); aggregates and unknowns raise."""
        out: list[int] = []
        upper = {c.upper(): k for c, k in self._index.items()}
        for code in countries:
            k = upper.get(str(code).strip().upper())
            if k is None:
                raise InputError(
                    Problem(
                        "not a coalition member country",
                        field=argument,
                        value=str(code),
                        expected="a named country code such as "
                        + ", ".join(self.countries[:6])
                        + " (aggregates like 'Various countries' cannot join a coalition)",
                    )
                )
            if k not in out:
                out.append(k)
        return out

    def level_mask(self, level: str) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Rows of the assessed inputs at hierarchy `level` ("leaf" or "top")."""
        level = check_choice(level, "level", ("leaf", "top"))
        return self.leaf if level == "leaf" else self.top


def _unknown(rows: pd.DataFrame, ids: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
    named = rows[~rows["is_aggregate"]]
    known = named.groupby("input_id")["share_pct"].sum(min_count=1)
    return np.array([max(0.0, 100.0 - float(np.nan_to_num(known.get(i, 0.0)))) for i in ids])


_MODELS: dict[int, tuple[weakref.ref[SupplyChain], CoalitionModel]] = {}


def coalition_model(chain: SupplyChain | CoalitionModel) -> CoalitionModel:
    """The `CoalitionModel` of a chain, built once per chain object and dropped with it."""
    if isinstance(chain, CoalitionModel):
        return chain
    key = id(chain)
    hit = _MODELS.get(key)
    if hit is not None and hit[0]() is chain:
        return hit[1]
    model = CoalitionModel.from_chain(chain)
    _MODELS[key] = (weakref.ref(chain), model)
    weakref.finalize(chain, _MODELS.pop, key, None)
    return model


def share_matrix(
    chain: SupplyChain, input_ids: Sequence[str], countries: Sequence[str] | None = None
) -> tuple[np.ndarray[Any, np.dtype[np.float64]], list[str], list[str]]:
    """Country shares as an [inputs × countries] array of fractions sᵢⱼ/100 for fast evaluation.

    Inputs (ids, names or stage ids S1..S3) and countries (default: every named country code)
    keep their given order. A provider not listed is 0; one listed without a share is NaN.

    >>> from chipshock.examples import tiny_chain
    >>> m, rows, cols = share_matrix(tiny_chain(), ["N11", "N13"], ["JPN", "USA"])
    >>> m.tolist(), rows, cols
    ([[0.2, 0.0], [0.9, 0.1]], ['N11', 'N13'], ['JPN', 'USA'])
    """
    stage_ids = set(chain.stages["stage_id"].astype(str))
    ids = [q if q in stage_ids else chain.resolve_input(q, argument="input_ids") for q in input_ids]
    named = chain.country_codes()
    if countries is None:
        cols = named
    else:
        cols = chain.resolve_countries(countries, argument="countries")
        bad = [c for c in cols if c not in named]
        if bad:
            raise InputError(
                Problem(
                    "aggregate is not a country",
                    field="countries",
                    value=bad[0],
                    expected="a named country code",
                )
            )
    rows = pd.concat([kind_rows(chain, "country"), kind_rows(chain, "country", kind="stage")])
    shares, _ = _matrix(rows, ids, cols)
    return shares, ids, cols


@dataclass(frozen=True)
class CoalitionResult:
    """Coverage of each assessed input by a coalition, its weak links, stages and a summary."""

    members: tuple[str, ...]
    threshold: float
    level: str
    coverage: pd.DataFrame
    weak_links: pd.DataFrame
    stages: pd.DataFrame
    summary: dict[str, object]


def _breakdown(
    shares: np.ndarray[Any, Any],
    listed: np.ndarray[Any, Any],
    blank: np.ndarray[Any, Any],
    names: Sequence[str],
) -> list[str]:
    out = []
    for srow, lrow, brow in zip(shares, listed, blank, strict=True):
        known = sorted(
            ((-s, n) for s, lst, b, n in zip(srow, lrow, brow, names, strict=True) if lst and not b)
        )
        parts = [f"{n} {-s * 100:.1f}" for s, n in known]
        parts += [f"{n} ?" for lst, b, n in zip(lrow, brow, names, strict=True) if b]
        out.append("; ".join(parts))
    return out


def coalition_coverage(
    chain: SupplyChain | CoalitionModel,
    countries: Iterable[str],
    threshold: float = 50.0,
    level: str = "leaf",
) -> CoalitionResult:
    """Coalition share cⱼ(S) = Σ_{i∈S} sᵢⱼ of every assessed input and stage, and the weak links.

    ``coverage`` (`COVERAGE_COLUMNS`): one row per assessed input; ``unknown`` is the share
    (percent) not attributed to any named country, so the true coalition share may be up to
    ``coalition_share_pct + unknown``; ``below_threshold`` is cⱼ < threshold. ``weak_links``
    (`WEAK_LINK_COLUMNS`): below-threshold inputs that lead to the finished chip, weakest first,
    with the process and stage they feed. ``stages`` (`STAGE_COVERAGE_COLUMNS`): S1..S3.
    ``summary``: n_inputs, n_covered, share_covered, mean_coalition_share, weakest_input,
    weakest_input_name, weakest_share_pct.

    >>> from chipshock.examples import tiny_chain
    >>> r = coalition_coverage(tiny_chain(), ["JPN", "USA"])
    >>> for row in r.coverage[["input_id", "coalition_share_pct", "members_breakdown"]].values:
    ...     print(row[0], row[1], row[2] or "-")
    N10 100.0 USA 100.0
    N12 0.0 -
    N13 100.0 JPN 90.0; USA 10.0
    N14 30.0 USA 30.0
    N15 0.0 -
    >>> r.summary["n_covered"], r.weak_links["input_id"].tolist()
    (2, ['N12', 'N15', 'N14'])
    """
    threshold = check_pct(threshold, "threshold")
    m = coalition_model(chain)
    idx = m.member_index(countries)
    members = tuple(m.countries[k] for k in idx)
    rows = m.level_mask(level)
    names = list(members)
    sh = m.shares[rows][:, idx]
    share_pct = np.round(sh.sum(axis=1) * 100.0, 6)
    below = share_pct < threshold - _EPS
    meta = m.inputs[rows].reset_index(drop=True)
    cov = meta.assign(
        coalition_share_pct=share_pct,
        members_breakdown=_breakdown(sh, m.listed[rows][:, idx], m.blank[rows][:, idx], names),
        unknown=np.round(m.unknown_pct[rows], 6),
        below_threshold=below,
    )
    weak = cov[below & cov["reaches_final"].to_numpy(dtype=bool)]
    weak = weak.sort_values(["coalition_share_pct", "input_id"], key=_sort_key, kind="stable")
    ssh = m.stage_shares[:, idx]
    s_pct = np.round(ssh.sum(axis=1) * 100.0, 6)
    stages = m.stages.assign(
        coalition_share_pct=s_pct,
        members_breakdown=_breakdown(ssh, m.stage_listed[:, idx], m.stage_blank[:, idx], names),
        unknown=np.round(m.stage_unknown_pct, 6),
        below_threshold=s_pct < threshold - _EPS,
    )
    n = len(cov)
    if n:
        w = int(np.argmin(share_pct))
        weakest: dict[str, object] = {
            "weakest_input": str(meta.at[w, "input_id"]),
            "weakest_input_name": str(meta.at[w, "input_name"]),
            "weakest_share_pct": float(share_pct[w]),
        }
    else:
        weakest = {"weakest_input": None, "weakest_input_name": None, "weakest_share_pct": None}
    summary: dict[str, object] = {
        "members": list(members),
        "threshold": threshold,
        "level": level,
        "n_inputs": n,
        "n_covered": int((~below).sum()),
        "share_covered": float((~below).mean()) if n else float("nan"),
        "mean_coalition_share": float(share_pct.mean()) if n else float("nan"),
        **weakest,
        "release": m.release,
    }
    return CoalitionResult(
        members=members,
        threshold=threshold,
        level=level,
        coverage=cov[COVERAGE_COLUMNS].reset_index(drop=True),
        weak_links=weak[WEAK_LINK_COLUMNS].reset_index(drop=True),
        stages=stages[STAGE_COVERAGE_COLUMNS].reset_index(drop=True),
        summary=summary,
    )


def _sort_key(col: pd.Series[Any]) -> pd.Series[Any]:
    if col.name == "input_id":
        return col.map(lambda i: natural_key(str(i))).rank(method="dense")
    return col
