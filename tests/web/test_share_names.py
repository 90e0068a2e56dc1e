"""The explorer's share charts name countries as the rest of the dashboard does ("Netherlands
(NLD)", 「オランダ（NLD）」: the catalogue's `country_label` with the code a user types), not by
code alone; firms keep their names."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

from chipshock.present.charts_structure import shares_chart

#: the y-axis labels of the explorer's country share chart, as drawn
AXIS_LABELS_JS = """() => [...document.querySelectorAll(
  '#exp-detail figure:first-of-type .vl svg g.role-axis-label text')].map((t) => t.textContent)"""


def _labels(rows: pd.DataFrame, kind: str, lang: str, highlight: str = "") -> list[str]:
    spec = shares_chart(rows, kind, "EUV", lang, [highlight] if highlight else None)  # type: ignore[arg-type]
    assert spec is not None
    return list(spec["layer"][0]["encoding"]["y"]["sort"])


def test_country_bars_are_named_with_their_code() -> None:
    """Country bars read "Taiwan (TWN)" / 「台湾（TWN）」, the highlighted one starred; a code
    without a name stays as it is; firm bars are the firm's name."""
    rows = pd.DataFrame(
        {"provider": ["TWN", "KOR", "XYZ"], "share_pct": [60.0, 30.0, 10.0],
         "is_aggregate": [False, False, False]}
    )  # fmt: skip
    assert _labels(rows, "country", "en", "KOR") == ["Taiwan (TWN)", "★ South Korea (KOR)", "XYZ"]
    assert _labels(rows, "country", "ja")[:2] == ["台湾（TWN）", "韓国（KOR）"]
    firms = rows.assign(provider=["TSMC", "Samsung", "Intel"])
    assert _labels(firms, "firm", "ja", "TSMC") == ["★ TSMC", "Samsung", "Intel"]


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "name"), [("en", "Netherlands (NLD)"), ("ja", "オランダ（NLD）")])
def test_explorer_share_chart_names_countries(
    browser_page: Watched, server: str, lang: str, name: str
) -> None:
    """EUV lithography tools (N20): the country chart's bar is labelled by the country's name in
    the page's language with its code, never by the bare code."""
    w, page = browser_page, browser_page.page
    _open(w, server, "explorer?input=N20", lang=lang)
    page.wait_for_selector("#exp-detail .vl[data-rendered] svg")
    labels = page.evaluate(AXIS_LABELS_JS)
    assert name in labels, labels
    assert "NLD" not in labels
    _clean(w)
