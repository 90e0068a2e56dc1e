"""One English word for the count of Monte Carlo runs (session 33): the texts a user reads had
said "{runs} runs", "{runs} futures", "simulations" and "runs per side" for the same number. The
count is "{n} simulated futures" on every surface; "runs" stays only where the word is
technical (the `--runs` option, the API's `runs` field and its messages)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

PACKAGE = Path(str(resources.files("chipshock")))

#: the catalogues of the report/CLI/API texts and of the dashboard
CATALOGUES = (
    PACKAGE / "present" / "messages" / "en.json",
    PACKAGE / "web" / "static" / "i18n" / "en.json",
)

#: a count written another way: "{runs} runs", "{n} futures", "{m} simulations", "{k} draws",
#: and "futures" without "simulated" ("{futures}" is a placeholder, not the word)
BANNED = (
    re.compile(r"\{\w+\} (runs?|futures?|simulations?|draws)\b"),
    re.compile(r"(?<![Ss]imulated )(?<!\{)\bfutures\b(?!\})"),
)


def _texts(path: Path) -> dict[str, str]:
    texts: dict[str, str] = json.loads(path.read_text("utf-8"))
    return texts


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.name)
def test_a_count_of_futures_says_simulated_futures(path: Path) -> None:
    """No English text counts the futures as runs, futures, simulations or draws."""
    found = [
        f"{key}: {match.group(0)}"
        for key, text in _texts(path).items()
        for pattern in BANNED
        for match in pattern.finditer(text)
    ]
    assert found == []


def test_the_patterns_catch_the_old_wordings() -> None:
    """The patterns catch what the texts said before (so the test above can fail)."""
    old = (
        "{title} ({id}; {runs} runs, seed {seed})",
        "In {count} of the {runs} futures the difference goes the other way (below zero).",
        "90% of futures: {band}",
    )
    assert all(any(p.search(text) for p in BANNED) for text in old)
    assert not any(p.search("in {futures}, all {n} simulated futures") for p in BANNED)
