"""The Japanese dashboard names countries and regions, not their codes (/api/names/ja's
``countries``: the CLI's names), writes "label：value" with the Japanese colon, and every chart's
tooltip ends with the chart's source and as-of date in the page's language."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import SCREENSHOTS, Watched
from tests.web.test_views import _clean, _open

from chipshock.present.labels import country_label

pytestmark = pytest.mark.browser

#: a Japanese character (or a closing Japanese bracket) followed by an ASCII ": "
ASCII_COLON_AFTER_JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff）」]: ")

#: the page's visible text outside the charts (their captions are the API's descriptions)
TEXT_OUTSIDE_CHARTS_JS = """(sel) => {
  const copy = document.querySelector(sel).cloneNode(true);
  for (const el of copy.querySelectorAll('figure, svg, select, option')) el.remove();
  document.body.append(copy);
  const text = copy.innerText;
  copy.remove();
  return text;
}"""

#: the middle of the first bar (or point) of the first drawn chart in `sel`, in page pixels
MARK_JS = """(sel) => {
  const marks = 'g.mark-rect path, g.mark-symbol path';
  const box = [...document.querySelectorAll(sel + ' .vl[data-rendered]')]
    .find((b) => b.offsetParent !== null && b.querySelector(marks));
  box.scrollIntoView({ block: 'center' });
  box.id = 'tip-chart';
  const r = box.querySelector(marks).getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""


def _tooltip(page: object, sel: str) -> list[str]:
    """The lines of the tooltip a mouse gets over the first mark of the first chart in ``sel``."""
    x, y = page.evaluate(MARK_JS, sel)  # type: ignore[attr-defined]
    page.mouse.move(x, y)  # type: ignore[attr-defined]
    page.wait_for_function("document.getElementById('tip-chart').getAttribute('title')")  # type: ignore[attr-defined]
    title: str = page.get_attribute("#tip-chart", "title") or ""  # type: ignore[attr-defined]
    page.mouse.move(1, 1)  # type: ignore[attr-defined]
    page.evaluate("document.getElementById('tip-chart').removeAttribute('id')")  # type: ignore[attr-defined]
    return title.split("\n")


def test_explorer_names_countries_in_japanese(browser_page: Watched, server: str) -> None:
    """On the Japanese explorer the highlight list, the list's top country, the providers,
    the chokepoints and the raw materials name countries (台湾, オランダ, 中国), the region
    groups by their names (欧州), and "市場規模：" takes the Japanese colon; no visible text
    outside the charts has an ASCII colon after a Japanese word."""
    w, page = browser_page, browser_page.page
    _open(w, server, "explorer?input=N20&hl=TWN", lang="ja")
    assert page.inner_text("#exp-hl option[value=TWN]") == "台湾" == country_label("TWN", "ja")
    assert page.inner_text("#exp-hl option[value=EUR]").startswith("欧州（")
    assert "台湾が供給" in page.inner_text("#exp-count")
    providers = page.inner_text("#exp-detail .tablewrap")
    assert "オランダ" in providers and not re.search(r"\bNLD\b", providers), providers
    chokes = page.inner_text("#choke-top")
    assert "オランダ" in chokes and not re.search(r"\b(NLD|USA|JPN|DEU)\b", chokes), chokes
    mats = page.inner_text("#choke-mat")
    assert "中国" in mats and not re.search(r"\bCHN\b", mats), mats
    detail = page.inner_text("#exp-detail")
    assert "市場規模：" in detail and "市場規模:" not in detail
    text = page.evaluate(TEXT_OUTSIDE_CHARTS_JS, "#view-explorer")
    assert not ASCII_COLON_AFTER_JA.findall(text), ASCII_COLON_AFTER_JA.findall(text)
    page.locator("#view-explorer").screenshot(path=str(SCREENSHOTS / "explorer-countries-ja.png"))
    _open(w, server, "explorer?input=N20", lang="en")  # English as before: codes
    assert page.inner_text("#exp-hl option[value=TWN]") == "TWN"
    assert "Market size: " in page.inner_text("#exp-detail")
    _clean(w)


def test_coalition_and_sourcing_name_countries_in_japanese(
    browser_page: Watched, server: str
) -> None:
    """The coalition's boxes read 台湾（TWN） in Japanese (the code is what the fields take) and
    TWN in English; the sourcing view by region names its rows 台湾, not TWN, and the
    criticality ranking's table 米国, not USA."""
    w, page = browser_page, browser_page.page
    _open(w, server, "coalition", lang="ja")
    box = page.locator("#coal-countries label", has=page.locator("input[value=TWN]"))
    assert box.inner_text().strip() == "台湾（TWN）"
    text = page.evaluate(TEXT_OUTSIDE_CHARTS_JS, "#view-coalition")
    assert not ASCII_COLON_AFTER_JA.findall(text), ASCII_COLON_AFTER_JA.findall(text)
    page.goto("about:blank")  # a new load: the view reads its request from the URL at start
    _open(w, server, "sourcing?market=ai_datacenter&node=lt10&year=2030&by=region", lang="ja")
    page.wait_for_selector("#src-result[data-request*='by=region'] #src-table td")
    names = page.locator("#src-table tbody tr td:first-child").all_inner_texts()
    assert "台湾" in names and not any(re.fullmatch(r"[A-Z]{3}", n) for n in names), names
    _open(w, server, "criticality", lang="ja")  # the ranking's table (under its chart)
    page.wait_for_selector("#crit-result tbody tr", state="attached")
    ranked = page.eval_on_selector_all(
        "#crit-result tbody tr", "trs => trs.map((tr) => tr.cells[1].textContent)"
    )
    assert "米国" in ranked and not any(re.fullmatch(r"[A-Z]{3}", n) for n in ranked), ranked
    _open(w, server, "coalition", lang="en")
    box = page.locator("#coal-countries label", has=page.locator("input[value=TWN]"))
    assert box.inner_text().strip() == "TWN"
    _clean(w)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_chart_tooltips_end_with_their_source(
    browser_page: Watched, server: str, lang: str
) -> None:
    """A tooltip of the capacity chart and of the explorer's share chart ends with its source
    and as-of date, as the view's source line gives them (出典：… · 時点 …), each of its
    other lines "label：value" in Japanese, "label: value" in English."""
    w, page = browser_page, browser_page.page
    sep, source, as_of = ("：", "出典：", "時点") if lang == "ja" else (": ", "Source: ", "as of")
    for view, sel, line in (
        ("capacity", "#view-capacity", "#view-capacity p.source"),
        ("explorer?input=N20", "#exp-detail", "#exp-source"),
    ):
        _open(w, server, view, lang=lang)
        lines = _tooltip(page, sel)
        shown = page.locator(line).last.inner_text()  # the source line: source · as of · licence
        assert lines[-1].startswith(source) and as_of in lines[-1], lines
        assert shown.startswith(lines[-1]), (lines[-1], shown)
        assert len(lines) >= 2 and all(sep in x for x in lines[:-1]), lines
        if lang == "ja":
            assert not any(": " in x for x in lines[:-1]), lines
    _clean(w)
