"""`make demo`'s own code path, with few runs: every section prints and both reports are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli import demo


def test_demo_prints_every_section_and_writes_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo exits 0 only after printing each of its sections, in order, flagship included."""
    code = demo.main(["--db", str(tmp_path / "demo.duckdb"), "--out", str(tmp_path), "--runs", "8"])
    out = capsys.readouterr().out
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
