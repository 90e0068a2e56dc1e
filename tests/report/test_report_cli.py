"""`chipshock report` and `chipshock serve` register on a Typer app and write the report."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from chipshock.cli import report_cmd, serve_cmd


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """chipshock (test)"""

    report_cmd.register(app)
    serve_cmd.register(app)
    return app


def test_serve_and_report_are_registered() -> None:
    """Both commands appear in the help with their options."""
    result = CliRunner().invoke(_app(), ["serve", "--help"])
    assert result.exit_code == 0
    for opt in ("--host", "--port", "--db", "--max-runs"):
        assert opt in result.output
    result = CliRunner().invoke(_app(), ["report", "--help"])
    assert result.exit_code == 0
    for opt in ("--compare", "--lang", "--runs", "--seed", "--output"):
        assert opt in result.output


def test_report_command_writes_the_comparison(tmp_path: Path) -> None:
    """`report A --compare B --lang ja -o FILE` writes one Japanese HTML file."""
    pytest.importorskip("chipshock.sim")
    from chipshock.data.store import build_store

    db = build_store(tmp_path / "s.duckdb").db_path
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        _app(),
        [
            "report",
            "taiwan-blockade-2027-6m",
            "--compare",
            "taiwan-blockade-2027-6m-no-alliance-fabs",
            "--lang",
            "ja",
            "--runs",
            "20",
            "--seed",
            "1",
            "--db",
            str(db),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '<html lang="ja">' in text and "詳しく" in text
    finding = text.split("class='finding'>")[1].split("</p>")[0]
    assert "日米連携の新工場" in finding and "避けられます" in finding
    # the fabs, by name: in Japanese their name_ja (fab_names_ja.csv, data release 23)
    assert "ラピダス IIM-1" in text and "JASM第1工場" in text and "JASM Kumamoto" not in text
    assert "TSMCアリゾナ Fab 21 第1期" in text and "TSMC Arizona Fab 21 Phase 1" not in text
    assert "rapidus-iim1" not in text.split("class='appendix'")[0]  # no raw ids in the body


def test_report_command_rejects_unknown_language(tmp_path: Path) -> None:
    """--lang fr is refused with a message naming --lang."""
    result = CliRunner().invoke(
        _app(), ["report", "baseline", "--lang", "fr", "-o", str(tmp_path / "x.html")]
    )
    assert result.exit_code != 0
    assert "--lang" in str(result.exception) or "--lang" in result.output


@pytest.mark.browser
def test_pdf_keeps_the_main_body_on_two_a4_pages(tmp_path: Path, built_store: Path) -> None:
    """--pdf prints through headless Chromium: A4, the appendix starts on page 3."""
    import shutil
    import subprocess

    out = tmp_path / "r.html"
    args = ["report", "taiwan-blockade-2027-6m", "--compare"]
    args += ["taiwan-blockade-2027-6m-no-alliance-fabs", "--runs", "8", "--pdf"]
    result = CliRunner().invoke(_app(), [*args, "--db", str(built_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext, pdfinfo = shutil.which("pdftotext"), shutil.which("pdfinfo")
    if pdftotext is None or pdfinfo is None:
        pytest.skip("pdftotext and pdfinfo (poppler-utils) are needed to read the pages back")

    def page(n: int) -> str:
        done = subprocess.run(
            [pdftotext, "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    assert "Taiwan blockade" in page(1) and "avoids the loss" in page(1)
    # review 14 #1, 16 #2: the word on cars, on the first page (here <10 nm binds cars)
    assert "pro rata" in " ".join(page(1).split())
    assert "Appendix" not in page(1) + page(2)
    assert page(3).lstrip().startswith("Appendix")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
