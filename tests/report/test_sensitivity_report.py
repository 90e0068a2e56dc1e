"""The "What drives this answer?" section and reading: report, CLI flag, shared wording."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from tests.report.conftest import FakeComparison, FakeResult
from typer.testing import CliRunner

from chipshock.cli.scenario_sensitivity_view import sensitivity_text as cli_sensitivity_text
from chipshock.present.summary import sensitivity_text
from chipshock.report import render_report, write_report
from chipshock.report.sensitivity import factor_value
from chipshock.sim.sensitivity_factors import FactorSources


@dataclass(frozen=True)
class FakeSensitivity:
    """Duck-typed like `chipshock.sim.SensitivityResult`."""

    table: pd.DataFrame
    kpi: str = "loss_usd_bn"
    market: str = "all"
    runs: int = 50
    seed: int = 7
    scenario_id: str = "x"
    sources: tuple[FactorSources, ...] = ()


def _row(factor: str, label: str, label_ja: str, lo: float, hi: float, **kw: object) -> dict:
    row = {
        "factor": factor, "label": label, "label_ja": label_ja, "low_value": 4.0,
        "high_value": 78.0, "base_value": 26.0, "kpi_low": lo, "kpi_base": 300.0, "kpi_high": hi,
        "swing": hi - lo, "source": "scenario x; shock_assumptions.csv: taiwan_blockade_duration",
        "confidence": "low", "source_url": "https://example.org/rhg", "method": "range",
        "how": "fixed in the scenario; low / high of the cited range taiwan_blockade_duration",
    }  # fmt: skip
    return {**row, **kw}


@pytest.fixture
def drivers() -> FakeSensitivity:
    return FakeSensitivity(
        pd.DataFrame(
            [
                _row("shock_duration", "Shock duration", "ショックの期間", 10.0, 3000.0),
                _row("utilisation", "Fab utilisation", "工場稼働率", 250.0, 500.0,
                     low_value=0.8, high_value=0.92, base_value=0.85, confidence="medium"),
                _row("shock_recovery", "Recovery after the shock", "ショック後の回復期間",
                     300.0, 300.0, how="fixed in the scenario: no range (add a distribution)",
                     confidence="unrated", source_url=""),
            ]
        )
    )  # fmt: skip


def test_reading_names_the_biggest_driver(drivers: FakeSensitivity) -> None:
    """English: the top assumption with its confidence and KPI range, then no-effect ones."""
    text = sensitivity_text(drivers, "en")
    assert text.startswith("The answer depends most on shock duration (low confidence)")
    assert "USD 10.0 bn to USD 3.00 trillion" in text
    assert "No effect: recovery after the shock (fixed in the scenario)" in text


def test_reading_in_japanese(drivers: FakeSensitivity) -> None:
    """Japanese: the same facts, in Japanese units."""
    text = sensitivity_text(drivers, "ja")
    assert "最も大きく左右するのはショックの期間（確度：低）" in text and "兆ドル" in text


def test_cli_uses_the_shared_wording(drivers: FakeSensitivity) -> None:
    """The CLI's reading is the report's, headed by the scenario title."""
    assert cli_sensitivity_text(drivers, "T", "en") == "T: " + sensitivity_text(drivers, "en")


def test_empty_result_says_so() -> None:
    """A result without factors says that nothing was tested."""
    empty = FakeSensitivity(pd.DataFrame())
    assert sensitivity_text(empty, "en") == "No factor tested."


def test_factor_values_have_units() -> None:
    """Weeks, shares and multipliers are shown with the unit of their factor row."""
    assert factor_value("weeks", 26, "en") == "26 weeks"
    assert factor_value("weeks", 1, "en") == "1.0 week"  # the week rule, not "1 weeks"
    assert factor_value("weeks", 26, "ja") == "26週"
    assert factor_value("share", 0.9, "ja") == "90%"
    assert factor_value("multiplier", 1.5) == "×1.5"
    assert factor_value("share/week", 0.2, "en") == "20%/week"
    assert factor_value("slope", 0.5, "en") == "0.5"


def test_units_come_from_the_factor_rows() -> None:
    """Every shipped factor's unit is the one its row says, and the report writes its range in
    it: the wafer bank in weeks, the cancel share per week, the value multiplier as a factor."""
    from chipshock.sim.sensitivity import default_factors

    units = default_factors().set_index("factor")["unit"]
    assert units["producer_wafer_bank"] == "weeks"
    assert units["backlog_cancel_share"] == "share/week"
    assert units["value_multiplier"] == "multiplier"
    assert units["utilisation"] == "multiplier"  # x every utilisation_<class> row (release 18)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_section_follows_key_figures(
    result: FakeResult, drivers: FakeSensitivity, tmp_path: Path, lang: str
) -> None:
    """write_report(sensitivity=...) adds the section after the key figures: SVG tornado with
    two bars per assumption and a text alternative, table with sources, the reading."""
    text = write_report(result, tmp_path / "r.html", lang=lang, sensitivity=drivers).read_text(
        encoding="utf-8"
    )
    section = text[text.index("<section id='sensitivity'>") : text.index("</section>")]
    section = section.replace("<wbr>", "")  # line-break opportunities inside identifiers
    key = "Key figures" if lang == "en" else "主な数値"
    assert text.index(key) < text.index("<section id='sensitivity'>")
    assert text.index("</section>") < text.rindex('class="chart"')  # before the band charts
    assert section.count('aria-roledescription="bar"') == 6 and "<desc>" in section
    assert "shock_assumptions.csv: taiwan_blockade_duration" in section
    assert 'href="https://example.org/rhg"' in section and "<script" not in text
    assert sensitivity_text(drivers, lang) in section.replace("&#x27;", "'")
    assert ("What drives this answer?" if lang == "en" else "この答えを左右するものは？") in section


def test_no_section_without_sensitivity(result: FakeResult) -> None:
    """Without a sensitivity result the report has no such section."""
    assert "id='sensitivity'" not in render_report(result, "en")


def test_comparison_report_places_it_after_both_sides_figures(
    comparison: FakeComparison, drivers: FakeSensitivity
) -> None:
    """In a comparison report the section follows the key figures of both sides."""
    html = render_report(comparison, "en", label_a="with", label_b="without", sensitivity=drivers)
    assert html.index("<h3>without</h3>") < html.index("id='sensitivity'")
    assert html.index("id='sensitivity'") < html.index("Avoided: ")


def test_report_command_with_sensitivity(tmp_path: Path) -> None:
    """`report SCENARIO --sensitivity` runs the tornado and writes the section."""
    pytest.importorskip("chipshock.sim")
    from tests.report.test_report_cli import _app

    from chipshock.data.store import build_store
    from chipshock.sim.sensitivity import default_factors

    db = build_store(tmp_path / "s.duckdb").db_path
    out = tmp_path / "report.html"
    args = ["report", "taiwan-blockade-2027-6m", "--runs", "10", "--seed", "1", "--sensitivity",
            "--sensitivity-runs", "3", "--db", str(db), "-o", str(out)]  # fmt: skip
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "What drives this answer?" in text and "depends most on" in text
    bars = 2 * len(default_factors())  # a low and a high bar per default factor
    section = text[text.index("<section id='sensitivity'>") :].split("</section>")[0]
    assert "taiwan_blockade_duration" in text.replace("<wbr>", "")  # breaks inside identifiers
    assert section.count('aria-roledescription="bar"') == bars
