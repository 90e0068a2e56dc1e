"""The producer utilisation section of a scenario run in a real Chromium, in English and in
Japanese: the numbers the API sends for the same request, the most stretched first, a chart
with a text alternative, legible at desktop and phone size, axe clean."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tests.web.conftest import SCREENSHOTS, Watched
from tests.web.test_views import DESKTOP, PHONE, SMALLEST_TEXT_JS, _axe, _clean, _open

from chipshock.present.numbers import Lang, fmt_pct, fmt_points

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


#: each view's form: the scenario field, the runs field, the button, and the result's prefix
FORMS = {
    "scenario": ("#scen-id", "#scen-runs", "#scen-run", "#scen-utilisation"),
    "compare": ("#cmp-a", "#cmp-runs", "#cmp-run", "#cmp-utilisation"),
}


@pytest.fixture
def flagship(browser_page: Watched, server: str) -> Callable[[str], Any]:
    """Open a view ("scenario" or "compare"), run the flagship there with RUNS futures as the
    form stands (only scenario and runs changed), and give the page once the utilisation
    section's table and chart are drawn."""
    pytest.importorskip("chipshock.sim")

    def run(view: str) -> Any:
        scenario, runs, button, section = FORMS[view]
        page = browser_page.page
        _open(browser_page, server, view)
        page.select_option(scenario, FLAGSHIP)
        page.fill(runs, str(RUNS))
        page.click(button)
        page.wait_for_selector(f"{section} .util-top table", timeout=600_000)
        page.wait_for_selector(f"{section} figure[data-chart] .vl[data-rendered] svg")
        return page

    return run


def _ja_band(cell: str) -> str:
    """An English "p50 (p5 – p95)" cell as Japanese writes it: "p50（p5〜p95）"."""
    return re.sub(r"^(\S+) \((\S+) – (\S+)\)", r"\1（\2〜\3）", cell)


def _pct(v: float | None, lang: Lang) -> str:
    """What the page writes for a percentage: `fmt_pct(v, 1)`, as the report's table."""
    return fmt_pct(v, 1, lang)


def _rows(page: Any, selector: str) -> list[list[str]]:
    return list(
        page.locator(f"{selector} tbody tr").evaluate_all(
            "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
        )
    )


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_utilisation_table_in_both_languages(
    browser_page: Watched, server: str, flagship: Callable[[str], Any]
) -> None:
    """Run the flagship as the form stands (only scenario and runs are sent): the section lists
    the 8 most and the 5 least stretched producers, exactly the API's rows for that request,
    with their shock-week median and range; in Japanese the headers, the node classes and the
    "other fabs" remainders are in Japanese and the numbers stay the same. No sideways scroll,
    chart text at least 11 px, no serious axe violation."""
    w, page = browser_page, flagship("scenario")
    width = page.viewport_size["width"]
    size = "phone" if width < 600 else "desktop"

    api = httpx.post(
        f"{server}/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS}, timeout=600
    ).json()  # the same request: answered from the server's cache
    rows = api["utilisation"]
    valued = [r for r in rows if r["shock_runs"] > 0 and r["in_shock_year"]]
    shown = valued[:8] + valued[-5:]
    english = _rows(page, "#scen-utilisation .util-top")
    assert len(english) == len(shown) == 13
    for cells, row in zip(english, shown, strict=True):
        if row["kind"] == "fab":
            assert cells[0] == row["name"] and cells[1] == row["operator"]
        else:
            assert cells[0].startswith("other fabs (") and cells[1] == "other fabs"
        assert cells[2] == row["region"]
        assert cells[5] == _pct(row["baseline_pct"], "en")
        p5, p50, p95 = (
            _pct(row[k], "en") for k in ("shock_p5_pct", "shock_p50_pct", "shock_p95_pct")
        )
        assert cells[6] == f"{p50} ({p5} – {p95})"
    # the most stretched run above their normal utilisation, the cut-off ones (Taiwan's) far
    # below it: about 39% in the shock weeks (the weeks of recovery included) against 78-97%
    # normal (session 22), less than 0.6 of the lowest normal utilisation shown
    top, last = (float(english[i][6].split("%")[0]) for i in (0, -1))
    normal = [r["baseline_pct"] for r in shown if r["baseline_pct"] is not None]
    assert top > max(normal) + 1 and last < 0.6 * min(normal)
    assert {r["region"] for r in valued[-5:]} == {"TWN"}
    section = page.inner_text("#scen-utilisation")
    assert "Which producers run flat out" in section and "Capacity 2027" in section
    assert api["utilisation_meta"]["as_of"] in section  # the source line
    # the packaging exemption is an immunity, said under the table as the CLI says it (review 8)
    note = page.inner_text("#scen-utilisation [data-note='exemption']")
    assert note == api["utilisation_meta"]["exemption_note"]
    assert note.startswith("Fabs of Samsung, Intel, SMIC are exempt from advanced packaging")
    label = page.locator("#scen-utilisation svg").get_attribute("aria-label") or ""
    assert label.startswith("Utilisation in the shock weeks") and english[0][0] in label
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(SMALLEST_TEXT_JS) >= 11
    assert _axe(page) == []
    page.locator("#scen-utilisation").screenshot(path=str(_shot_path(f"utilisation-{size}-en")))

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    page.wait_for_selector("#scen-utilisation figure[data-chart] .vl[data-rendered] svg")
    japanese = _rows(page, "#scen-utilisation .util-top")
    heads = page.locator("#scen-utilisation .util-top th").all_inner_texts()
    assert heads[0] == "生産者" and "2027年の生産能力" in heads[4]
    assert page.inner_text("#scen-utilisation h3") == "ショックでフル稼働する生産者、止まる生産者"
    note = page.inner_text("#scen-utilisation [data-note='exemption']")
    assert note == api["utilisation_meta"]["exemption_note_ja"] and "自社で賄う" in note
    # operators and the input by their Japanese names, not ids (review 16, finding 8)
    assert note.startswith(
        "サムスン電子・インテル・中芯国際集成電路製造（SMIC）の工場は先端パッケージング"
    )
    for en_cells, ja_cells, row in zip(english, japanese, shown, strict=True):
        # the same numbers, the range in full-width brackets with 〜 (session 30 audit)
        assert ja_cells[5:7] == [en_cells[5], _ja_band(en_cells[6])]
        assert ja_cells[3] != en_cells[3]  # node class in Japanese
        if row["kind"] != "fab":
            assert ja_cells[0].startswith("その他の工場（") and ja_cells[1] == "その他の工場"
        else:  # a fab and its operator by their Japanese names (fab_names_ja.csv)
            assert ja_cells[0] == row["name_ja"] and ja_cells[1] == row["operator_ja"]
            assert ja_cells[1] != row["operator"]
    jasm = [r for r in rows if r["producer_id"].startswith("jasm-kumamoto-fab1:")]
    assert jasm and {r["name_ja"] for r in jasm} == {"JASM第1工場"}
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe(page) == []
    page.locator("#scen-utilisation").screenshot(path=str(_shot_path(f"utilisation-{size}-ja")))
    _clean(w)


def _shot_path(name: str) -> Any:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def _differ(a_rows: list[dict[str, Any]], b_rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The comparison's producers as the page should list them (written apart from the page's
    code): producers running on one side only first, then the largest |b - a| of the shock-week
    medians, ties by capacity, then id; at most 12. Each: (id, a row or None, b row or None)."""

    def running(r: dict[str, Any] | None) -> bool:
        return r is not None and r["shock_runs"] > 0 and r["shock_p50_pct"] is not None

    a_by = {r["producer_id"]: r for r in a_rows}
    b_by = {r["producer_id"]: r for r in b_rows}
    out = []
    for pid in {*a_by, *b_by}:
        a, b = a_by.get(pid), b_by.get(pid)
        if not (running(a) or running(b)):
            continue
        both = running(a) and running(b)
        diff = abs(b["shock_p50_pct"] - a["shock_p50_pct"]) if both else float("inf")  # type: ignore[index]
        cap = max((a or {}).get("capacity_kwspm", 0.0), (b or {}).get("capacity_kwspm", 0.0))
        out.append((-diff, -cap, pid, a if running(a) else None, b if running(b) else None))
    out.sort(key=lambda x: (x[0], x[1], x[2]))
    return [(pid, a, b) for _, _, pid, a, b in out[:12]]


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_comparison_shows_the_producers_that_differ_most(
    browser_page: Watched, server: str, flagship: Callable[[str], Any]
) -> None:
    """The default comparison (the flagship without, then with the alliance fabs) lists the
    producers whose utilisation differs most, the API's numbers for the same request: the
    alliance fabs first, "not running" on the side without them; both sides' medians and ranges
    and their difference; source and as-of; a chart with a text alternative; in Japanese the
    same numbers under Japanese headers. No sideways scroll, chart text >= 11 px, axe clean."""
    w, page = browser_page, flagship("compare")
    width = page.viewport_size["width"]
    size = "phone" if width < 600 else "desktop"

    api = httpx.post(
        f"{server}/api/scenarios/compare",
        json={"scenario": FLAGSHIP, "other": None, "runs": RUNS},
        timeout=600,
    ).json()  # the same request: answered from the server's cache
    expected = _differ(api["a"]["utilisation"], api["b"]["utilisation"])
    english = _rows(page, "#cmp-utilisation .util-top")
    assert len(english) == len(expected) == 12
    alliance = set(api["params"].get("fabs_off", [])) | {
        f for f in httpx.get(f"{server}/api/scenarios").json()["params"]["alliance_fabs"]
    }
    assert expected[0][1] is None and expected[0][0].split(":")[0] in alliance
    shock_year = min(r["year"] for r in [*api["a"]["utilisation"], *api["b"]["utilisation"]])
    built_during = 0
    for cells, (_pid, a, b) in zip(english, expected, strict=True):
        shown = b if b is not None else a
        assert shown is not None
        capacity = _pct(shown["capacity_kwspm"], "en")[:-1]
        if shown["year"] == shock_year:
            assert cells[4] == capacity
        else:  # a fab built during the shock: its first year with capacity, as the CLI marks it
            built_during += 1
            assert cells[4] == f"{capacity} ({shown['year']})"
        for cell, side in ((cells[5], a), (cells[6], b)):
            if side is None:
                assert cell == "not running"
            else:
                p5, p50, p95 = (
                    _pct(side[k], "en") for k in ("shock_p5_pct", "shock_p50_pct", "shock_p95_pct")
                )
                band = f"{p50} ({p5} – {p95})"
                # a fab measured over fewer runs (built during the shock: only the runs whose
                # shock weeks reach its first year) says over how many (review 3, finding 5)
                runs = api["params"]["runs"]
                if side["shock_runs"] < runs:
                    band += f" in {side['shock_runs']} of {runs} simulated futures"
                assert cell == band
        if a is None or b is None:
            assert cells[7] == "–"
        else:
            diff = b["shock_p50_pct"] - a["shock_p50_pct"]
            assert cells[7] == fmt_points(diff, 1, "en")  # "+2.5"; a rise below 0.1 "<0.1"
    assert built_during > 0  # the flagship's alliance fabs include fabs built during the shock
    heads = page.locator("#cmp-utilisation .util-top th").all_inner_texts()
    assert heads[4] == f"Capacity {shock_year} (thousand wafers/month)"
    assert heads[5].startswith("without the alliance fabs") and heads[6].startswith(
        "with the alliance fabs"
    )
    section = page.inner_text("#cmp-utilisation")
    assert api["b"]["utilisation_meta"]["as_of"] in section and "Source:" in section
    # the packaging exemption's note, as on the run view and the CLI (review 8, finding 2)
    note = page.inner_text("#cmp-utilisation [data-note='exemption']")
    assert note == api["b"]["utilisation_meta"]["exemption_note"] and "advanced packaging" in note
    label = page.locator("#cmp-utilisation svg").get_attribute("aria-label") or ""
    assert label.startswith("Median utilisation in the shock weeks") and "not running" in label
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(SMALLEST_TEXT_JS) >= 11
    assert _axe(page) == []
    page.locator("#cmp-utilisation").screenshot(
        path=str(_shot_path(f"compare-utilisation-{size}-en"))
    )

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    page.wait_for_selector("#cmp-utilisation figure[data-chart] .vl[data-rendered] svg")
    japanese = _rows(page, "#cmp-utilisation .util-top")
    assert page.inner_text("#cmp-utilisation h3") == "2つの間で稼働率が最も違う生産者"
    heads = page.locator("#cmp-utilisation .util-top th").all_inner_texts()
    assert heads[0] == "生産者" and heads[5].startswith("日米連携の新工場なし")

    def ja_runs(cell: str) -> str:  # "… in 2 of 20 simulated futures" in Japanese, band as in ja
        return _ja_band(
            re.sub(
                r" in (\d+) of (\d+) simulated futures$",
                r"（シミュレーションした未来\2通りのうち\1通り）",
                cell,
            )
        )

    for en_cells, ja_cells in zip(english, japanese, strict=True):
        # the same capacity and first-year marker, in full-width brackets: 15.0（2028）
        assert ja_cells[4] == re.sub(r" \((\d{4})\)$", r"（\1）", en_cells[4])
        if en_cells[5] == "not running":
            assert ja_cells[5] == "稼働なし"
        else:
            assert ja_cells[5] == ja_runs(en_cells[5])  # the same numbers
        assert ja_cells[6:8] == [ja_runs(c) for c in en_cells[6:8]]
    assert JAPANESE.search(page.locator("#cmp-utilisation svg").get_attribute("aria-label") or "")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe(page) == []
    page.locator("#cmp-utilisation").screenshot(
        path=str(_shot_path(f"compare-utilisation-{size}-ja"))
    )
    _clean(w)


def test_run_view_names_each_class_normal_utilisation(
    browser_page: Watched, server: str, flagship: Callable[[str], Any]
) -> None:
    """The run view's assumptions part lists each node class's normal utilisation in the shock
    year (2027), the API's ``utilisation_meta.class_utilisation`` for the same request, with
    the file and row behind it, their as-of, confidence and source: DRAM 97.0 % from
    utilisation_path.csv's dram/2027 (as of 2026), >45nm 78.0 % from model_assumptions.csv's
    utilisation_gt45 (as of 2024-10); in Japanese the same numbers under Japanese words; axe
    clean."""
    w, page = browser_page, flagship("scenario")
    api = httpx.post(
        f"{server}/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS}, timeout=600
    ).json()
    meta = api["utilisation_meta"]
    rows = meta["class_utilisation"]
    english = _rows(page, "#scen-class-utilisation")
    assert len(english) == len(rows) == 6
    assert (
        page.inner_text("#scen-class-utilisation h3") == "Normal utilisation by node class in 2027"
    )
    for cells, row in zip(english, rows, strict=True):
        want = [_pct(row["utilisation_pct"], "en"), row["file"], row["id"], str(row["as_of"])]
        assert cells[1:5] == want
        assert cells[6] == httpx.URL(row["source_url"]).host  # the link's text
    by_id = {cells[3]: cells for cells in english}
    assert by_id["dram/2027"][1:5] == ["97.0%", "utilisation_path.csv", "dram/2027", "2026"]
    gt45 = ["78.0%", "model_assumptions.csv", "utilisation_gt45", "2024-10"]
    assert by_id["utilisation_gt45"][1:5] == gt45
    assert by_id["dram/2027"][5] == "low"  # the row's confidence, in words
    assert _axe(page) == []

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    page.wait_for_selector("#scen-class-utilisation")
    assert page.inner_text("#scen-class-utilisation h3") == "2027年のノード区分別の平常稼働率"
    japanese = _rows(page, "#scen-class-utilisation")
    heads = page.locator("#scen-class-utilisation th").all_inner_texts()
    assert heads[:2] == ["ノード区分", "平常稼働率"]
    for en_cells, ja_cells in zip(english, japanese, strict=True):
        assert ja_cells[1:5] == en_cells[1:5]  # the same numbers and rows
        assert ja_cells[0] != en_cells[0]  # the node class in Japanese words
    assert {cells[0] for cells in japanese} >= {"DRAMメモリ", "NANDフラッシュメモリ"}
    assert _axe(page) == []
    _clean(w)


def test_old_capacity_figures_are_marked_with_the_note(
    browser_page: Watched, server: str, flagship: Callable[[str], Any]
) -> None:
    """Review 16, finding 11: in the run view's table of every producer, Intel Fab 32's 2027
    capacity (as of 2007-10) reads "⚠ 2007-10 (20 years before 2027)", flagged old-capacity,
    a recent figure (TSMC Fab 12's >45nm, as of 2024) its bare date; the note under the table is
    the API's, pointing to `chipshock data audit`; in Japanese the label and the note in
    Japanese. The comparison's rows show the API's label of the side shown. Axe clean."""
    w, page = browser_page, flagship("scenario")
    api = httpx.post(
        f"{server}/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS}, timeout=600
    ).json()
    rows = {r["producer_id"]: r for r in api["utilisation"]}
    fab32, recent = rows["intel-fab32-arizona:n10_22"], rows["tsmc-fab12-hsinchu:gt45"]
    assert fab32["capacity_age_years"] == 20 and fab32["capacity_age_old"] is True
    assert recent["capacity_age_old"] is False
    page.click("#scen-utilisation details summary")

    def as_of_cell(name: str) -> Any:
        row = page.locator("#scen-utilisation details tbody tr").filter(
            has=page.locator("td:first-child", has_text=name)
        )
        return row.first.locator("td").nth(9)

    cell = as_of_cell(fab32["name"])
    assert cell.inner_text().strip() == "⚠ 2007-10 (20 years before 2027)"
    assert cell.locator("span.old-capacity").count() == 1
    tsmc = (
        page.locator("#scen-utilisation details tbody tr")
        .filter(has_text=recent["name"])
        .filter(has_text=">45")
    )
    assert tsmc.first.locator("td").nth(9).inner_text().strip() == "2024"
    assert tsmc.first.locator("td").nth(9).locator("span.old-capacity").count() == 0
    note = page.inner_text("#scen-utilisation [data-note='capacity-age']")
    assert note == api["utilisation_meta"]["capacity_age_note"]
    assert "`chipshock data audit`" in note and "first model year it serves" in note
    assert _axe(page) == []

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    page.wait_for_selector("#scen-utilisation details")
    if not page.locator("#scen-utilisation details[open]").count():
        page.click("#scen-utilisation details summary")
    name_ja = fab32.get("name_ja") or fab32["name"]
    assert as_of_cell(name_ja).inner_text().strip() == "⚠ 2007-10（2027年の20年前）"
    note = page.inner_text("#scen-utilisation [data-note='capacity-age']")
    assert note == api["utilisation_meta"]["capacity_age_note_ja"]
    assert _axe(page) == []
    page.locator("#scen-utilisation").screenshot(path=str(_shot_path("utilisation-old-ja")))

    page.click("#lang")  # back to English for the comparison
    page.locator("html[lang='en']").wait_for(state="attached")
    page = flagship("compare")
    cmp = httpx.post(
        f"{server}/api/scenarios/compare",
        json={"scenario": FLAGSHIP, "other": None, "runs": RUNS},
        timeout=600,
    ).json()
    expected = _differ(cmp["a"]["utilisation"], cmp["b"]["utilisation"])
    shown = _rows(page, "#cmp-utilisation .util-top")
    for cells, (_pid, a, b) in zip(shown, expected, strict=True):
        side = b if b is not None else a
        assert side is not None and cells[9] == side["capacity_as_of_label"]
    marked = any((b if b is not None else a)["capacity_age_old"] for _p, a, b in expected)
    assert page.locator("#cmp-utilisation [data-note='capacity-age']").count() == int(marked)
    _clean(w)
