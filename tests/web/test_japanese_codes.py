"""The Japanese dashboard names countries, actors and operators in Japanese, not by codes or
English (review 16, finding 8): the capacity chart's legend and table, the deliverables
chart's bars and the tracker's 誰が and 国 columns; the English dashboard names them in English."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import SCREENSHOTS, Watched
from tests.web.test_views import _clean, _open

CODE_CELL = re.compile(r"^[A-Z]{3}(; [A-Z]{3})*$")


def _svg_text(w: Watched, section: str) -> list[str]:
    return w.page.eval_on_selector_all(
        f"{section} figure svg text", "ts => ts.map(t => t.textContent.trim()).filter(Boolean)"
    )


def _column(w: Watched, table: str, i: int) -> list[str]:
    return w.page.eval_on_selector_all(
        f"{table} tbody tr", f"trs => trs.map(tr => tr.cells[{i}].textContent.trim())"
    )


@pytest.mark.browser
def test_capacity_chart_and_table_name_regions(browser_page: Watched, server: str) -> None:
    """Legend 台湾 … その他の地域 in Japanese, Taiwan … Rest of the world in English; never the
    codes (CHN EUR JPN KOR ROW TWN USA)."""
    w = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, names in (
        ("ja", {"台湾", "米国", "日本", "韓国", "中国", "欧州", "その他の地域"}),
        ("en", {"Taiwan", "United States", "Japan", "South Korea", "China", "Europe"}),
    ):
        _open(w, server, "capacity", lang=lang)
        w.page.wait_for_selector("#cap-result figure svg", timeout=30_000)
        texts = set(_svg_text(w, "#cap-result"))
        assert names <= texts, texts
        assert not {"TWN", "USA", "JPN", "KOR", "CHN", "EUR", "ROW"} & texts
        regions = set(_column(w, "#cap-result details table", 1))
        assert regions and regions <= names | {"Rest of the world"}, regions
        fab_countries = _column(w, "#cap-fabs", 2)  # the alliance fabs' countries
        coded = [c for c in fab_countries if CODE_CELL.match(c)]
        assert fab_countries and (coded == [] if lang == "ja" else coded == fab_countries)
        w.page.locator("#cap-result figure").first.screenshot(
            path=str(SCREENSHOTS / f"capacity-legend-{lang}.png")
        )
    _clean(w)


@pytest.mark.browser
def test_deliverables_name_countries_and_actors(browser_page: Watched, server: str) -> None:
    """The deliverables chart's bars read 米国・日本 (United States, Japan), not "USA; JPN"; the
    Japanese table's 誰が column is actor_ja (日米両政府, not "Governments of the United States
    and Japan") and its 国 column the countries' names."""
    w = browser_page
    rows = w.page.request.get(f"{server}/api/deliverables").json()["rows"]
    for lang, pair, actor in (
        ("ja", "米国・日本", "actor_ja"),
        ("en", "United States, Japan", "actor"),
    ):
        _open(w, server, "tracker", lang=lang)
        w.page.wait_for_selector("#trk-deliverables tbody tr", timeout=30_000)
        texts = _svg_text(w, "#trk-result")
        assert pair in texts and not any(CODE_CELL.match(t) for t in texts), texts
        assert _column(w, "#trk-deliverables", 0) == [r[actor] for r in rows]
        countries = _column(w, "#trk-deliverables", 1)
        if lang == "ja":
            assert "日米両政府" in countries or "日米両政府" in _column(w, "#trk-deliverables", 0)
            assert countries == [r["actor_country_ja"] for r in rows]
            assert "米国・日本・英国" in countries and not any(
                CODE_CELL.match(c) for c in countries
            )
        else:
            assert countries == [r["actor_country"] for r in rows]  # the codes, as the CLI's
        w.page.locator("#trk-result figure").first.screenshot(
            path=str(SCREENSHOTS / f"deliverables-chart-{lang}.png")
        )
        w.page.wait_for_load_state("networkidle")
    _clean(w)
