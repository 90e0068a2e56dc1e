"""`chipshock fabs`'s filters checked before any table is drawn: a value that names nothing is
an error naming the option, the value, what is valid and the close choices (exit 2, never an
empty table: `check_fab_filters`); filters that are each valid but match no fab together give
a sentence that says so and how many fabs each matches alone (`nothing_matched`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from chipshock.analysis.alliance import filter_fabs
from chipshock.model.registry_schema import FAB_STATUSES
from chipshock.present.input_errors import unknown_choice, unknown_operator
from chipshock.present.labels import Lang
from chipshock.present.messages import count_message, message

__all__ = ["FabFilters", "check_fab_filters", "nothing_matched"]

#: the choices of ``--node`` and ``--segment``, as `filter_fabs` checks them
NODE_CLASSES = ("lt10", "n10_22", "n28_45", "gt45", "memory", "packaging")
SEGMENTS = ("logic", "foundry-mature", "memory", "packaging")


@dataclass(frozen=True)
class FabFilters:
    """The filters of one `chipshock fabs` call (``country``: codes with groups expanded)."""

    country: Sequence[str] = ()
    country_given: Sequence[str] = ()
    operator: str | None = None
    node: str | None = None
    max_node_nm: float | None = None
    status: Sequence[str] = ()
    segment: str | None = None
    year: int | None = None

    def apply(self, fabs: pd.DataFrame) -> pd.DataFrame:
        """The fabs of ``fabs`` that match every filter (`filter_fabs`)."""
        return filter_fabs(
            fabs,
            country=self.country,
            operator=self.operator,
            node_class=self.node,
            max_node_nm=self.max_node_nm,
            status=self.status,
            segment=self.segment,
            year=self.year,
        )

    def given(self) -> list[tuple[str, FabFilters]]:
        """Each filter given: its option as typed, and the filters with it alone."""
        out: list[tuple[str, FabFilters]] = []
        if self.country:
            alone = FabFilters(country=self.country, country_given=self.country_given)
            out.append((f"--country {' '.join(self.country_given)}", alone))
        if self.operator:
            out.append((f"--operator {self.operator}", FabFilters(operator=self.operator)))
        if self.node:
            out.append((f"--node {self.node}", FabFilters(node=self.node)))
        if self.max_node_nm is not None:
            alone = FabFilters(max_node_nm=self.max_node_nm)
            out.append((f"--max-node-nm {self.max_node_nm:g}", alone))
        for status in self.status:
            out.append((f"--status {status}", FabFilters(status=(status,))))
        if self.segment:
            out.append((f"--segment {self.segment}", FabFilters(segment=self.segment)))
        if self.year is not None:
            out.append((f"--year {self.year}", FabFilters(year=self.year)))
        return out


def check_fab_filters(fabs: pd.DataFrame, filters: FabFilters) -> None:
    """Every filter value must name something: a node class, status or segment among the
    choices (`unknown_choice`), an operator that is part of some fab's operator
    (`unknown_operator`); country codes are checked by `chipshock.cli.checks.check_countries`."""
    if filters.node is not None and filters.node not in NODE_CLASSES:
        raise unknown_choice(filters.node, NODE_CLASSES, "--node")
    for status in filters.status:
        if status not in FAB_STATUSES:
            raise unknown_choice(status, FAB_STATUSES, "--status")
    if filters.segment is not None and filters.segment not in SEGMENTS:
        raise unknown_choice(filters.segment, SEGMENTS, "--segment")
    if filters.operator and filter_fabs(fabs, operator=filters.operator).empty:
        raise unknown_operator(filters.operator, fabs["operator"])


def nothing_matched(fabs: pd.DataFrame, filters: FabFilters, lang: Lang) -> str:
    """The sentence for filters that match no fab together: the one filter given
    (``cli.fab_list_none_one``), or each given filter with how many fabs of the registry it
    matches alone (``cli.fab_list_none``)."""
    given = filters.given()
    if len(given) == 1:
        return message("cli.fab_list_none_one", lang, option=given[0][0])
    parts = [
        message(
            "cli.fab_list_none_part",
            lang,
            option=option,
            matches=count_message("cli.fab_list_none_count", len(alone.apply(fabs)), lang),
        )
        for option, alone in given
    ]
    return message("cli.fab_list_none", lang, filters=("; " if lang == "en" else "、").join(parts))
