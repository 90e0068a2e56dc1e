"""Private helpers of `chipshock.analysis`: argument checks, the joined provision view, rng."""

from __future__ import annotations

import re
import weakref
from typing import Literal

import numpy as np
import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.model.chain import SupplyChain

__all__: list[str] = []

By = Literal["country", "firm"]
Level = Literal["leaf", "top"]

#: Provider kinds as named in the public API -> ``providers.provider_type`` values.
PROVIDER_TYPE: dict[str, str] = {"country": "country", "firm": "organization"}

#: Share at or above which a provider counts as the sole source (rounding of "100.0").
SOLE_SOURCE_PCT = 99.5

#: Columns of the joined provision view returned by `provision_view`.
VIEW_COLUMNS = [
    "input_id",
    "input_name",
    "input_type",
    "provider_id",
    "provider",
    "provider_type",
    "hq_country",
    "share_pct",
    "year",
    "source",
    "is_aggregate",
]

_NUM_RE = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that orders ``N2`` before ``N10``."""
    return tuple(int(p) if p.isdigit() else p for p in _NUM_RE.split(text))


def check_choice(value: object, field: str, choices: tuple[str, ...]) -> str:
    """Return `value` if it is one of `choices`, else raise `InputError` naming the field."""
    if not isinstance(value, str) or value not in choices:
        expected = " or ".join(repr(c) for c in choices)
        raise InputError(
            Problem(f"invalid {field}", field=field, value=str(value), expected=expected)
        )
    return value


def check_by(by: object, allow_both: bool = False) -> str:
    """Validate a provider-kind argument (``country``/``firm``, optionally ``both``)."""
    choices = ("country", "firm", "both") if allow_both else ("country", "firm")
    return check_choice(by, "by", choices)


def check_pct(value: object, field: str) -> float:
    """Validate a percentage argument in 0..100 and return it as float."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = float("nan")
    if not np.isfinite(number) or not 0.0 <= number <= 100.0:
        raise InputError(
            Problem(
                f"{field} must be a percentage",
                field=field,
                value=str(value),
                expected="a number from 0 to 100",
            )
        )
    return number


#: The joined view of each chain still alive, per kind: a chain is a frozen value, so its view
#: never changes; every analysis used to rebuild it (two merges) on every call.
_VIEWS: dict[tuple[int, str], pd.DataFrame] = {}


def provision_view(chain: SupplyChain, kind: str = "input") -> pd.DataFrame:
    """Provision rows of `kind` ("input" or "stage") joined to provider and input/stage names.

    A blank provision ``source`` falls back to the input's (or stage's) chart source, then to
    the release label, so that every share stays traceable. Built once per chain and kind
    (forgotten when the chain is); each call returns a copy, so a caller may change it.
    """
    key = (id(chain), kind)
    view = _VIEWS.get(key)
    if view is None:
        view = _VIEWS[key] = _provision_view(chain, kind)
        weakref.finalize(chain, _VIEWS.pop, key, None)
    return view.copy()


def _provision_view(chain: SupplyChain, kind: str) -> pd.DataFrame:
    pv = chain.provision[chain.provision["provided_kind"] == kind]
    prov = chain.providers[
        ["provider_id", "name", "provider_type", "hq_country", "is_aggregate"]
    ].rename(columns={"name": "provider"})
    df = pv.merge(prov, on="provider_id", how="left", validate="many_to_one")
    if kind == "input":
        meta = chain.inputs[["input_id", "name", "type", "source"]].rename(
            columns={"name": "input_name", "type": "input_type", "source": "chart_source"}
        )
    else:
        meta = chain.stages[["stage_id", "name", "source"]].rename(
            columns={"stage_id": "input_id", "name": "input_name", "source": "chart_source"}
        )
        meta = meta.assign(input_type="stage")
    df = df.rename(columns={"provided_id": "input_id"}).merge(meta, on="input_id", how="left")
    source = df["source"].astype(object).where(df["source"].astype(str) != "", None)
    chart = df["chart_source"].astype(object).where(df["chart_source"].astype(str) != "", None)
    df["source"] = source.fillna(chart).fillna(chain.release.source_label).astype(str)
    df["hq_country"] = df["hq_country"].astype(object).where(df["hq_country"].notna(), None)
    df["is_aggregate"] = df["is_aggregate"].astype(bool)
    df["share_pct"] = df["share_pct"].astype(float)
    return df[[*VIEW_COLUMNS, "negligible"]].reset_index(drop=True)


def kind_rows(chain: SupplyChain, by: str, kind: str = "input") -> pd.DataFrame:
    """`provision_view` restricted to one provider kind (``country`` or ``firm``)."""
    df = provision_view(chain, kind)
    return df[df["provider_type"] == PROVIDER_TYPE[by]].reset_index(drop=True)


def resolve_rng(rng: np.random.Generator | int | None) -> tuple[np.random.Generator, int]:
    """Normalise `rng` once, returning a fresh generator and the integer seed that recreates it."""
    if isinstance(rng, np.random.Generator):
        seed = int(rng.integers(0, 2**63 - 1))
    elif rng is None:
        seed = int(np.random.SeedSequence().generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
    elif isinstance(rng, (int, np.integer)) and not isinstance(rng, bool) and int(rng) >= 0:
        seed = int(rng)
    else:
        raise InputError(
            Problem(
                "invalid random seed",
                field="rng",
                value=str(rng),
                expected="a non-negative int, a numpy Generator or None",
            )
        )
    return np.random.default_rng(seed), seed
