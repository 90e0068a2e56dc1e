"""The report's table of data rows gives each market's chip demand D[m, y] in the scenario's
year as the run uses it (session 21), after the rows of end_markets.csv and
market_demand_path.csv it comes from: value, unit in the report's language, and a link to each
of the two path rows' sources where the value lies between them. The CLI and the API give the
same numbers: tests/api/test_market_demand_surfaces.py."""

from __future__ import annotations

import re
from pathlib import Path

from tests.report.conftest import FakeResult

from chipshock.present.messages import message
from chipshock.report import render_report
from chipshock.scenarios import load_scenario
from chipshock.sim.assumptions import DEMAND_FILE
from chipshock.sim.data import load_model_data
from chipshock.sim.prepare import prepare


def test_the_flagship_s_2027_demand_follows_its_rows(result: FakeResult, built_store: Path) -> None:
    """The flagship's first shock is in 2027: six D lines for 2027, after the path rows; AI's
    514.5 bn links both path rows it lies between; in Japanese the unit is translated."""
    prep = prepare(load_scenario("taiwan-blockade-2027-6m"), load_model_data(built_store))
    files = prep.assumptions["file"].tolist()
    lines = prep.assumptions[prep.assumptions["file"] == DEMAND_FILE]
    assert lines["id"].str.endswith("/2027").all() and len(lines) == 6
    assert files.index(DEMAND_FILE) == len(files) - files[::-1].index("market_demand_path.csv")
    for lang in ("en", "ja"):
        html = render_report(
            FakeResult(result.bands, result.kpis, assumptions=prep.assumptions), lang
        ).replace("<wbr>", "")  # a cell's line-break hints (`cell_text`)
        row = re.search(
            rf"<td>{re.escape(DEMAND_FILE)}</td><td>ai_datacenter/2027</td>(.*?)</tr>", html
        )
        assert row is not None
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row[1])
        assert cells[0] == "514.5"
        assert cells[1] == message("report.data_unit.USD bn a year", lang)
        assert len(re.findall(r"<a href=", cells[2])) == 2  # the 2026 and the 2030 row
        assert re.sub(r"<[^>]+>", "", cells[3]) == "2026-04 ; 2025-11-11"  # each date whole
