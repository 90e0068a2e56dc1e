"""`scenario compare` of a scenario against itself: the verdict and the summary paragraph say
the tie in the same words (`chipshock.present.summary.no_better_text`), in English and in
Japanese, on a narrow and a wide terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.present.summary import no_better_text

from .conftest import Runner
from .terminal import chipshock_at

FLAGSHIP = "taiwan-blockade-2027-6m"


def test_the_paragraph_says_the_tie_as_the_verdict_does(cli: Runner) -> None:
    """The line under the heading and the paragraph both say neither side loses less; the
    paragraph no longer has its own wording of the tie."""
    code, out, _ = cli("scenario", "compare", FLAGSHIP, FLAGSHIP, "--runs", "2")
    flat = " ".join(out.split())
    assert code == 0 and flat.count(no_better_text("en")) == 2
    assert "about the same output is lost in both" not in flat


@pytest.mark.parametrize("columns", [80, 120])
def test_the_japanese_tie_at_either_width(store_path: Path, columns: int) -> None:
    """In Japanese, at 80 and at 120 columns, the verdict and the paragraph say the same tie
    sentence, and which way the tables read."""
    out = chipshock_at(
        columns,
        "scenario",
        "compare",
        FLAGSHIP,
        FLAGSHIP,
        "--runs",
        "2",
        "--lang",
        "ja",
        "--db",
        str(store_path),
    )
    flat = "".join(out.split())
    neither = "".join(no_better_text("ja").split())
    assert flat.count(neither) == 2, out
    assert "両者でほぼ同じです" not in flat
    assert "表には「" in flat and "と比べて避けられる分を示します。" in flat
