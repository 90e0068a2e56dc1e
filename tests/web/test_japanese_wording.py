"""The Japanese dashboard and report say the same things in the same words, and leave no English
behind: one name for the alliance fabs, tracker titles and the coalition's value function in
Japanese, honest group sizes in the highlight selector."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

from chipshock.present.labels import country_label
from chipshock.present.messages import catalogue, message

STATIC = Path(__file__).resolve().parents[2] / "src" / "chipshock" / "web" / "static"
DASHBOARD_JA: dict[str, str] = json.loads((STATIC / "i18n" / "ja.json").read_text("utf-8"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_the_alliance_fabs_have_one_japanese_name_everywhere() -> None:
    """The dashboard and the report's catalogue name the alliance fabs by the term the report
    defines (日米連携の新工場), never by another wording such as 同盟の工場."""
    term = message("term.alliance_fabs", "ja")
    texts = {**{f"dashboard {k}": v for k, v in DASHBOARD_JA.items()}, **catalogue("ja")}
    drifted = [k for k, v in texts.items() if re.search(r"同盟(の|による)新?工場", v)]
    assert drifted == []
    with_, without = (
        message("side.with_alliance_fabs", "ja"),
        message("side.without_alliance_fabs", "ja"),
    )
    assert term in with_ and term in without
    assert (DASHBOARD_JA["cap_with"], DASHBOARD_JA["cap_without"]) == (with_, without)
    assert (message("chart.capacity_with", "ja"), message("chart.capacity_without", "ja")) == (
        with_,
        without,
    )
    assert DASHBOARD_JA["scen_alliance"].startswith(term) and term in DASHBOARD_JA["cmp_default"]


@pytest.mark.browser
def test_tracker_titles_in_japanese(browser_page: Watched, server: str) -> None:
    """/api/tracker serves each item's Japanese title (title_ja); the Japanese tracker view
    shows it for every milestone, in the API's order, and the English view the English one."""
    page = browser_page.page
    rows = page.request.get(f"{server}/api/tracker").json()["rows"]
    assert rows and all(JAPANESE.search(r["title_ja"]) for r in rows)
    for lang, key in (("ja", "title_ja"), ("en", "title")):
        _open(browser_page, server, "tracker", lang=lang)
        page.wait_for_selector("#trk-milestones tbody tr", timeout=30_000)
        shown = page.eval_on_selector_all(
            "#trk-milestones tbody tr", "trs => trs.map(tr => tr.cells[0].textContent.trim())"
        )
        assert [s.removeprefix("↳ ") for s in shown] == [r[key] for r in rows]
        page.wait_for_load_state("networkidle")  # boot.js's background fetches, before leaving
    _clean(browser_page)


@pytest.mark.browser
def test_highlight_groups_show_their_membership(browser_page: Watched, server: str) -> None:
    """The inputs view's highlight list names each group's membership, and how many members have
    supply-chain data where that is fewer: QUAD has 4 members, not "2 countries"."""
    page = browser_page.page
    groups = page.request.get(f"{server}/api/groups").json()["rows"]
    sizes = {g["group_code"]: (g["n_members"], len(g["members_with_data"])) for g in groups}
    assert sizes["QUAD"][0] == 4 and sizes["QUAD"][1] < 4  # the case the label must not hide
    words = {
        "en": ("{g} ({all} members)", "{g} ({all} members, {n} with data)"),
        "ja": ("{g}（加盟{all}か国）", "{g}（加盟{all}か国、うちデータあり{n}か国）"),
    }
    for lang, (whole, partial) in words.items():
        _open(browser_page, server, "explorer", lang=lang)
        options = page.eval_on_selector_all(
            "#exp-hl optgroup:first-of-type option", "os => os.map(o => [o.value, o.textContent])"
        )
        assert {code for code, _ in options} == set(sizes)
        for code, text in options:
            all_, n = sizes[code]
            # in Japanese a region that is also a group by its name: 欧州（加盟27か国…）, not EUR
            name = country_label(code, "ja") if lang == "ja" else code
            assert text == (whole if n == all_ else partial).format(g=name, all=all_, n=n)
        page.wait_for_load_state("networkidle")
        # the coalition view's group buttons say the same
        _open(browser_page, server, "coalition?countries=USA,JPN", lang=lang)
        page.wait_for_selector("#coal-groups button[data-group=QUAD]", timeout=30_000)
        quad = page.inner_text("#coal-groups button[data-group=QUAD]")
        assert quad == partial.format(g="QUAD", all=4, n=sizes["QUAD"][1])
        page.wait_for_load_state("networkidle")
    _clean(browser_page)


@pytest.mark.browser
def test_coalition_value_function_in_japanese(browser_page: Watched, server: str) -> None:
    """The coalition view states its value function v(S) in Japanese in Japanese mode (the API's
    number of inputs and the request's threshold), under the Shapley chart and the synergy."""
    page = browser_page.page
    english = page.request.get(f"{server}/api/shapley?countries=USA,JPN&threshold=40").json()
    n = re.search(r"share of the (\d+) assessed inputs", english["value_function"])
    assert n and int(n.group(1)) > 50
    expected = DASHBOARD_JA["coal_value_function"].format(n=n.group(1), t="40")
    _open(browser_page, server, "coalition?countries=USA,JPN&threshold=40&a=USA&b=JPN", lang="ja")
    page.wait_for_selector("#coal-value-function", timeout=60_000)
    page.wait_for_selector("#syn-value-function", timeout=60_000)
    assert page.inner_text("#coal-value-function") == expected
    assert page.inner_text("#syn-value-function") == expected
    assert "assessed" not in page.inner_text("#view-coalition")
    page.click("#lang")
    page.locator("html[lang='en']").wait_for(state="attached")
    assert page.inner_text("#coal-value-function") == english["value_function"]
    page.wait_for_load_state("networkidle")
    _clean(browser_page)


def _cells(page: object, table: str, column: int) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined, no-any-return]
        f"#{table} tbody tr", f"trs => trs.map(tr => tr.cells[{column}].textContent.trim())"
    )


@pytest.mark.browser
def test_tracker_vocabulary_in_japanese(browser_page: Watched, server: str) -> None:
    """In Japanese the tracker's sector filter and the sector, kind and status columns of the
    deliverables and partnerships are words of the translation files, none left in English."""
    page = browser_page.page
    _open(browser_page, server, "tracker", lang="ja")
    page.wait_for_selector("#trk-partnerships tbody tr", timeout=30_000)
    options = page.eval_on_selector_all("#trk-sector option", "os => os.map(o => o.textContent)")
    words = [
        *options,
        *_cells(page, "trk-deliverables", 2),
        *_cells(page, "trk-deliverables", 3),
        *_cells(page, "trk-partnerships", 1),
        *_cells(page, "trk-partnerships", 3),
    ]
    assert len(words) > 40 and "クラウド" in options and "共同開発" in words and "実施中" in words
    assert [w for w in words if not JAPANESE.search(w) and w != "AI"] == []
    page.wait_for_load_state("networkidle")
    _clean(browser_page)
