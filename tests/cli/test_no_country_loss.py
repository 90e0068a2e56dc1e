"""A run in which no country loses output prints an empty loss-by-country table: a sentence under
it says why, in `scenario run` (en, ja) and `results show` (session 25's user review: the
Nankai-trough earthquake's table had a header and no rows, and nothing said that this is the
answer rather than a fault)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.present.messages import message


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return " ".join(out.split())


def test_an_empty_loss_by_country_table_says_no_country_loses(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The baseline (no shock) loses nothing anywhere: the table under "loss by country" has no
    rows, and the sentence of `no_country_loss` comes first in its caption, in English, in
    Japanese and when the saved result is shown again; a run with losses has no such sentence."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)  # the test saves a result: its own copy of the store
    run = ("scenario", "run", "baseline", "--runs", "3", "--db", str(db))
    en = " ".join(message("cli.loss_by_country_none", "en").split())
    out = _run(capsys, *run, "--save", "calm")
    assert f"{en} Output at risk, by the country" in out
    ja = _run(capsys, *run, "--lang", "ja")
    assert message("cli.loss_by_country_none", "ja") in ja.replace(" ", "")
    shown = _run(capsys, "results", "show", "calm", "--db", str(db))
    assert en in shown
    taiwan = _run(
        capsys, "scenario", "run", "taiwan-blockade-2027-6m", "--runs", "3", "--db", str(db)
    )
    assert "loss by country" in taiwan and en not in taiwan
