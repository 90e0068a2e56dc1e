"""`scenario validate --lang ja` says what each problem expected in Japanese, with no text
left in English (（英語）): a distribution whose high is below its low, a file that does not
exist, an id that is neither a built-in scenario nor a file (session 29: the three expected
texts of the scenario file's own checks had no pattern in `present/expected_text.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chipshock.present.expected_text import expected_parts

SRC = Path(__file__).resolve().parents[2] / "src"

BAD_LOW = """\
[scenario]
id = "x"
title = "x"
start_year = 2027
end_year = 2028

[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-W10"
duration_weeks = { dist = "uniform", low = 30, high = 10 }
"""


def _validate_ja(target: str, db: Path) -> str:
    """`scenario validate TARGET --lang ja` on the session's store (never the user's default
    one, which may be of an older data release)."""
    args = ["scenario", "validate", target, "--lang", "ja", "--db", str(db)]
    done = subprocess.run(
        [sys.executable, "-m", "chipshock", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "300"},
        timeout=300,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    return " ".join(done.stderr.split())


@pytest.mark.parametrize(
    ("case", "japanese"),
    [
        ("bad_low", "指定できる値：`low`（30）以上"),
        ("missing_file", "指定できる値：存在する `.toml` ファイル、または組み込みシナリオの ID"),
        ("unknown_id", "指定できる値：`.toml` ファイル、または次のいずれか：baseline、"),
    ],
)
def test_expected_in_japanese(tmp_path: Path, store_path: Path, case: str, japanese: str) -> None:
    target = {
        "bad_low": tmp_path / "bad.toml",
        "missing_file": tmp_path / "nosuch.toml",
        "unknown_id": "no-such-scenario",
    }[case]
    if case == "bad_low":
        Path(target).write_text(BAD_LOW, encoding="utf-8")
    err = _validate_ja(str(target), store_path)
    assert japanese in err, err
    assert "（英語）" not in err, err


def test_the_none_available_tail_has_its_kind() -> None:
    """`sim._problems.unknown_code` with no valid value ends "; none are available"."""
    assert expected_parts("a known fab; none are available") == ("known_fab_none", {})
    assert expected_parts("a known node class; none are available") == ("known_node_class_none", {})
