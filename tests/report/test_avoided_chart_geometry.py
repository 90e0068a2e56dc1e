"""The briefing's lead chart, the avoided-loss histogram, as vl-convert draws it (session 34,
chart34): its count axis' title stands beside the 100 px plot, not past its ends (the Japanese
title, one line of 168 px, reached from under the chart's title to beside the x axis' labels),
and the axis' top is labelled (11 runs in the fullest bin drew ticks 0, 5 and 10 only)."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest

from chipshock.present.avoided_chart import (
    AVOIDED_PLOT_PX,
    AvoidedLoss,
    avoided_bins,
    avoided_spec,
    count_ticks,
)
from chipshock.present.chart_text import FONT_PX
from chipshock.present.labels import Lang
from chipshock.present.messages import message
from chipshock.present.text_width import text_px
from chipshock.sim.run.economics import percentile_stats

#: 40 runs' avoided loss, USD bn (the shape of the flagship's): 11 runs in the fullest bin
RUNS = np.array(
    [
        12,
        21,
        26,
        27,
        28,
        31,
        33,
        41,
        42,
        42,
        43,
        44,
        45,
        47,
        51,
        52,
        55,
        56,
        56,
        56,
        57,
        57,
        57,
        58,
        58,
        58,
        59,
        61,
        62,
        63,
        64,
        66,
        67,
        68,
        71,
        73,
        74,
        81,
        83,
        50,
    ],
    dtype=float,
)


def _axis(svg: str, title_pattern: str) -> str:
    """The markup of the axis whose title's transform matches ``title_pattern`` (from its group
    to the next axis' group, or the end)."""
    parts = svg.split('<g class="mark-group role-axis"')[1:]
    for axis in parts:
        if re.search(title_pattern, axis):
            return axis
    raise AssertionError(f"no axis with a title like {title_pattern}")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_count_axis_title_fits_beside_the_plot_and_its_top_is_labelled(lang: Lang) -> None:
    """Each line of the turned title is at most the plot's height as the widest of the charts'
    bold fonts draws it, the lines together read the catalogue's title, centred on the plot; the
    axis' ticks run from 0 to the first round step past the fullest bin, the last one drawn."""
    pytest.importorskip("vl_convert")
    from chipshock.present.charts import render_svg

    avoided = AvoidedLoss(RUNS, percentile_stats(RUNS), True)
    most = int(avoided_bins(avoided)["count"].max())
    assert most == 11
    spec = avoided_spec(avoided, ("with", "without"), lang)
    assert spec["height"] == AVOIDED_PLOT_PX == 100
    svg = render_svg(spec)
    axis = _axis(svg, r"rotate\(-90\)")
    title = re.search(
        r'role-axis-title.*?transform="translate\([-\d.]+,([\d.]+)\)[^>]*>(.*?)</text>', axis
    )
    assert title, axis
    assert float(title[1]) == pytest.approx(AVOIDED_PLOT_PX / 2)  # centred on the plot
    lines = [html.unescape(t) for t in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", title[2])]
    lines = lines or [html.unescape(title[2])]
    assert "".join(lines).replace(" ", "") == message("report.avoided_count", lang).replace(" ", "")
    assert all(text_px(line, FONT_PX, bold=True) <= AVOIDED_PLOT_PX for line in lines), lines
    ticks = re.findall(r"role-axis-label.*?</g>", axis, re.S)[0]
    drawn = [int(t) for t in re.findall(r">(\d+)</text>", ticks)]
    assert drawn == count_ticks(most) == [0, 5, 10, 15]
