"""`chipshock fabs|partnerships|deliverables`: the alliance registry."""

from __future__ import annotations

from typing import Annotated

import typer

from chipshock.analysis.alliance import (
    deliverable_totals,
    fab_totals,
    filter_deliverables,
    filter_fabs,
    filter_partnerships,
    partnership_totals,
)
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.output import Format, emit

CountryOpt = Annotated[
    list[str] | None, typer.Option("--country", "-c", help="ISO code; repeat for several.")
]
TotalsOpt = Annotated[
    str | None, typer.Option("--totals", help="Show totals grouped by this column instead of rows.")
]


def fabs(
    country: CountryOpt = None,
    operator: Annotated[str | None, typer.Option(help="Operator name contains this.")] = None,
    node: Annotated[
        str | None, typer.Option(help="Node class: lt10, n10_22, n28_45, gt45, memory, packaging.")
    ] = None,
    max_node_nm: Annotated[
        float | None, typer.Option(help="Marketed node at most this (nm).")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(help="operating, ramping, under-construction, announced, cancelled."),
    ] = None,
    segment: Annotated[
        str | None, typer.Option(help="logic, foundry-mature, memory, packaging.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Only fabs producing by this year.")] = None,
    totals: TotalsOpt = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The fab registry: where chips are made, by whom, at what node, with what public money.

    Example: chipshock fabs --country JPN --year 2027 --totals operator
    """
    table = filter_fabs(
        alliance(db).fabs,
        country=country or (),
        operator=operator,
        node_class=node,
        max_node_nm=max_node_nm,
        status=status or (),
        segment=segment,
        year=year,
    )
    if totals:
        emit(
            fab_totals(table, by=totals),
            fmt,
            title=f"fabs by {totals}",
            caption="capacity_wspm sums only fabs with a published capacity (n_with_capacity).",
        )
        return
    emit(
        table,
        fmt,
        title=f"{len(table)} fab(s)",
        columns=[
            "fab_id",
            "operator",
            "country",
            "node_nm",
            "capacity_wspm",
            "status",
            "production_start_year",
            "public_funding_usd",
            "as_of",
            "source_url",
        ],
        caption="Sources: company and government releases and press (see source_url); "
        "curated by chipshock, as of each row's date.",
    )


def partnerships(
    country: CountryOpt = None,
    party: Annotated[str | None, typer.Option(help="A party's name contains this.")] = None,
    kind: Annotated[str | None, typer.Option(help="grant, subsidy, joint development, …")] = None,
    technology: Annotated[
        str | None, typer.Option(help="Technology contains this, e.g. 2nm.")
    ] = None,
    status: Annotated[str | None, typer.Option(help="active, awarded, approved, …")] = None,
    year: Annotated[int | None, typer.Option(help="Only those started by this year.")] = None,
    totals: TotalsOpt = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Partnerships and public funding (IBM–Rapidus, LSTC, CHIPS awards, METI subsidies…).

    Example: chipshock partnerships --party Rapidus --totals kind
    """
    table = filter_partnerships(
        alliance(db).partnerships,
        country=country or (),
        party=party,
        kind=kind,
        technology=technology,
        status=status,
        year=year,
    )
    if totals:
        emit(
            partnership_totals(table, by=totals),
            fmt,
            title=f"partnerships by {totals}",
            caption="Umbrella and cumulative rows are left out of totals. lead_country = first "
            "listed party country (the funder for grants and subsidies).",
        )
        return
    emit(
        table,
        fmt,
        title=f"{len(table)} partnership(s)",
        columns=[
            "partnership_id",
            "parties",
            "kind",
            "technology",
            "amount_usd",
            "status",
            "start_date",
            "is_umbrella",
            "as_of",
            "source_url",
        ],
        caption="is_umbrella rows sum other rows: do not add them. Curated by chipshock.",
    )


def deliverables(
    country: CountryOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor or counterpart contains this.")] = None,
    sector: Annotated[
        str | None, typer.Option(help="semiconductors, AI, cloud, quantum, …")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="investment, partnership, …")] = None,
    totals: TotalsOpt = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The April 2024 U.S.–Japan state-visit deliverables, and context rows.

    Example: chipshock deliverables --sector AI
    """
    table = filter_deliverables(
        alliance(db).deliverables, country=country or (), actor=actor, sector=sector, kind=kind
    )
    if totals:
        emit(
            deliverable_totals(table, by=totals),
            fmt,
            title=f"deliverables by {totals}",
            caption="Umbrella rows are left out of totals.",
        )
        return
    emit(
        table,
        fmt,
        title=f"{len(table)} deliverable(s)",
        columns=[
            "actor",
            "actor_country",
            "sector",
            "kind",
            "amount_usd",
            "summary",
            "as_of",
            "confidence",
            "source_url",
        ],
        caption="Curated by chipshock from company releases and press; see note for context rows.",
    )
