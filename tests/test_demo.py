"""`make demo`'s own code path, with few runs: every section prints and both reports are written."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from chipshock.cli import demo, demo_scenarios


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """One whole demo at 80 columns (8 runs): its exit code, what it printed and its output
    folder. The tests that read a finished demo share it: each run builds a store, runs the
    flagship comparison and its tornado and writes two reports, the same work for every reader
    (CI without a terminal prints at 80 columns anyway)."""
    out = tmp_path_factory.mktemp("demo")
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(printed):
        mp.setenv("COLUMNS", "80")
        code = demo.main(["--db", str(out / "demo.duckdb"), "--out", str(out), "--runs", "8"])
    return code, printed.getvalue(), out


def test_demo_prints_every_section_and_writes_reports(demo_run: tuple[int, str, Path]) -> None:
    """The demo exits 0 only after printing each of its sections, in order, flagship included."""
    code, out, tmp_path = demo_run
    assert code == 0, out
    positions = [out.find(title) for title in demo.SECTIONS]
    missing = [t for t, at in zip(demo.SECTIONS, positions, strict=True) if at < 0]
    assert not missing, f"sections not printed: {missing}"
    assert positions == sorted(positions)
    assert "Taiwan" in demo.SECTIONS[4]  # the flagship comparison is one of them
    assert (tmp_path / "flagship-report.html").stat().st_size > 10_000
    assert (tmp_path / "flagship-report.ja.html").stat().st_size > 10_000


def test_demo_fails_loudly_when_a_section_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure inside the flagship section is not swallowed: the demo does not exit 0."""

    def broken(*_args: object) -> None:
        raise ImportError("simulated: the scenario engine is missing")

    monkeypatch.setattr(demo, "structural_headline", lambda _db: None)  # tested above
    monkeypatch.setattr(demo, "scenario_headline", broken)
    with pytest.raises(ImportError, match="simulated"):
        demo.main(["--db", str(tmp_path / "demo.duckdb"), "--out", str(tmp_path), "--runs", "8"])


def test_demo_tables_read_at_80_columns_and_agree_with_the_sentence(
    demo_run: tuple[int, str, Path],
) -> None:
    """At 80 columns every line of the demo fits, the flagship's avoided values sit one
    indicator a row with p5, p50 and p95 in their own columns, the median output at risk is the
    sentence's, and the assumptions' values carry their units."""
    code, out, _ = demo_run
    assert code == 0, out
    assert max(len(line) for line in out.splitlines()) <= 80
    row = next(line for line in out.splitlines() if line.startswith("│ output at risk, USD"))
    p5, p50, p95 = (c.strip() for c in row.strip("│ ").split("│")[1:])
    assert all(v.startswith("USD ") for v in (p5, p50, p95))
    assert f"That is about {p50} of economic output saved ({p5} to {p95})" in " ".join(out.split())
    # each side's total with its band, before the avoided table (review12 #1); the "with" side's
    # median is the sensitivity's base, which the caption calls "the median ... above"
    lines = out.splitlines()
    totals = [line for line in lines if line.startswith(("│ without the alliance", "│ with the"))]
    assert len(totals) == 2, totals
    cells = [[c.strip() for c in t.strip("│ ").split("│")] for t in totals]
    assert all(c.startswith("USD ") for row in cells for c in row[1:])
    assert lines.index(totals[1]) < lines.index(row)
    assert f"(base {cells[1][2]})" in " ".join(out.split())
    assert "4.0 weeks – 78" in out  # shock duration's range, in weeks
    assert "kpi_base" not in out
    # the flagship's tables cite the engine's source and the data release (audit28: they said
    # only "sources and assumptions: see the report")
    from chipshock.present.provenance import engine_source, package_release

    assert engine_source(package_release()) in " ".join(out.split())


def test_avoided_table_turns_the_gap_into_what_the_second_side_avoids() -> None:
    """Hand-checkable: the second side loses 2 to 6 weeks less (delta -6..-2), so it avoids 2 (p5),
    4 (p50) and 6 (p95) weeks."""
    delta = pd.DataFrame(
        {
            "market": ["all"],
            "kpi": ["output_lost_weeks"],
            "p5": [-6.0],
            "p50": [-4.0],
            "p95": [-2.0],
        }
    )
    table = demo_scenarios.avoided_table(delta)
    assert table.to_dict("records") == [
        {"indicator": "output lost, weeks", "p5": "2.0", "p50": "4.0", "p95": "6.0"}
    ]


def test_totals_table_gives_each_sides_median_and_band() -> None:
    """Hand-checkable: each side's all-markets output at risk, p5 · p50 · p95, without first."""

    def side(p5: float, p50: float, p95: float) -> SimpleNamespace:
        kpis = pd.DataFrame(
            {"market": ["all"], "kpi": ["loss_usd_bn"], "p5": [p5], "p50": [p50], "p95": [p95]}
        )
        return SimpleNamespace(kpis=kpis)

    comparison = SimpleNamespace(a=side(200.0, 579.3, 1000.0), b=side(180.0, 530.4, 950.0))
    table = demo_scenarios.totals_table(comparison)  # type: ignore[arg-type]
    assert table.to_dict("records") == [
        {
            "side": "without the alliance fabs",
            "p5": "USD 200.0 bn",
            "p50": "USD 579.3 bn",
            "p95": "USD 1.00 trillion",
        },
        {
            "side": "with the alliance fabs",
            "p5": "USD 180.0 bn",
            "p50": "USD 530.4 bn",
            "p95": "USD 950.0 bn",
        },
    ]
