"""The supply chain as one frozen value: the normalised ETO tables of one release.

All tables are pandas DataFrames in a fixed tidy shape (see `COLUMNS`). Treat them as read-only:
functions in `chipshock.analysis` never modify them and always return new tables.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from chipshock.errors import Problem, UnknownCodeError

__all__ = ["AGGREGATE_PROVIDER_NAMES", "COLUMNS", "Release", "SupplyChain"]

#: Residual buckets that are not real providers (quirk 6): never ranked, never chokepoints.
AGGREGATE_PROVIDER_NAMES = frozenset({"Various countries", "Various", "Various companies"})

#: Column order of every normalised table.
COLUMNS: dict[str, tuple[str, ...]] = {
    "inputs": (
        "input_id",
        "name",
        "type",
        "stage_id",
        "description",
        "year",
        "market_size_usd",
        "market_size_year",
        "market_size_text",
        "source",
    ),
    "providers": ("provider_id", "name", "alias", "provider_type", "hq_country", "is_aggregate"),
    "provision": (
        "provider_id",
        "provided_id",
        "provided_kind",
        "share_pct",
        "year",
        "source",
        "negligible",
        "provider_name_as_listed",
    ),
    "edges": ("source_id", "target_id", "relation"),
    "stages": ("stage_id", "name", "description", "caption", "source", "market_size_text"),
}


@dataclass(frozen=True)
class Release:
    """Which release of the ETO dataset a chain comes from, and how to cite it."""

    release_id: str
    label: str
    as_of: str
    upstream_commit: str
    citation: str = (
        "Emerging Technology Observatory Advanced Semiconductor Supply Chain Dataset, "
        "https://eto.tech/dataset-docs/chipexplorer (CSET, Georgetown University)"
    )
    licence: str = "CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/)"

    @property
    def source_label(self) -> str:
        return f"ETO Chip Explorer dataset, {self.label}"


@dataclass(frozen=True)
class SupplyChain:
    """One release of the supply-chain knowledge base, normalised.

    Examples
    --------
    >>> from chipshock.examples import tiny_chain
    >>> chain = tiny_chain()
    >>> chain.input_name("N11")
    'Scanner'
    >>> chain.input_name("T1")
    Traceback (most recent call last):
    ...
    chipshock.errors.UnknownCodeError: unknown input (got 'T1'; ...)
    """

    release: Release
    inputs: pd.DataFrame
    providers: pd.DataFrame
    provision: pd.DataFrame
    edges: pd.DataFrame
    stages: pd.DataFrame
    notes: tuple[str, ...] = field(default=())

    # ---- lookups ------------------------------------------------------------------------
    def input_name(self, input_id: str) -> str:
        row = self.inputs.loc[self.inputs["input_id"] == input_id, "name"]
        if row.empty:
            stage = self.stages.loc[self.stages["stage_id"] == input_id, "name"]
            if not stage.empty:
                return str(stage.iloc[0])
            raise self._unknown("input", input_id, [str(i) for i in self.inputs["input_id"]])
        return str(row.iloc[0])

    def resolve_input(self, query: str, argument: str = "INPUT") -> str:
        """Return the input id for an id (``N20``) or a name (case-insensitive)."""
        q = query.strip()
        ids = self.inputs["input_id"].tolist()
        if q in ids:
            return str(q)
        upper = {str(i).upper(): str(i) for i in ids}
        if q.upper() in upper:
            return upper[q.upper()]
        by_name = {str(n).casefold(): str(i) for i, n in zip(ids, self.inputs["name"], strict=True)}
        if q.casefold() in by_name:
            return by_name[q.casefold()]
        raise self._unknown("input", q, [*ids, *self.inputs["name"].tolist()], argument=argument)

    def country_codes(self, include_aggregates: bool = False) -> list[str]:
        p = self.providers
        sel = p["provider_type"] == "country"
        if not include_aggregates:
            sel &= ~p["is_aggregate"]
        return sorted(p.loc[sel, "name"].astype(str).tolist())

    def resolve_countries(self, codes: Iterable[str], argument: str = "CODES") -> list[str]:
        """Normalise country codes (case-insensitive); unknown ones raise with a suggestion."""
        known = self.country_codes(include_aggregates=True)
        upper = {c.upper(): c for c in known}
        out: list[str] = []
        for code in codes:
            c = code.strip().upper()
            if c not in upper:
                raise self._unknown("country code", code, known, argument=argument)
            if upper[c] not in out:
                out.append(upper[c])
        return out

    def resolve_firm(self, query: str, argument: str = "FIRM") -> str:
        """Return the provider id of an organisation, by id, name or alias."""
        p = self.providers[self.providers["provider_type"] == "organization"]
        q = query.strip().casefold()
        for pid, name, alias in zip(p["provider_id"], p["name"], p["alias"], strict=True):
            aliases = [a.strip().casefold() for a in str(alias).split(";") if a.strip()]
            if q in (str(pid).casefold(), str(name).casefold(), *aliases):
                return str(pid)
        raise self._unknown("firm", query, p["name"].astype(str).tolist(), argument=argument)

    @staticmethod
    def _unknown(
        kind: str, value: str, known: list[str], argument: str | None = None
    ) -> UnknownCodeError:
        close = difflib.get_close_matches(str(value), [str(k) for k in known], n=3, cutoff=0.5)
        hint = f"one of the known {kind}s" + (f", e.g. {', '.join(close)}" if close else "")
        return UnknownCodeError(
            Problem(f"unknown {kind}", field=argument, value=str(value), expected=hint)
        )
