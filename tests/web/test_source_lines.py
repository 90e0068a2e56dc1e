"""In Japanese the source lines of the Map, Capacity, Sourcing and Tracker views are Japanese (the
API's ``source_ja`` and ``licence_ja``), and every curated meta and the utilisation meta carry
them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from tests.web.conftest import Watched

from chipshock.api import create_app
from chipshock.present.utilisation import utilisation_payload

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: English words of the source lines that must not be left in Japanese mode
ENGLISH = re.compile(r"each row cites|curated data|facts from|public domain|Source:")


@pytest.fixture(scope="module")
def api(built_store: Path) -> Any:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=60.0))
    yield client
    client.close()


@pytest.mark.parametrize(
    "url",
    ["/api/fabs", "/api/deliverables", "/api/partnerships", "/api/tracker", "/api/sourcing"],
)
def test_curated_meta_has_japanese(api: AsgiClient, url: str) -> None:
    """Each curated table's meta names its source and licence in Japanese as well."""
    meta = api.get(url).json()["meta"]
    assert JAPANESE.search(meta["source_ja"]) and JAPANESE.search(meta["licence_ja"])
    assert ".csv" in meta["source_ja"]


def test_utilisation_meta_has_japanese() -> None:
    """The utilisation section's meta names its source and licence in Japanese as well."""
    import pandas as pd

    table = pd.DataFrame(
        {"capacity_as_of": ["2025-01"], "year": [2027], "shock_runs": [10], "in_shock_year": [True]}
    )

    class Result:
        utilisation = table

    meta = utilisation_payload(Result())["utilisation_meta"]
    assert JAPANESE.search(meta["source_ja"]) and "fab_capacity.csv" in meta["source_ja"]
    assert JAPANESE.search(meta["licence_ja"])


@pytest.mark.browser
@pytest.mark.parametrize(
    ("view", "selector"),
    [
        ("map", "#map-source"),
        ("capacity", "#cap-result p.source"),
        ("sourcing", "#src-result p.source"),
        ("tracker", "#trk-result p.source"),
    ],
)
def test_source_lines_in_japanese(
    browser_page: Watched, server: str, view: str, selector: str
) -> None:
    """The view's source lines in Japanese mode have no English source wording left."""
    page = browser_page.page
    page.goto(f"{server}/?lang=ja#{view}")
    page.wait_for_selector(selector, timeout=30_000)
    page.wait_for_function(
        f"[...document.querySelectorAll('{selector}')].every((p) => p.textContent.trim())"
    )
    lines = page.eval_on_selector_all(selector, "ps => ps.map((p) => p.textContent)")
    assert lines
    for line in lines:
        assert JAPANESE.search(line), line
        assert not ENGLISH.search(line), line
        # Japanese punctuation: 出典：…, not an ASCII colon after a Japanese word
        assert "出典: " not in line and "確度: " not in line, line
    assert any(line.lstrip().startswith("出典：") for line in lines), lines
    assert browser_page.errors == []
