"""The by-fab bars' label lines (session 28): measured with the charts' fonts' own widths, so
that a line that fits is not cut ("… no capacity until 20…"), and a line that does not is
shortened at a word; the bars' medians by one rule for the chart (no USD 0.02 / 0.009 / 0.0 bn
side by side)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from chipshock.present.avoided_chart import FAB_LABEL_PX, fab_bar_labels, fab_bars_spec
from chipshock.present.contributions import amount_text
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd_column
from chipshock.present.text_width import ASCII_ADVANCE, text_px
from chipshock.report.body import COMPACT_WIDTH

FONTS = {
    "Noto Sans CJK JP": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "DejaVu Sans": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
}


def _split(medians: dict[str, float]) -> object:
    """Fab contributions with the given 'alone' medians (USD bn); fabs at 0.1 bn or less have
    no capacity until 2028."""
    from chipshock.sim.run.contributions import FabContributions

    rows = [
        {"fab_id": f, "measure": m, "mean": v, "p5": v / 2, "p50": v, "p95": v * 1.5}
        for f, v in medians.items()
        for m in ("alone", "added")
    ]
    stats = {"mean": 30.0, "p5": 15.0, "p50": 30.0, "p95": 60.0}
    return FabContributions(
        scenario_id="taiwan-blockade-2027-6m",
        fabs=tuple(medians),
        runs=8,
        seed=2027,
        table=pd.DataFrame(rows),
        totals={k: stats for k in ("together", "sum_alone", "sum_added", "interaction")},
        loss_by_run=pd.DataFrame(),
        fab_info=pd.DataFrame(
            {
                "fab_id": list(medians),
                "shock_year": 2027,
                "capacity_wspm": [0.0 if v <= 0.1 else 20000.0 for v in medians.values()],
                "first_year": [2028 if v <= 0.1 else 2025 for v in medians.values()],
                "as_of": "2025-12",
                "confidence": "low",
            }
        ),
    )


NAMES = {
    "jasm-kumamoto-fab1": "JASM Kumamoto Fab 1",
    "tsmc-arizona-p2": "TSMC Arizona Fab 21 Phase 2",
    "rapidus-iim1": "Rapidus IIM-1 (Innovative Integration for Manufacturing)",
    "tsmc-arizona-p3": "TSMC Arizona Fab 21 Phase 3",
}
MEDIANS = {
    "jasm-kumamoto-fab1": 22.4,
    "tsmc-arizona-p2": 0.01,
    "rapidus-iim1": 0.009,
    "tsmc-arizona-p3": 0.0,
}


def _lines(spec: dict[str, object]) -> list[str]:
    rows = next(iter(spec["datasets"].values()))  # type: ignore[attr-defined]
    return [str(r["text"]) for r in rows]


def test_a_line_that_fits_is_not_cut() -> None:
    """The compact chart (470 px) cut "TSMC Arizona Fab 21 Phase 2: USD 0.01 bn — no capacity
    until 20…" by 0.6 em a character (468 px); drawn, the widest of the charts' fonts takes
    about 415 px: the whole line stands."""
    line = "TSMC Arizona Fab 21 Phase 2: USD 0.01 bn — no capacity until 2028"
    assert len(line) * 0.6 * 12 > COMPACT_WIDTH - 8 >= text_px(line, 12)
    name, value = line.split(": ", 1)
    assert fab_bar_labels([name], [value], "en", COMPACT_WIDTH - 8) == [line]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_long_line_is_shortened_at_a_word(lang: str) -> None:
    """A line too long for its chart loses the name's last words (an ellipsis in their place),
    never a part of a word or of the median and its reason."""
    value = message("report.fab_bar_no_capacity", lang, value="USD 0 bn", first=2028)
    name = "TSMC Arizona Fab 21 Phase 2" if lang == "en" else "TSMCアリゾナ工場 第2期棟"
    limit = text_px(message("report.fab_bar_label", lang, name=name, value=value), 12) - 20
    (line,) = fab_bar_labels([name], [value], lang, limit)
    assert text_px(line, 12) <= limit and line.endswith(value)
    short = line[: line.index("…")]
    assert name.startswith(short) and name[len(short)] in " 工第", line


def test_the_width_table_covers_the_installed_fonts() -> None:
    """Each printable ASCII character is at least as wide in the table as in each chart font
    installed here (fontTools' advance widths), so a measured line fits whichever draws it."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    found = 0
    for family, path in FONTS.items():
        if not path.exists():
            continue
        fonts = ttlib.TTCollection(path).fonts if path.suffix == ".ttc" else [ttlib.TTFont(path)]
        font = next(f for f in fonts if family in f["name"].getDebugName(1))
        cmap, upm = font.getBestCmap(), font["head"].unitsPerEm
        for code in range(0x20, 0x7F):
            advance = 1000 * font["hmtx"][cmap[code]][0] / upm
            assert ASCII_ADVANCE[code - 0x20] >= round(advance), (family, chr(code))
        found += 1
    if not found:
        pytest.skip("none of the charts' fonts is installed")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_fab_bar_values_by_one_rule(lang: str) -> None:
    """The bars' medians in one unit and with one number of decimals, the largest's: a true
    zero is 0, a tiny amount '<' the step, no 0.009 beside 22.4 and no 0.0. In Japanese each
    reads as its table cell (`amount_text`): the by-fab table writes 0.01 bn "0.1億ドル", and
    the label said "<1億ドル" beside it (session 33's leftover)."""
    spec = fab_bars_spec(_split(MEDIANS), NAMES, lang, width=COMPACT_WIDTH)
    assert spec is not None
    lines = _lines(spec)
    expected = fmt_usd_column([v * 1e9 for v in MEDIANS.values()], lang)
    if lang == "en":
        assert expected == ["USD 22.4 bn", "USD <0.1 bn", "USD <0.1 bn", "USD 0 bn"]
    else:
        expected = [amount_text(v, "ja") for v in MEDIANS.values()]
        assert expected == ["224億ドル", "0.1億ドル", "0.09億ドル", "0億ドル"]
    for line, value in zip(lines, expected, strict=True):
        assert value in line and "0.009" not in line and "<1億" not in line, line
        assert "0.0" not in line or lang == "ja", line  # ja: 0.009 bn is "0.09億ドル"
        assert "…" not in line and text_px(line, 12) <= COMPACT_WIDTH - 8, line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_drawn_lines_fit_the_plot(lang: str) -> None:
    """Drawn (vl-convert), every label line of the compact chart is whole and its measured
    width ends inside the plot; at the full width the lines fit `FAB_LABEL_PX` too."""
    pytest.importorskip("vl_convert")
    from chipshock.present.charts import render_svg

    for width in (COMPACT_WIDTH, "container"):
        spec = fab_bars_spec(_split(MEDIANS), NAMES, lang, width=width)
        assert spec is not None
        svg = render_svg(spec)
        plot = re.search(r'<path class="background"[^>]*d="M0,0h([\d.]+)v', svg)
        assert plot, svg[:300]
        text_mark = r'"text mark" text-anchor="start" transform="translate\(0,[\d.]+\)"'
        lines = [html.unescape(t) for t in re.findall(text_mark + r"[^>]*>([^<]+)</text>", svg)]
        assert len(lines) == len(MEDIANS)
        for line in lines:
            assert text_px(line, 12) <= min(float(plot[1]), FAB_LABEL_PX), line
        assert not any(line.endswith("…") for line in lines), lines


def test_a_tiny_median_reads_as_its_table_cell() -> None:
    """When every fab avoids less than USD 0.05 bn, the split's table writes each nonzero
    median "<0.1" (`amount_cell`); the bars' labels said "USD 0.03 bn" and "USD 0.01 bn" beside
    it. They read "USD <0.1 bn" as the cell, a true zero still "USD 0 bn"."""
    from chipshock.present.contributions import amount_cell

    medians = {"jasm-kumamoto-fab1": 0.03, "tsmc-arizona-p2": 0.01, "tsmc-arizona-p3": 0.0}
    assert [amount_cell(v) for v in medians.values()] == ["<0.1", "<0.1", "0.0"]
    spec = fab_bars_spec(_split(medians), NAMES, "en", width=COMPACT_WIDTH)
    assert spec is not None
    values = [line.split(": ", 1)[1].split(" — ")[0] for line in _lines(spec)]
    assert values == ["USD <0.1 bn", "USD <0.1 bn", "USD 0 bn"]
    assert "0.03" not in spec["description"] and "0.01" not in spec["description"]
