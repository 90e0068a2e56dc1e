"""The briefing's charts with the longest real labels of the shipped data (session 29): the
tornado's and the Sobol chart's assumptions (sensitivity_factors.csv) and the by-fab bars' fab
names (fabs.csv, fab_names_ja.csv), in English and Japanese, drawn whole, on lines and in
margins measured with the charts' fonts (`chipshock.present.text_width.text_px`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.report.test_fab_bar_labels import _split
from tests.report.test_sensitivity_report import FakeSensitivity, _row

import chipshock
from chipshock.present.avoided_chart import FAB_LABEL_PX, LABEL_MARGIN_PX, fab_bars_spec
from chipshock.present.chart_text import (
    AXIS_TICK_PX,
    BAR_LABEL_PX,
    FONT_PX,
    TORNADO_LABEL_PX,
    bar_label_lines,
)
from chipshock.present.charts import bar_spec
from chipshock.present.labels import Lang, fab_names
from chipshock.present.text_width import text_px
from chipshock.report.body import COMPACT_WIDTH
from chipshock.report.sensitivity import tornado_chart
from chipshock.sim.sensitivity_factors import default_factors

LANGS: tuple[Lang, ...] = ("en", "ja")


def _px(text: str) -> float:
    return text_px(text, FONT_PX)


def _factors() -> pd.DataFrame:
    """The shipped factors with a range of their own (``set`` and ``scale``: low and high)."""
    f = default_factors()
    return f[f["low"].notna() & f["high"].notna()].reset_index(drop=True)


def _tornado(lang: Lang) -> dict[str, Any]:
    f = _factors()
    rows = [
        _row(
            str(r["factor"]), str(r["label_en"]), str(r["label_ja"]), 100.0 - i, 200.0 + i,
            low_value=float(r["low"]), high_value=float(r["high"]),
            base_value=(float(r["low"]) + float(r["high"])) / 2, unit=str(r["unit"]),
        )
        for i, r in f.iterrows()
    ]  # fmt: skip
    spec = tornado_chart(FakeSensitivity(pd.DataFrame(rows)), lang)
    assert spec is not None
    return spec


@pytest.mark.parametrize("lang", LANGS)
def test_tornado_names_stand_whole_and_lines_fit_the_margin(lang: Lang) -> None:
    """Each assumption's label (name and range) on lines of at most `TORNADO_LABEL_PX`, the
    name on its first line whole, even the longest ("Porting a leading-edge design to another
    foundry", 297 px); the axis' margin holds the widest line as any of the fonts draws it,
    and the legend cuts nothing."""
    spec = _tornado(lang)
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    drawn = spec["layer"][0]["encoding"]["y"]["sort"]
    names = list(_factors()[f"label_{lang}"])
    longest = max(names, key=_px)
    assert _px(longest) <= TORNADO_LABEL_PX
    for label in drawn:
        lines = label.split("\n")
        assert any(lines[0].startswith(n) for n in names), lines  # no name broken
        for line in lines:
            assert _px(line) <= TORNADO_LABEL_PX and _px(line) + AXIS_TICK_PX <= axis["minExtent"]
    assert axis["labelLimit"] == 0 and spec["config"]["legend"]["labelLimit"] == 0
    first = next(x.split("\n")[0] for x in drawn if x.startswith(longest))
    assert first == longest if lang == "en" else first.startswith(longest)  # en: range below


@pytest.mark.parametrize("lang", LANGS)
def test_sobol_bars_wrap_a_long_assumption_instead_of_cutting_it(lang: Lang) -> None:
    """The Sobol chart's bars are labelled by the assumptions' names: Vega cut the longest at
    170 px ("Porting a leading-edge design…"); each is now whole, on lines of at most
    `BAR_LABEL_PX` in a margin that holds them, each row tall enough for its lines."""
    names = list(_factors()[f"label_{lang}"])
    items = pd.DataFrame(
        {"label": names * 2, "series": ["alone"] * len(names) + ["total"] * len(names),
         "value": 10.0, "low": 5.0, "high": 15.0, "text": "10%"}
    )  # fmt: skip
    spec = bar_spec(items, title="t", description="d", x_title="%", series=["alone", "total"])
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0
    wrapped = bar_label_lines(names)
    for name in names:
        for line in wrapped.get(name, [name]):
            assert _px(line) <= BAR_LABEL_PX and _px(line) + AXIS_TICK_PX <= axis["minExtent"]
    if lang == "en":  # the longest English name takes two lines, and its row holds them
        assert max(len(v) for v in wrapped.values()) == 2
        assert spec["height"] >= len(names) * (2 * 15 + 8)
    else:  # every Japanese name on one line
        assert wrapped == {} and "labelExpr" not in axis


def _alliance_names(lang: Lang) -> dict[str, str]:
    """The alliance fabs' names in ``lang`` as the shipped data gives them."""
    from chipshock.data.curated import read_curated
    from chipshock.scenarios.overrides import alliance_fabs

    data = read_curated(Path(chipshock.__file__).parent / "data" / "files" / "curated")
    return fab_names(data.fabs[data.fabs["fab_id"].isin(alliance_fabs())], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_fab_bar_lines_with_the_real_names_fit_without_cutting_a_name(lang: Lang) -> None:
    """Every alliance fab's label line, with the longest reason a bar is empty ("no capacity
    until 2028"), fits the compact chart and the full-width one as the widest of the fonts
    draws it; only a name's part in brackets may go ("Rapidus IIM-1 (Innovative Integration
    for Manufacturing)": the appendix's table gives it), never the name's own words."""
    names = _alliance_names(lang)
    assert len(names) >= 5
    medians = {fab: 0.0 for fab in names}
    for width, limit in ((COMPACT_WIDTH, COMPACT_WIDTH - LABEL_MARGIN_PX), ("container", None)):
        spec = fab_bars_spec(_split(medians), names, lang, width=width)
        assert spec is not None
        for row in next(iter(spec["datasets"].values())):
            line, name = str(row["text"]), names[str(row["label"])]
            assert _px(line) <= (limit or FAB_LABEL_PX), line
            assert "…" not in line, line
            assert line.startswith(name.split(" (")[0].split("（")[0]), (line, name)
