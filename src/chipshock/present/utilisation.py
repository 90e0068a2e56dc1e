"""Which rows of a producer-utilisation summary (`chipshock.sim.run.utilisation`) every surface
ranks, and which it shows apart.

The summary's rows are measured in the shock year, except those of fabs without capacity then
that start during the shock: each of those is measured in its first year with capacity, only in
the runs whose shock weeks reach that year (``shock_runs``, often a few), so no surface ranks it
with the shock year's producers (the CLI, the report and the API's ``utilisation_meta`` say so
through these two functions).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["shock_year", "shock_year_rows"]


def shock_year(table: pd.DataFrame) -> int | None:
    """The shock year of a summary table: the year of its ``in_shock_year`` rows; for a table
    saved before that column (values null), its earliest year (later years are only those of
    fabs built during the shock). None when empty.

    >>> shock_year(pd.DataFrame({"year": [2028, 2027], "in_shock_year": [False, True]}))
    2027
    """
    if table.empty:
        return None
    if "in_shock_year" in table and table["in_shock_year"].notna().all():
        flagged = table.loc[table["in_shock_year"].astype(bool), "year"]
        if not flagged.empty:
            return int(flagged.min())
    return int(table["year"].min())


def shock_year_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows measured in the shock year, the rows measured in a later year), each in the
    table's order: the first are ranked against each other, the second (fabs without capacity
    in the shock year, measured over ``shock_runs`` runs only) are shown apart."""
    year = shock_year(table)
    if year is None:
        return table, table.iloc[:0]
    later = table["year"].astype(int) != year
    return table[~later], table[later]
