"""The producer utilisation tables of `scenario run --utilisation` (and `results show`) for a
terminal: the shock year's producers, most stretched first, and apart the fabs measured in a later
year; their captions and the columns a narrow terminal keeps.

Pure functions from `SimResult.utilisation` to DataFrames and text; nothing here prints or runs
the engine (`chipshock.cli.scenario_utilisation` puts them on the terminal).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.capacity_age import OLD_MARKER
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_cell_number, fmt_points
from chipshock.present.utilisation import shock_year, shock_year_rows
from chipshock.sim.run.utilisation import counted_operator

__all__ = [
    "CAPACITY_AS_OF_COLUMN",
    "UTILISATION_KEY_COLUMNS",
    "UTILISATION_LATER_TITLE",
    "UTILISATION_TITLE",
    "utilisation_caption",
    "utilisation_captions",
    "utilisation_later_table",
    "utilisation_narrow",
    "utilisation_sections",
    "utilisation_table",
]


# --- producer utilisation ---------------------------------------------------------------------

#: titles of the `scenario run --utilisation` sections on a terminal (json and csv: one section
#: ``utilisation``, its rows flagged by ``in_shock_year``): the shock year's producers, ranked, and
#: apart the fabs without capacity in the shock year, measured in a later year over fewer runs
UTILISATION_TITLE = "producer utilisation, % of capacity (most stretched first)"
UTILISATION_LATER_TITLE = (
    "fabs that start during the shock: measured in their first year with capacity, over the "
    "runs whose shock reaches it (not ranked with the above)"
)


def _cell(value: Any, digits: int = 1) -> str:
    """A number of the tables at ``digits`` decimals, a nonzero one that rounds to zero "<0.1"
    (">-0.1"), never "0.0", as the report and the dashboard write it (`fmt_cell_number`)."""
    return fmt_cell_number(float(value), digits) if pd.notna(value) else "–"


#: the column of the capacity figure's date, with its age when old (`present.capacity_age`)
CAPACITY_AS_OF_COLUMN = "capacity as of"


def _utilisation_cells(rows: pd.DataFrame, capacity_header: str) -> dict[str, list[str]]:
    """The columns both utilisation tables share, formatted; given the age columns of
    `chipshock.present.capacity_age.capacity_age_columns`, a producer whose capacity figure is
    old has the marker before its name (kept on a narrow terminal) and the last column gives
    each figure's date, an old one with its age."""
    names = [  # a remainder counted as an operator's says so (remainder_operators.csv)
        f"{n}, counted as {counted_operator(str(o))}'s" if counted_operator(str(o)) else str(n)
        for n, o in zip(rows["name"], rows["operator"], strict=True)
    ]
    aged = "capacity_age_old" in rows
    if aged:
        names = [
            f"{OLD_MARKER} {n}" if old else n
            for n, old in zip(names, rows["capacity_age_old"], strict=True)
        ]
    cells = _shared_cells(rows, capacity_header)
    if aged:
        cells[CAPACITY_AS_OF_COLUMN] = [str(v) for v in rows["capacity_as_of_label"]]
    return {"producer": names, **cells}


def _shared_cells(rows: pd.DataFrame, capacity_header: str) -> dict[str, list[str]]:
    return {
        "region": [str(v) for v in rows["region"]],
        "class": [str(v) for v in rows["node_class"]],
        capacity_header: [  # as the report and dashboard write a capacity: one decimal, a
            # nonzero below the tenth "<0.1" (a fab's first weeks), never "0.0"
            fmt_cell_number(float(v), 1) if pd.notna(v) else "–"
            for v in rows["capacity_kwspm"]
        ],
        "normal %": [_cell(v) for v in rows["baseline_pct"]],
        "shock %": [_cell(v) for v in rows["shock_p50_pct"]],
        "p5 – p95": [  # no-break spaces: a band never splits over two lines on a narrow
            # terminal (the table leaves out a lower-priority column instead)
            f"{_cell(lo)}\u00a0–\u00a0{_cell(hi)}" if pd.notna(lo) else "–"
            for lo, hi in zip(rows["shock_p5_pct"], rows["shock_p95_pct"], strict=True)
        ],
        "change pp": [fmt_points(v) for v in rows["change_pp"]],
    }


def utilisation_table(summary: pd.DataFrame) -> pd.DataFrame:
    """For the terminal: one row per producer of the shock year in `SimResult.utilisation`
    (its order: the most stretched in the shock weeks first): producer, region, node class,
    capacity in the shock year, normal utilisation, shock-week utilisation (median, and
    p5 – p95) and the change. Fabs measured in a later year are in `utilisation_later_table`;
    operators, countries and sources are in the json and csv output."""
    year = shock_year(summary)
    if year is None:
        return pd.DataFrame()
    rows, _ = shock_year_rows(summary)
    return pd.DataFrame(_utilisation_cells(rows, f"kwspm {year}"))


def utilisation_later_table(summary: pd.DataFrame) -> pd.DataFrame:
    """For the terminal: the fabs without capacity in the shock year, measured in their first
    year with capacity over the runs whose shock weeks reach it (empty without any): the
    columns of `utilisation_table` with the capacity in that year, the year in brackets, and
    the number of runs instead of the change (as wide as the shock year's table)."""
    _, later = shock_year_rows(summary)
    if later.empty:
        return pd.DataFrame()
    cells = _utilisation_cells(later, "kwspm (year)")
    cells["kwspm (year)"] = [
        f"{v} ({int(y)})" for v, y in zip(cells["kwspm (year)"], later["year"], strict=True)
    ]
    del cells["change pp"]
    return pd.DataFrame({**cells, "runs": [f"{int(n):,}" for n in later["shock_runs"]]})


#: the utilisation tables' columns a narrow terminal keeps, most important first
UTILISATION_KEY_COLUMNS = (
    "producer",
    "shock %",
    "p5 – p95",
    "change pp",
    "normal %",
    "runs",
    "region",
    "class",
)


def utilisation_narrow(summary: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """`UTILISATION_KEY_COLUMNS` for each table of `utilisation_sections` (emit_many's
    ``narrow``), the same on `scenario run` and `results show`."""
    return dict.fromkeys(utilisation_captions(summary), UTILISATION_KEY_COLUMNS)


def utilisation_sections(summary: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The terminal's utilisation tables by title: the shock year's producers and, if any,
    apart, the fabs measured in a later year."""
    later = utilisation_later_table(summary)
    tables = {UTILISATION_TITLE: utilisation_table(summary)}
    if not later.empty:
        tables[UTILISATION_LATER_TITLE] = later
    return tables


def utilisation_captions(
    summary: pd.DataFrame, note: str = "", age_note: str = ""
) -> dict[str, str]:
    """The captions of `utilisation_sections`, ``note`` (the run's exemption note, if any)
    after the main table's, and ``age_note`` (`present.capacity_age.capacity_age_note`, the
    old capacity figures) after that."""
    rows, later = shock_year_rows(summary)
    runs = int(rows["shock_runs"].max()) if not rows.empty else 0
    return {
        UTILISATION_TITLE: " ".join(x for x in (utilisation_caption(summary), note, age_note) if x),
        UTILISATION_LATER_TITLE: (
            f"These {len(later)} fabs have no capacity in {shock_year(summary)}: each is measured "
            f"in its first year with capacity, only in the runs whose shock weeks reach that year "
            f"(runs, of {runs:,} with shock weeks), so they are listed apart, not ranked with the "
            "producers above. Normal % and kwspm are those of that year."
        ),
    }


def utilisation_caption(summary: pd.DataFrame) -> str:
    """What the utilisation table shows and where its numbers come from (``cli.util_caption``,
    the words `scenario run --lang ja` prints in Japanese)."""
    return message("cli.util_caption", "en", year=shock_year(summary) or "–")
