"""A bar chart's value axis as the briefing draws it (session 34, chart34): in Japanese, amounts in
億ドル have four digits and a comma, and the loss by country wrote 18 of them edge to edge
("1,0001,2001,400", the appendix's page 7); the labels drawn stand at least `LABEL_GAP_PX` apart
as the widest of the charts' fonts draws them."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from chipshock.present.chart_text import FONT_PX, LABEL_GAP_PX
from chipshock.present.charts import bar_spec
from chipshock.present.text_width import text_px


def _drawn_labels(svg: str, title: str) -> list[tuple[float, str]]:
    """The x and text of each label drawn (opacity 1) on the axis titled ``title``."""
    axis = next(a for a in svg.split('<g class="mark-group role-axis"')[1:] if f">{title}<" in a)
    labels = re.search(r'role-axis-label".*?</g>', axis, re.S)
    assert labels, axis
    return [
        (float(x), text)
        for x, opacity, text in re.findall(
            r'translate\(([-\d.]+),[-\d.]+\)"[^>]*opacity="([\d.]+)"[^>]*>([^<]+)</text>',
            labels[0],
        )
        if float(opacity) > 0
    ]


@pytest.mark.parametrize(("scale", "unit"), [(10.0, "億ドル"), (1.0, "USD bn")])
def test_value_labels_keep_their_distance(scale: float, unit: str) -> None:
    """The loss by country of the flagship briefing (China 199.6, Taiwan 102.4, Thailand 0.2
    USD bn, whiskers to 340): drawn at the report's 640 px, neighbouring labels of the value axis
    leave at least `LABEL_GAP_PX` between them, and 0 and the axis' far end are labelled."""
    pytest.importorskip("vl_convert")
    from chipshock.present.charts import render_svg

    items = pd.DataFrame(
        {
            "label": ["China", "Taiwan", "Thailand"],
            "value": [199.6 * scale, 102.4 * scale, 0.2 * scale],
            "low": [60.0 * scale, 30.0 * scale, 0.0],
            "high": [340.0 * scale, 200.0 * scale, 0.5 * scale],
            "text": ["a", "b", "c"],
        }
    )
    spec = bar_spec(items, title="t", description="d", x_title=unit)
    drawn = _drawn_labels(render_svg(spec), unit)
    assert len(drawn) >= 4 and drawn[0][1] == "0", drawn
    for (x0, a), (x1, b) in itertools.pairwise(drawn):
        gap = (x1 - x0) - (text_px(a, FONT_PX) + text_px(b, FONT_PX)) / 2
        assert gap >= LABEL_GAP_PX, (a, b, gap)
