"""Checks of command-line values against the data: a bad value is an error that names the
option, the value and the valid choices (exit 2), never an empty table."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd

from chipshock.analysis.alliance import check_registry_countries, registry_countries
from chipshock.data.curated import AllianceData
from chipshock.data.store import default_paths
from chipshock.errors import InputError, Problem, UnknownCodeError
from chipshock.model.chain import SupplyChain
from chipshock.model.fab_ids import close_fab_ids

__all__ = [
    "check_choice",
    "check_countries",
    "check_fab_ids",
    "packaged_fab_ids",
    "resolve_eto_input",
    "unknown_input",
]


def check_fab_ids(fabs: pd.DataFrame, ids: Iterable[str], field: str) -> None:
    """Every id in ``ids`` must be a ``fab_id`` of the registry (as ``/api/fabs`` checks it)."""
    known = sorted(set(fabs["fab_id"].astype(str)))
    for fab in ids:
        if fab not in known:
            close = close_fab_ids(fab, known)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownCodeError(
                Problem(
                    "unknown fab",
                    field=field,
                    value=fab,
                    expected=f"a fab_id listed by `chipshock fabs` ({len(known)} fabs){hint}",
                )
            )


@cache
def packaged_fab_ids() -> pd.DataFrame:
    """The ``fab_id`` column of the registry shipped inside the package (``fabs.csv``), for
    the commands that have no store at hand (`scenario show`)."""
    path = default_paths().curated / "fabs.csv"
    return pd.read_csv(path, usecols=["fab_id"], dtype=str)


def check_choice(value: str | None, choices: pd.Series, field: str) -> None:
    """``value`` (compared without case) must be one of ``choices`` (a column of the data)."""
    if value is None:
        return
    valid = sorted({str(c) for c in choices.dropna() if str(c)}, key=str.casefold)
    if value.casefold() not in {v.casefold() for v in valid}:
        raise InputError(
            Problem("unknown value", field=field, value=value, expected=", ".join(valid))
        )


def check_countries(codes: Sequence[str] | None, data: AllianceData, field: str) -> None:
    """Country and group codes of a registry filter must be known (the API checks them the
    same way: `chipshock.analysis.alliance.check_registry_countries`)."""
    known = registry_countries(data.fabs, data.partnerships, data.deliverables)
    check_registry_countries(codes or (), known, data.country_groups, field)


#: how many close inputs an unknown one suggests
CLOSE_INPUTS = 3


def _natural(input_id: str) -> tuple[int, str]:
    """N2 before N10."""
    digits = re.sub(r"\D", "", input_id)
    return (int(digits) if digits else -1, input_id)


def unknown_input(
    query: str,
    chain: SupplyChain,
    materials: pd.DataFrame,
    field: str = "INPUT",
    release: str = "current",
) -> UnknownCodeError:
    """The error for an INPUT of `chipshock shares|trace` that names no ETO input of
    ``chain``'s release and no raw material or model input of ``materials`` (`resolve_material`'s
    table): it names ``field`` and the value, says what is valid (an ETO input by id or name,
    how many and the range of their ids, and the command that lists them; each material id) and,
    where one is close (a close spelling, or a name holding the query: ``euv``), suggests it as
    "id name": a close spelling alone (``N999``: N99) used to be all the error said, and
    nothing at all when none was. ``release``: the ``--release`` the chain was read with."""
    inputs = chain.inputs
    names = dict(zip(inputs["input_id"].astype(str), inputs["name"].astype(str), strict=True))
    ids = sorted(names, key=_natural)
    mats = dict(
        zip(materials["material_id"].astype(str), materials["name_en"].astype(str), strict=True)
    )
    by_text: dict[str, str] = {}
    for key, name in [*names.items(), *mats.items()]:
        for text in (key, name, name.split(" (", 1)[0]):
            by_text.setdefault(text.casefold(), key)
    folded = query.strip().casefold()
    close = difflib.get_close_matches(folded, list(by_text), cutoff=0.75)
    if len(folded) >= 3:
        close += [t for t in by_text if folded in t]
    picked = list(dict.fromkeys(by_text[t] for t in close))[:CLOSE_INPUTS]
    pairs = [f"{k} {names[k]}" if k in names else f"{k} ({mats[k]})" for k in picked]
    listing = "chipshock concentration" + ("" if release == "current" else f" --release {release}")
    return UnknownCodeError(
        Problem(
            "unknown input",
            field=field,
            value=query,
            expected=f"an ETO input by id or name ({len(ids)} in release {release}, ids "
            f"{ids[0]} to {ids[-1]}; `{listing}` lists those with shares, by id and name) or "
            f"a raw material or advanced packaging by id or name ({', '.join(mats)}; "
            "`chipshock chokepoints --materials` lists them)"
            + (f"; did you mean {', '.join(pairs)}?" if pairs else ""),
        )
    )


def resolve_eto_input(
    chain: SupplyChain,
    materials: pd.DataFrame,
    query: str,
    field: str = "INPUT",
    release: str = "current",
) -> str:
    """The ETO input id ``query`` names (`SupplyChain.resolve_input`, by id or name, any case);
    one it does not name is `unknown_input`'s error (``materials``: those already tried)."""
    try:
        return chain.resolve_input(query, argument=field)
    except UnknownCodeError:
        raise unknown_input(query, chain, materials, field, release) from None
