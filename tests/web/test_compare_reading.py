"""The comparison as a reader sees it on a phone and a desktop: the producers' names on the
utilisation chart's axis tell every row apart at 390 px, the band charts' headings take the
page's punctuation in Japanese, and the two sides' charts share the row between them."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import DESKTOP, PHONE, _clean, _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
LINK = f"compare?a={FLAGSHIP}&runs={RUNS}&run=1"

#: the utilisation chart's producer labels as drawn, each a list of its lines
AXIS_NAMES_JS = """() => [...document.querySelectorAll(
    '#cmp-utilisation figure[data-chart] svg .role-axis-label text')]
  .map((t) => { const lines = [...t.querySelectorAll('tspan')].map((s) => s.textContent);
    return lines.length ? lines : [t.textContent]; })
  .filter((lines) => !/^[\\d,.]+$/.test(lines.join('')))"""


def _compare(w: Watched, server: str, lang: str) -> None:
    """The flagship without, then with the alliance fabs, as a shared link opens it."""
    pytest.importorskip("chipshock.sim")
    _open(w, server, LINK, lang)
    w.page.wait_for_selector(
        "#cmp-utilisation figure[data-chart] .vl[data-rendered] svg", timeout=600_000
    )
    w.page.wait_for_function(
        "[...document.querySelectorAll('#cmp-result .vl')]"
        ".every((b) => b.offsetParent === null || b.dataset.rendered)"
    )


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_phone_tells_every_producer_apart(browser_page: Watched, server: str, lang: str) -> None:
    """At 390 px each producer's label on the utilisation chart reads differently from every
    other (a fab in two node classes was "JASM Kumamoto Fab 1 · …" twice, and the two phases of
    TSMC Arizona Fab 21 "TSMC Arizona Fab 21 Pha… · …"): the name in up to two lines over its
    node class, which is never cut; in Japanese the band charts' headings end with
    「：中央値と9割の範囲」, no ASCII bracket."""
    w, page = browser_page, browser_page.page
    _compare(w, server, lang)
    names = page.evaluate(AXIS_NAMES_JS)
    assert len(names) == 12, names
    assert len({"\n".join(lines) for lines in names}) == len(names), names
    # names whole on as many lines as they take (session 30: no cut to "…"), the class last;
    # no line starts with a small kana or a closing mark ("オコテ" over "ィロ" before)
    assert all(len(lines) >= 2 and not any(x.endswith("…") for x in lines) for lines in names)
    assert not [
        x
        for lines in names
        for x in lines
        if re.match(r"[ぁぃぅぇぉっゃゅょァィゥェォッャュョー）、。]", x)
    ], names
    if lang == "ja":
        heads = page.locator("#cmp-result h3").all_inner_texts()
        band = [x for x in heads if "中央値と9割の範囲" in x]
        assert len(band) == 3 and all(x.endswith("：中央値と9割の範囲") for x in band), band
        assert not [x for x in heads if re.search(r"[()]", x)], heads
    _clean(w)


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_two_sides_charts_share_the_row(browser_page: Watched, server: str) -> None:
    """On a desktop the band charts of the two sides stand side by side and fill the row
    (each at least 45% of it), not two of three columns with the third left empty."""
    w, page = browser_page, browser_page.page
    _compare(w, server, "en")
    shares = page.eval_on_selector_all(
        "#cmp-result .grid",
        "gs => gs.map((g) => [...g.children].map((c) => c.getBoundingClientRect().width"
        " / g.getBoundingClientRect().width))",
    )
    assert len(shares) == 3 and all(len(row) == 2 for row in shares), shares
    assert all(share >= 0.45 for row in shares for share in row), shares
    _clean(w)
