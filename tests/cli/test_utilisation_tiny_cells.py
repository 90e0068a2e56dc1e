"""`scenario run --utilisation` on a terminal writes a nonzero utilisation below the tenth as
"<0.1", never "0.0" (the cell rule, `fmt_cell_number`), the figure the briefing writes with its
"%", and a change below the tenth without a "+" before "<0.1"."""

from __future__ import annotations

import pandas as pd

from chipshock.cli.scenario_utilisation_view import utilisation_table
from chipshock.report.utilisation import utilisation_cells


def _summary() -> pd.DataFrame:
    """Two hand-made producer rows of the shock year 2027: one nearly idle in the shock weeks
    (0.03 % of capacity, up 0.02 points from a normal 0.01 %), one exactly idle."""
    return pd.DataFrame(
        {
            "name": ["Fab A", "Fab B"],
            "kind": ["fab", "fab"],
            "operator": ["tsmc", "umc"],
            "region": ["TWN", "TWN"],
            "node_class": ["lt10", "n28_45"],
            "capacity_kwspm": [50.0, 20.0],
            "baseline_pct": [0.01, 0.0],
            "shock_p50_pct": [0.03, 0.0],
            "shock_p5_pct": [-0.02, 0.0],
            "shock_p95_pct": [0.3, 0.0],
            "change_pp": [0.02, 0.0],
            "year": [2027, 2027],
            "in_shock_year": [True, True],
        }
    )


def test_a_nearly_idle_fab_reads_below_a_tenth_on_the_terminal_and_in_the_briefing() -> None:
    """0.03 % reads "<0.1" (the briefing: "<0.1%"), a band from −0.02 to 0.3 ">-0.1 – 0.3", a
    rise of 0.02 points "<0.1" (not "+0.0" or "+<0.1"); an exact 0 stays "0.0"."""
    summary = _summary()
    table = utilisation_table(summary)
    a, b = table.to_dict(orient="records")
    assert (a["normal %"], a["shock %"], a["change pp"]) == ("<0.1", "<0.1", "<0.1")
    assert a["p5 – p95"] == ">-0.1\u00a0–\u00a00.3"
    assert (b["normal %"], b["shock %"], b["change pp"]) == ("0.0", "0.0", "0.0")
    for row, cells in zip(summary.to_dict(orient="records"), (a, b), strict=True):
        report = utilisation_cells(row, "en", 2027)
        assert (report["normal"], report["shock"]) == (
            f"{cells['normal %']}%",
            f"{cells['shock %']}%",
        )


def test_a_tiny_capacity_reads_below_a_tenth_on_the_terminal_and_in_the_briefing() -> None:
    """A producer with 0.04 kwspm (40 wafer starts a month: a fab's first weeks) reads "<0.1"
    in the capacity column on the terminal and in the briefing, in either language (was "0.0",
    `fmt_number`); an exact 0 stays "0.0", a later fab's year follows its "<0.1"."""
    summary = _summary().assign(capacity_kwspm=[0.04, 0.0])
    a, b = utilisation_table(summary).to_dict(orient="records")
    assert (a["kwspm 2027"], b["kwspm 2027"]) == ("<0.1", "0.0")
    for lang in ("en", "ja"):
        cells = [utilisation_cells(r, lang, 2027) for r in summary.to_dict(orient="records")]
        assert [c["capacity"] for c in cells] == ["<0.1", "0.0"]
    later = summary.assign(year=[2028, 2027])
    assert utilisation_cells(later.iloc[0], "en", 2027)["capacity"] == "<0.1 (2028)"
