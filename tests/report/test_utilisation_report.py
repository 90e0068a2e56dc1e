"""The report's producer utilisation table, from the engine on the hand-checkable tiny model:
the producers that take over orders first, those cut off after, the remainders named as such in
English and Japanese, each capacity with its source and as-of; no table without shock weeks."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from chipshock.report import render_report

sim = pytest.importorskip("chipshock.sim")

from chipshock.scenarios.model import Distribution, Scenario, Shock  # noqa: E402
from chipshock.sim.data import ModelData  # noqa: E402


def _tiny_run(shocks: tuple[Shock, ...]) -> object:
    """The tiny model without input requirements, 2026, no qualification delays (see
    `tests/sim/test_utilisation.py`, the same case checked by hand)."""
    tiny = ModelData.tiny()
    data = dataclasses.replace(tiny, node_requirements=tiny.node_requirements.iloc[:0])
    delays = tuple(
        (f"qualification_weeks.{tier}", Distribution.fixed(0))
        for tier in ("same_operator", "cross_foundry", "leading_edge")
    )
    s = Scenario("tiny", "tiny", 2026, 2026, runs=4, seed=1, shocks=shocks, parameters=delays)
    return sim.run(s, data)


TWN_CUT = Shock(
    "country",
    ("TWN",),
    2026,
    10,
    duration_weeks=Distribution.fixed(20),
    severity=Distribution.fixed(1.0),
    recovery_weeks=Distribution.fixed(0),
)


def _table_rows(page: str) -> list[list[str]]:
    found = re.search(r"<table class='utilisation'>(.*?)</table>", page, flags=re.S)
    assert found is not None
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(1), flags=re.S)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
        for r in rows
        if "<td" in r
    ]


@pytest.mark.parametrize(
    ("lang", "title", "jpn_gt45"),
    [
        ("en", "Producers in the shock weeks", "other fabs (JPN, Mature (>45 nm))"),
        ("ja", "ショック期間の生産者", "その他の工場（日本、成熟（45nm超））"),
    ],
)
def test_taken_over_first_cut_off_after(lang: str, title: str, jpn_gt45: str) -> None:
    """Taiwan cut: the JPN remainders run at 100 % (normal 80 %) and come first, the TWN
    remainders at 0 % after them; the fab not yet built is not listed but counted."""
    page = render_report(_tiny_run((TWN_CUT,)), lang)
    assert title in page
    rows = _table_rows(page)
    assert len(rows) == 4
    assert {r[0] for r in rows[:2]} >= {jpn_gt45}
    # the region by its code in English, by its name in Japanese (review 16, finding 8)
    jpn, twn = ("JPN", "TWN") if lang == "en" else ("日本", "台湾")
    # the median, its range in brackets: full-width with 〜 in Japanese (session 30 audit)
    full, none = (
        ("100.0% (100.0% – 100.0%)", "0.0% (0.0% – 0.0%)")
        if lang == "en"
        else ("100.0%（100.0%〜100.0%）", "0.0%（0.0%〜0.0%）")
    )
    for r in rows[:2]:
        assert r[2] == jpn and r[5] == "80.0%" and r[6] == full
    for r in rows[2:]:
        assert r[2] == twn and r[5] == "80.0%" and r[6] == none
        # the capacity's source and as-of, in full-width brackets in Japanese (session 31)
        assert r[7] == ("example.org (2024)" if lang == "en" else "example.org（2024）")
    assert "Tiny Fab 1" not in page.split("<table class='utilisation'>")[1].split("</table>")[0]
    counted = "the 4 producers with capacity in the shock weeks (5 in all)"
    assert counted in page if lang == "en" else "4の生産者（全5）" in page


def test_no_table_without_shock_weeks() -> None:
    """A scenario without shocks has no shock weeks: no utilisation table."""
    assert "<table class='utilisation'>" not in render_report(_tiny_run(()), "en")
