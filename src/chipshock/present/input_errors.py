"""The error for an input that names nothing, said once for the CLI (`chipshock shares|trace`)
and the API (``GET /api/shares?input=``, ``GET /api/trace/{id}``): the field and the value, the
kinds of valid input (the ETO inputs, how many and the range of their ids; the raw materials and
advanced packaging by id) with where each surface lists them (`InputListings`), and the close
ones, raw materials included (``galium``: gallium, which is no ETO input).

The same for a registry filter that names nothing: an operator no fab's operator contains
(`unknown_operator`, ``chipshock fabs --operator tmsc``: did you mean TSMC?) and a value outside
a filter's choices (`unknown_choice`, ``--status operatng``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from chipshock.errors import InputError, Problem, UnknownCodeError
from chipshock.model.chain import SupplyChain

__all__ = [
    "API_LISTINGS",
    "CLOSE_INPUTS",
    "InputListings",
    "cli_listings",
    "resolve_eto_input",
    "unknown_choice",
    "unknown_input",
    "unknown_operator",
]

#: how many close inputs an unknown one suggests
CLOSE_INPUTS = 3


@dataclass(frozen=True)
class InputListings:
    """Where a surface lists the valid inputs: ``eto``, the ETO inputs with shares, by id and
    name; ``materials``, the raw materials and advanced packaging."""

    eto: str
    materials: str


def cli_listings(release: str = "current") -> InputListings:
    """The commands that list them, for the ETO inputs of ``release`` (``--release``).

    >>> cli_listings("v2022").eto
    'chipshock inputs --release v2022'
    """
    suffix = "" if release == "current" else f" --release {release}"
    return InputListings(f"chipshock inputs{suffix}", "chipshock chokepoints --materials")


#: the routes that answer as the CLI's commands do (`chipshock inputs`, `chipshock chokepoints
#: --materials`); the API serves the current release only
API_LISTINGS = InputListings("GET /api/inputs", "GET /api/chokepoints?materials=true")


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
    listings: InputListings | None = None,
) -> UnknownCodeError:
    """The error for an input that names no ETO input of ``chain``'s release and no raw
    material or model input of ``materials`` (`chipshock.analysis.materials.resolve_material`'s
    table): it names ``field`` and the value, says what is valid (an ETO input by id or name,
    how many and the range of their ids, and where they are listed; each material id) and,
    where one is close (a close spelling, or a name holding the query: ``euv``), suggests it as
    "id name". ``release``: the release the chain was read with; ``listings``: where the
    surface lists the inputs (the CLI's commands for ``release`` when None).
    """
    where = listings if listings is not None else cli_listings(release)
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
    close += _close_in_names(folded, list(by_text))
    if len(folded) >= 3:
        close += [t for t in by_text if folded in t]
    picked = list(dict.fromkeys(by_text[t] for t in close))[:CLOSE_INPUTS]
    pairs = [f"{k} {names[k]}" if k in names else f"{k} ({mats[k]})" for k in picked]
    return UnknownCodeError(
        Problem(
            "unknown input",
            field=field,
            value=query,
            expected=f"an ETO input by id or name ({len(ids)} in the "
            f"{chain.release.source_label}, ids "
            f"{ids[0]} to {ids[-1]}; `{where.eto}` lists them all, by id and name) or "
            f"a raw material or advanced packaging by id or name ({', '.join(mats)}; "
            f"`{where.materials}` lists them)"
            + (f"; did you mean {', '.join(pairs)}?" if pairs else ""),
        )
    )


def _close_in_names(folded: str, texts: list[str]) -> list[str]:
    """The names (casefolded) whose words, as many as the query has, read like a close spelling
    of the query (``euv lithografy``: ``euv lithography tools``), closest first; the whole
    name is too long to be close to a query that names only its start."""
    words = folded.split()
    if not words or len(folded) < 4:
        return []
    scored = []
    for text in texts:
        parts = text.split()
        best = max(
            (
                difflib.SequenceMatcher(None, folded, " ".join(parts[i : i + len(words)])).ratio()
                for i in range(max(1, len(parts) - len(words) + 1))
            ),
            default=0.0,
        )
        if best >= 0.8:
            scored.append((best, text))
    return [text for _, text in sorted(scored, key=lambda pair: -pair[0])]


def resolve_eto_input(
    chain: SupplyChain,
    materials: pd.DataFrame,
    query: str,
    field: str = "INPUT",
    release: str = "current",
    listings: InputListings | None = None,
) -> str:
    """The ETO input id ``query`` names (`SupplyChain.resolve_input`, by id or name, any case);
    one it does not name is `unknown_input`'s error (``materials``: those already tried)."""
    try:
        return chain.resolve_input(query, argument=field)
    except UnknownCodeError:
        raise unknown_input(query, chain, materials, field, release, listings) from None


def unknown_operator(
    query: str, operators: pd.Series, field: str = "--operator"
) -> UnknownCodeError:
    """The error for an operator filter (matched as part of the name, any case) that no name
    in ``operators`` (the registry's ``operator`` column) contains: the field, the value, what
    is valid and the close names or words of names (a close spelling: ``tmsc`` -> TSMC).

    >>> ops = pd.Series(["TSMC", "Samsung Electronics", "Intel"])
    >>> print(unknown_operator("tmsc", ops).problem.expected)  # doctest: +ELLIPSIS
    part of an operator's name, any case (3 operators...); did you mean TSMC?
    """
    names = sorted({str(o) for o in operators.dropna() if str(o)}, key=str.casefold)
    by_text: dict[str, str] = {}
    for name in names:
        for text in (name, *re.findall(r"[^\W_]+", name)):
            by_text.setdefault(text.casefold(), text)
    close = difflib.get_close_matches(query.strip().casefold(), list(by_text), cutoff=0.6)
    picked = list(dict.fromkeys(by_text[t] for t in close))[:CLOSE_INPUTS]
    return UnknownCodeError(
        Problem(
            "no fab's operator contains this",
            field=field,
            value=query,
            expected=f"part of an operator's name, any case ({len(names)} operators; "
            "`chipshock fabs --totals operator` lists them)"
            + (f"; did you mean {', '.join(picked)}?" if picked else ""),
        )
    )


def unknown_choice(value: str, choices: Sequence[str], field: str) -> InputError:
    """The error for ``value`` outside ``choices`` (exact, as the filter compares): the field,
    the value, every choice and the close ones.

    >>> print(unknown_choice("operatng", ["operating", "closed"], "--status").problem.expected)
    one of operating, closed; did you mean operating?
    """
    close = difflib.get_close_matches(value.casefold(), list(choices), n=CLOSE_INPUTS, cutoff=0.6)
    return InputError(
        Problem(
            "unknown value",
            field=field,
            value=value,
            expected="one of "
            + ", ".join(choices)
            + (f"; did you mean {', '.join(close)}?" if close else ""),
        )
    )
