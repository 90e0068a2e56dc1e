"""Session 29's leftovers on the dashboard: one Japanese term for the node class (ノード区分, as
the CLI's tables and the report's other strings say it); time-axis labels that never overlap or
touch on a 390 px phone; an avoided-loss histogram tall enough to read on a phone; sourcing
names shown whole (on lines) instead of cut."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import PHONE, _clean, _open

from chipshock.present.charts import bands_spec

SRC = Path(__file__).resolve().parents[2] / "src" / "chipshock"
#: the catalogues whose Japanese strings the dashboard shows: its own, and the present layer's
#: (chart titles, table heads and notes arrive in the API's answers)
CATALOGUES = [SRC / "web" / "static" / "i18n", SRC / "present" / "messages"]
FLAGSHIP = "taiwan-blockade-2027-6m"
#: "generation" as a name for the node class; a product's "2nm世代" (2 nm generation) is data
OTHER_TERM = re.compile(r"プロセス世代|(?<!nm)世代")

#: every axis of the visible charts: per axis its drawn labels' boxes (labels Vega thinned out
#: have opacity 0) and texts
AXIS_LABELS_JS = """() => [...document.querySelectorAll(
  'main section:not([hidden]) .vl svg g.role-axis')].filter((a) => a.getClientRects().length)
  .map((a) => [...a.querySelectorAll('.role-axis-label text')]
    .filter((t) => t.getAttribute('opacity') !== '0' && t.textContent)
    .map((t) => { const r = t.getBoundingClientRect();
      return [t.textContent, r.left, r.right, r.top, r.bottom]; }))"""


def _strings(lang: str) -> dict[str, str]:
    """Every string of both catalogues in ``lang``, by catalogue and key."""
    out = {}
    for folder in CATALOGUES:
        for key, value in json.loads((folder / f"{lang}.json").read_text("utf-8")).items():
            if isinstance(value, str):
                out[f"{folder.name}:{key}"] = value
    return out


def test_japanese_names_the_node_class_one_way() -> None:
    """Every Japanese string whose English says "node class" says ノード区分, and none calls
    the class a process generation (プロセス世代, 世代)."""
    en, ja = _strings("en"), _strings("ja")
    naming = [k for k, v in en.items() if re.search(r"node class", v, re.I)]
    assert len(naming) > 10
    assert [k for k in naming if "ノード区分" not in ja[k] and "{node_class}" not in ja[k]] == []
    assert {k: v for k, v in ja.items() if OTHER_TERM.search(v)} == {}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_supply_chart_caption_joins_its_sentences_as_the_language_does(lang: str) -> None:
    """The node-class chart's caption adds its note after the lowest-point sentence: after a
    space in English, straight after 。 in Japanese (it read 「…ごろです。 供給は…」)."""
    bands = pd.DataFrame(
        {
            "series": "supply_pct_of_demand",
            "key": ["n28_45", "n28_45"],
            "week": [1, 2],
            "date": ["2027-01-04", "2027-01-11"],
            "p5": [90.0, 80.0],
            "p50": [95.0, 85.0],
            "p95": [99.0, 95.0],
        }
    )
    spec = bands_spec(bands, "supply_pct_of_demand", lang)  # type: ignore[arg-type]
    assert spec is not None
    joined = {"en": r"\. [A-Z]", "ja": r"。[^\s]"}[lang]
    assert re.search(joined, spec["description"]), spec["description"]
    if lang == "ja":
        assert "。 " not in spec["description"]


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_japanese_views_say_node_class(browser_page: Watched, server: str) -> None:
    """The Japanese capacity and scenario views (chart titles, the class picker, table heads,
    intro and notes) name the node class ノード区分 and never プロセス世代 or 世代."""
    w, page = browser_page, browser_page.page
    seen = []
    for view in ("capacity", f"scenario?id={FLAGSHIP}&runs=20"):
        _open(w, server, view, "ja")
        if view.startswith("scenario"):
            page.click("#scen-run")
            page.wait_for_selector(
                "#scen-result figure[data-chart='supply'] .vl[data-rendered] svg", timeout=600_000
            )
        text = page.evaluate(
            "() => { const v = document.querySelector('main section:not([hidden])');"
            " return [v.innerText, ...[...v.querySelectorAll('option, svg text')]"
            ".map((e) => e.textContent)].join('\\n'); }"
        )
        seen.append(text)
    assert "すべてのノード区分" in seen[0]  # the capacity picker's first choice
    assert "ノード区分ごとの半導体供給" in seen[1]  # the scenario's supply chart title
    assert [m.group() for t in seen for m in OTHER_TERM.finditer(t)] == []
    _clean(w)


def _overlaps(axes: list[list[list[Any]]], gap: float) -> list[tuple[str, str]]:
    """Pairs of drawn labels of one axis less than ``gap`` px apart (boxes: left, right, top,
    bottom), side by side or one over the other."""
    out = []
    for labels in axes:
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                apart = max(b[1] - a[2], a[1] - b[2], b[3] - a[4], a[3] - b[4])
                if apart < gap:
                    out.append((a[0], b[0]))
    return out


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_view_on_a_phone(browser_page: Watched, server: str, lang: str) -> None:
    """At 390 px the comparison's charts (the avoided loss, the hardest-hit market, both sides'
    output, chips and node-class charts, all on time axes but the first) draw no two labels of
    an axis closer than 2 px ("2026年" and "2027年" touched), and the avoided-loss histogram's
    plot is at least 200 px high (it was 100)."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs=20", lang)
    page.click("#cmp-run")
    page.wait_for_selector("#cmp-avoided-chart .vl[data-rendered] svg", timeout=600_000)
    page.evaluate(
        "document.querySelectorAll('main section:not([hidden]) details')"
        ".forEach((d) => { d.open = true; })"
    )
    page.wait_for_function(
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".every((v) => !v.offsetParent || v.dataset.rendered)",
        timeout=120_000,
    )
    axes = page.evaluate(AXIS_LABELS_JS)
    years = [t[0] for a in axes for t in a if re.fullmatch(r"20\d\d年?", t[0])]
    assert len(years) >= 14  # seven time charts, at least two years each
    assert _overlaps(axes, 2.0) == []
    plot = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll("
        "'#cmp-avoided-chart svg .role-axis-domain line')]"
        ".map((l) => l.getBoundingClientRect().height))"
    )
    assert plot >= 200
    _clean(w)


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sourcing_names_whole_on_a_phone(browser_page: Watched, server: str, lang: str) -> None:
    """At 390 px every maker's name on the sourcing chart is drawn whole (on lines where it is
    long: the name's characters, none cut to "…"), inside the chart, no two names touching."""
    w, page = browser_page, browser_page.page
    _open(w, server, "sourcing", lang)
    names = page.locator("#src-table tbody tr td:first-child").all_inner_texts()
    labels = page.evaluate(
        "() => [...document.querySelectorAll("
        "'#src-result svg g.role-axis .role-axis-label text')].map((t) => {"
        " const r = t.getBoundingClientRect(), box = t.closest('svg').getBoundingClientRect();"
        " return [[...t.querySelectorAll('tspan')].map((s) => s.textContent)"
        ".concat(t.querySelector('tspan') ? [] : [t.textContent]), r.left - box.left,"
        " box.right - r.right, r.top, r.bottom]; })"
    )
    drawn = [lines for lines, *_ in labels if not re.fullmatch(r"[\d.]+", "".join(lines))]
    assert len(drawn) == min(12, len(names)) and len(drawn) >= 8
    whole = {re.sub(r"\s+", "", n) for n in names}
    for lines in drawn:
        text = re.sub(r"\s+", "", "".join(lines)).removesuffix("*")
        assert not text.endswith("…") and text in whole, lines
    assert any(len(lines) > 1 for lines in drawn)  # a long name on lines, not cut
    assert all(left >= 0 and right >= 0 for _, left, right, *_ in labels)
    boxes = [
        ["".join(lines), 0, 1, top, bottom]
        for lines, _, _, top, bottom in labels
        if not re.fullmatch(r"[\d.]+", "".join(lines))
    ]
    assert _overlaps([boxes], 1.0) == []
    _clean(w)


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_utilisation_names_whole_on_a_phone(browser_page: Watched, server: str) -> None:
    """At 390 px the Japanese scenario's utilisation chart draws every fab's name whole on
    lines over its node class (「マイクロン マナサス工場（旧ドミニオン・セミコン…」 was cut),
    inside the chart, no two names touching."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"scenario?id={FLAGSHIP}&runs=20", "ja")
    page.click("#scen-run")
    fig = "#scen-result figure[data-chart='utilisation']"
    page.wait_for_selector(f"{fig} .vl[data-rendered] svg", timeout=600_000)
    labels = page.evaluate(
        "(fig) => [...document.querySelectorAll(fig + ' svg g.role-axis .role-axis-label text')]"
        ".map((t) => { const r = t.getBoundingClientRect(),"
        " box = t.closest('svg').getBoundingClientRect();"
        " return [t.textContent, r.left - box.left, r.top, r.bottom]; })",
        fig,
    )
    names = [n for n in labels if not re.fullmatch(r"\d+", n[0])]
    assert len(names) >= 8
    assert [n[0] for n in names if "…" in n[0] or n[1] < 0] == []
    assert any("マイクロン マナサス工場（旧ドミニオン・セミコンダクター）" in n[0] for n in names)
    assert _overlaps([[[n[0], 0, 1, n[2], n[3]] for n in names]], 1.0) == []
    _clean(w)


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_table_dates_on_one_line_on_a_phone(browser_page: Watched, server: str, lang: str) -> None:
    """At 390 px the alliance tracker's table writes each date on one line (「2024-」 over
    「02-27」 in its narrow columns before); its counts end as a sentence (「…進行中 1」 had no
    。)."""
    w, page = browser_page, browser_page.page
    _open(w, server, "tracker", lang)
    lines = page.evaluate(
        "() => [...document.querySelectorAll('main section:not([hidden]) td')]"
        ".filter((td) => /^\\d{4}-\\d{2}(-\\d{2})?$/.test(td.textContent.trim()))"
        ".map((td) => { const r = document.createRange(); r.selectNodeContents(td);"
        " const tops = [...r.getClientRects()].map((b) => Math.round(b.top));"
        " return [td.textContent, new Set(tops).size]; })"
    )
    assert len(lines) > 20
    assert [d for d, n in lines if n != 1] == []
    counts = page.inner_text("#trk-counts")
    assert counts.endswith({"en": " 1.", "ja": " 1。"}[lang]) and not counts.endswith("。。")
    _clean(w)
