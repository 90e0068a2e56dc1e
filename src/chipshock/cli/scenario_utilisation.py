"""The per-producer utilisation of `scenario run --utilisation` and `scenario compare
--utilisation`: the API's rows and ``utilisation_meta`` for one result, and the terminal's
tables and captions.

Both commands take the rows from `chipshock.present.utilisation.utilisation_rows` and make the
meta from those rows (`utilisation_meta`), as `utilisation_payload` does for `POST
/api/scenarios/run` and each side of `POST /api/scenarios/compare`, so that the CLI's json and
csv give the API's rows for the same request. A comparison gives each side's table: json/csv
sections ``utilisation_a`` and ``utilisation_b`` (the API's ``a.utilisation`` and
``b.utilisation``), the meta under ``utilisation_meta.a`` and ``.b``; on a terminal each table
is titled with its side's name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

import pandas as pd
import typer

from chipshock.cli.scenario_utilisation_view import (
    utilisation_captions,
    utilisation_narrow,
    utilisation_sections,
)
from chipshock.present.jsonable import to_jsonable
from chipshock.present.messages import message
from chipshock.present.utilisation import (
    class_utilisation_line,
    exemption_names,
    exemption_note,
    reached_requirements,
    shock_year,
    utilisation_meta,
    utilisation_rows,
)

__all__ = [
    "COMPARE_UTILISATION_SECTIONS",
    "CompareUtilisationOpt",
    "ProducerUtilisation",
    "UtilisationOpt",
    "meta_rows",
    "producer_utilisation",
    "side_utilisation_tables",
    "utilisation_notes",
]

UtilisationOpt = Annotated[
    bool,
    typer.Option(
        "--utilisation",
        help="Also show each producer's utilisation (% of capacity) in the shock weeks, the "
        "most stretched first; fabs without capacity in the shock year, measured in a later "
        "year over fewer runs, apart (json/csv: section 'utilisation', flagged by "
        "in_shock_year, with shock_runs).",
    ),
]

CompareUtilisationOpt = Annotated[
    bool,
    typer.Option(
        "--utilisation",
        help="Also show each side's producer utilisation (% of capacity) in the shock weeks, "
        "the most stretched first, as `scenario run --utilisation` does for one scenario "
        "(json/csv: sections 'utilisation_a' and 'utilisation_b', the API's a.utilisation "
        "and b.utilisation; json meta 'utilisation_meta' with 'a' and 'b'; --lang ja: the "
        "tables in Japanese).",
    ),
]

#: the csv sections `scenario compare --utilisation` adds (``--section`` takes them)
COMPARE_UTILISATION_SECTIONS = (
    "utilisation_a",
    "utilisation_b",
    "utilisation_meta_a",
    "utilisation_meta_b",
)


@dataclass(frozen=True)
class ProducerUtilisation:
    """One result's utilisation as every surface gives it: ``rows``, the API's
    ``utilisation`` rows (`utilisation_rows`: Japanese names, each capacity figure's age),
    ``ages``, the age meta (``capacity_age_note`` and its Japanese twin), and ``meta``, the
    API's ``utilisation_meta`` (None for a result without a utilisation table)."""

    rows: pd.DataFrame
    ages: dict[str, Any]
    meta: dict[str, Any] | None


def producer_utilisation(result: Any, data: Any, *, meta: bool = True) -> ProducerUtilisation:
    """The rows and meta `POST /api/scenarios/run` gives for ``result`` (and each side of
    `POST /api/scenarios/compare`), from the model data the run used; ``meta=False`` leaves
    the meta out (None: a run that does not show the table builds no meta). The rows are
    computed once (`utilisation_rows`) and the meta made from them (`utilisation_meta`), as
    `utilisation_payload` makes both."""
    rows, ages = utilisation_rows(result.utilisation, data.fabs, data.model_assumptions)
    payload = (
        utilisation_meta(result, rows, ages, data.node_requirements, data.fabs, data.raw_materials)
        if meta
        else None
    )
    return ProducerUtilisation(rows, ages, payload)


def meta_rows(meta: dict[str, Any]) -> pd.DataFrame:
    """A meta object as a ``key``, ``value`` table for CSV (a list or object value as JSON)."""

    def cell(value: Any) -> Any:
        if isinstance(value, list | dict):
            return json.dumps(to_jsonable(value), ensure_ascii=False)
        return value

    return pd.DataFrame({"key": list(meta), "value": [cell(v) for v in meta.values()]})


def utilisation_notes(
    summary: Any, data: Any, assumptions: Any, age_note: str = ""
) -> dict[str, str]:
    """`utilisation_captions` with the note on the operators exempt from an input a shock of
    the run reaches (`exemption_note` of `reached_requirements`) after the main table's
    caption, and before it each class's normal utilisation in the shock year, saying which come
    from utilisation_path.csv (`class_utilisation_line`: the API's
    ``utilisation_meta.class_utilisation`` and the report give the same numbers); ``age_note``
    (`capacity_age_meta`: the old capacity figures) last."""
    year = shock_year(summary) if summary is not None and not summary.empty else None
    note = " ".join(
        x
        for x in (
            class_utilisation_line(assumptions, year),
            exemption_note(
                reached_requirements(data.node_requirements, assumptions),
                "en",
                exemption_names(data.fabs, data.raw_materials),
            ),
        )
        if x
    )
    return utilisation_captions(summary, note, age_note)


def side_utilisation_tables(
    sides: list[tuple[str, Any, ProducerUtilisation]], data: Any
) -> tuple[dict[str, pd.DataFrame], dict[str, str], dict[str, tuple[str, ...]]]:
    """The terminal's utilisation tables of a comparison: for each side (its name, its result,
    its `ProducerUtilisation`), the tables of `scenario run --utilisation` titled "<side>:
    <title>", with their captions and the columns a narrow terminal keeps (emit_many's
    sections, captions and narrow)."""
    tables: dict[str, pd.DataFrame] = {}
    captions: dict[str, str] = {}
    narrow: dict[str, tuple[str, ...]] = {}
    for label, result, parts in sides:
        notes = utilisation_notes(
            parts.rows, data, result.assumptions, parts.ages.get("capacity_age_note") or ""
        )
        keep = utilisation_narrow(parts.rows)
        for title, frame in utilisation_sections(parts.rows).items():
            named = message("cli.util_side_title", "en", side=label, title=title)
            tables[named] = frame
            captions[named] = notes.get(title, "")
            narrow[named] = keep.get(title, ())
    return tables, captions, narrow
