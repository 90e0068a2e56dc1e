"""The structural figures README.md and docs/api.md quote are what the CLI answers on the shipped
data: the number of ETO inputs, the U.S.–Japan coverage, EU27 and EUR with the U.S., Taiwan's
Shapley table in Japanese, the markets' chip demand in 2027, how many capacity cells the named
fabs cover and Japan's fabs of 2027. Each is read from the command a reader would run, so a data
release that moves one fails here instead of leaving the README behind. (The Monte Carlo figures
take minutes to reproduce and are pinned where they are computed: tests/sim, tests/report;
TSMC's served shares in tests/sim/test_sourcing_check.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chipshock.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
README = " ".join((ROOT / "README.md").read_text("utf-8").split())
API_DOC = " ".join((ROOT / "docs" / "api.md").read_text("utf-8").split())


def _run(store: Path, *args: str) -> str:
    """What `chipshock ARGS --db STORE` prints, on a terminal wide enough for its captions."""
    result = CliRunner().invoke(app, [*args, "--db", str(store)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.output


def _json(store: Path, *args: str) -> Any:
    return json.loads(_run(store, *args, "--format", "json"))


def _covered(store: Path, *countries: str) -> tuple[int, int, float]:
    """(inputs covered, inputs assessed, share covered) of `chipshock coalition COUNTRIES`."""
    summary = _json(store, "coalition", *countries)["summary"]
    return summary["n_covered"], summary["n_inputs"], summary["share_covered"]


def test_input_count(built_store: Path) -> None:
    """`chipshock inputs` lists as many inputs as README and docs/api.md say."""
    n = len(_json(built_store, "inputs")["rows"])
    assert f"lists all {n} ETO inputs" in README
    assert f"design segments; {n}, the finished chip too" in API_DOC


def test_us_japan_and_europe_coverage(built_store: Path) -> None:
    """The U.S. and Japan, and EU27 or EUR with the U.S., cover the inputs README quotes."""
    covered, assessed, share = _covered(built_store, "USA", "JPN")
    assert f"how many of the {assessed} assessed inputs" in README
    assert f"at least half of ({covered}, {share * 100:.0f} %)" in README
    eu27, assessed, _ = _covered(built_store, "USA", "EU27")
    eur, _, _ = _covered(built_store, "USA", "EUR")
    sentence = f"EU27 + USA cover {eu27} of {assessed} inputs, EUR + USA {eur}"
    assert sentence in README and sentence in API_DOC
    mine, _, _ = _covered(built_store, "--group", "WEST=USA,EUR", "WEST")
    assert mine == eur
    assert f"(`--group WEST=USA,EUR`: {mine} of {assessed}, as `USA EUR`)" in README
    assert f"`group=WEST=USA,EUR` covers {mine} of {assessed} inputs" in API_DOC


def test_taiwan_shapley_value_in_japanese(built_store: Path) -> None:
    """README quotes the Japanese Shapley table's title and Taiwan's value as `--lang ja` prints
    them (the English sentence: tests/api/test_shapley_surfaces.py)."""
    rows = _json(built_store, "shapley", "USA", "JPN", "NLD", "KOR", "TWN")["rows"]
    taiwan = next(r["shapley_pct"] for r in rows if r["member"] == "TWN")
    assert f"台湾 {taiwan:.1f}" in README
    printed = _run(built_store, "shapley", "USA", "JPN", "NLD", "KOR", "TWN", "--lang", "ja")
    title = printed.strip().split("；", 1)[0]
    assert f"--lang ja`: {title}, 台湾 {taiwan:.1f};" in README


def test_market_demand_2027(built_store: Path) -> None:
    """AI's and cars' chip demand in 2027, as `chipshock markets --year 2027` gives it."""
    rows = _json(built_store, "markets", "--year", "2027")["rows"]
    demand = {r["market_id"]: r["chip_demand_usd_bn"] for r in rows}
    ai, cars = f"{demand['ai_datacenter']:.1f}", f"{demand['automotive']:.1f}"
    assert f"AI {ai} bn in 2027, cars {cars}" in README
    assert f"AI and data centres USD {ai} bn in 2027" in README
    assert f"AI {ai} bn in 2027)" in API_DOC


@pytest.mark.parametrize("year", [2022, 2025, 2027])
def test_capacity_coverage_cells(built_store: Path, year: int) -> None:
    """How many region x class cells reach the registry's 90 % aim, as the coverage table's
    caption counts them."""
    printed = " ".join(_run(built_store, "fabs", "--capacity-in", str(year), "--coverage").split())
    found = re.search(r"(\d+) of (\d+) region x class cells with capacity reach", printed)
    assert found, printed[-400:]
    met, cells = found.groups()
    quoted = {
        2022: f"in 2022, the first year a scenario can use, {met} of {cells})",
        2025: f"{met} of the {cells} cells with capacity in the model reach it in 2025",
        2027: f"and {met} of {cells} in 2027",
    }[year]
    assert quoted in README


def test_japan_fabs_2027(built_store: Path) -> None:
    """docs/api.md's count of Japan's fabs producing in 2027 is `chipshock fabs`'."""
    n = len(_json(built_store, "fabs", "--country", "JPN", "--year", "2027"))
    assert f"`country=JPN&year=2027`: {n} fabs, the {n} of `chipshock fabs" in API_DOC
