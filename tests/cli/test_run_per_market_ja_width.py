"""`scenario run --lang ja` keeps at 80 columns the per-market rows the English table keeps
(lead time, inventory, chips in USD, end backlog); where a table leaves them out its title says
how to see them (a wider terminal, --format json|csv), not "scenario run" the reader is in."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from chipshock.cli import output
from chipshock.cli.scenario_run_ja import per_market_ja, wide_percentiles_ja
from chipshock.cli.scenario_shared import per_market_table
from chipshock.cli.scenario_view import wide_percentiles

from .terminal import chipshock_at


def test_japanese_table_at_80_columns_keeps_the_english_rows(store_path: Path) -> None:
    """As many lead-time and inventory rows as the English table at 80 columns (one per market
    and one for all markets), no line wider than 80 cells, no left-out note."""
    args = ("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "10", "--db", str(store_path))
    english = chipshock_at(80, *args)
    japanese = chipshock_at(80, *args, "--lang", "ja")
    lead_rows = english.count("longest lead time, weeks")
    assert lead_rows >= 7
    assert japanese.count("最長リードタイム（週）") == lead_rows
    assert japanese.count("期間末の受注残（需要の週数）") == english.count("orders still open")
    assert "この表にないもの" not in japanese
    assert max(cell_len(line) for line in japanese.splitlines()) <= 80


@pytest.fixture(scope="module")
def tiny_kpis() -> object:
    """The KPIs of a short Taiwan shock on the tiny model."""
    from chipshock import sim
    from chipshock.scenarios.model import Distribution, Scenario, Shock
    from chipshock.sim.data import ModelData

    shock = Shock(
        "country",
        ("TWN",),
        2026,
        10,
        duration_weeks=Distribution.fixed(20.0),
        severity=Distribution.fixed(0.8),
    )
    scenario = Scenario("tiny", "tiny", start_year=2026, end_year=2027, runs=4, seed=1,
                        shocks=(shock,))  # fmt: skip
    return sim.run(scenario, ModelData.tiny()).kpis


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_left_out_title_says_what_to_do(
    tiny_kpis: object, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal just wide enough for the table without the five KPIs, its title tells the
    reader to widen the terminal or use --format json|csv, in either language."""
    short = wide_percentiles(tiny_kpis) if lang == "en" else wide_percentiles_ja(tiny_kpis)
    monkeypatch.setattr(output.console, "width", output.natural_width(short))
    title, shown = per_market_table(tiny_kpis) if lang == "en" else per_market_ja(tiny_kpis)
    assert list(shown.columns) == list(short.columns)
    assert "--format json|csv" in title and "scenario run" not in title
    assert ("widen the terminal" if lang == "en" else "端末の幅を広げる") in title
