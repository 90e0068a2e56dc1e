"""The avoided-loss histogram (`chipshock.present.avoided_chart.avoided_bins`): round bin
widths, every run counted once in the bin that holds it; the numbers the API sends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from chipshock.present.avoided_chart import (
    MAX_BINS,
    AvoidedLoss,
    avoided_bins,
    avoided_payload,
    avoided_spec,
)
from chipshock.sim.run.economics import percentile_stats


def _avoided(values: list[float]) -> AvoidedLoss:
    array = np.asarray(values, dtype=np.float64)
    return AvoidedLoss(array, percentile_stats(array), False)


def test_four_runs_by_hand() -> None:
    """Runs -0.3, 0.1, 0.1 and 2.9 USD bn span 3.2: bins 0.2 wide (0.1 would need 32) from
    -0.4 to 3.0, holding 1, 2 and 1 runs; one run goes the other way."""
    bins = avoided_bins(_avoided([-0.3, 0.1, 0.1, 2.9]))
    assert len(bins) == 17
    assert (bins["start"].iloc[0], bins["end"].iloc[-1]) == (-0.4, 3.0)
    assert bins["end"].iloc[0] - bins["start"].iloc[0] == pytest.approx(0.2)
    held = bins[bins["count"] > 0]
    assert list(zip(held["start"], held["count"], strict=True)) == [(-0.4, 1), (0.0, 2), (2.8, 1)]
    payload = avoided_payload(_avoided([-0.3, 0.1, 0.1, 2.9]))
    assert (payload["runs"], payload["runs_other_way"], payload["p50"]) == (4, 1, 0.1)


def test_runs_that_all_avoid_nothing_give_one_bin_and_no_negative_zero() -> None:
    """A comparison of a scenario with itself: one bin of width 1 from +0.0, and +0.0 stats."""
    payload = avoided_payload(_avoided([-0.0, -0.0, -0.0]))
    assert payload["bins"] == [{"start": 0.0, "end": 1.0, "count": 3}]
    assert all(np.copysign(1.0, payload[k]) > 0 for k in ("mean", "p5", "p50", "p95"))


@example([0.6, -9.12740705899099e-63])  # 32 bins 0.02 wide, before session 25: now 0.05
@given(
    st.lists(
        st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=200,
    )
)
def test_every_run_is_counted_once_in_a_round_bin(values: list[float]) -> None:
    """Any runs: at most MAX_BINS + 1 bins of one width 1, 2 or 5 × 10^k, that cover the runs
    and count each once; the first and the last bin hold a run."""
    bins = avoided_bins(_avoided(values))
    width = float(bins["end"].iloc[0] - bins["start"].iloc[0])
    mantissa = width / 10.0 ** np.floor(np.log10(width))
    assert min(abs(mantissa - m) for m in (1.0, 2.0, 5.0, 10.0)) < 1e-6
    assert len(bins) <= MAX_BINS + 1
    assert int(bins["count"].sum()) == len(values)
    assert bins["count"].iloc[0] > 0 and bins["count"].iloc[-1] > 0
    tolerance = 1e-9 * max(1.0, width)
    assert bins["start"].iloc[0] <= min(values) + tolerance
    assert bins["end"].iloc[-1] >= max(values) - tolerance


def test_labels_in_the_right_half_stand_left_of_their_rule() -> None:
    """A label right of a rule near the plot's right edge runs past it (the report cut "p95 USD
    67.4 bn"): labels of rules in the right half of the axis are right-aligned, left of their
    rule; the others left-aligned, right of it; each mark is labelled once."""
    runs = [12.0, *np.linspace(30.0, 75.0, 19)]
    spec = avoided_spec(_avoided(runs), ("without", "with"))
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    placed = {
        row["stat"]: (layer["mark"]["align"], layer["mark"]["dx"])
        for layer in texts
        for row in spec["datasets"][layer["data"]["name"]]
    }
    assert placed == {"p5": ("left", 3), "p50": ("right", -3), "p95": ("right", -3)}


def test_percentile_labels_stand_on_three_rows() -> None:
    """Session 25: the report drew "p5 USD 23.9 bn" and "p50 USD 45.7 bn" 5 px apart, one over
    the other (an encoded offset went through a band scale that used two of its three rows):
    drawn, the p5, p50 and p95 labels stand at least a line (12 px text) apart."""
    pytest.importorskip("vl_convert")
    import re

    from chipshock.present.charts import FONT_PX, render_svg

    runs = [12.0, *np.linspace(22.0, 48.0, 19)]  # p5 and p50 close: their labels would meet
    svg = render_svg(avoided_spec(_avoided(runs), ("without", "with")))
    rows = {
        text: float(y)
        for y, text in re.findall(r'translate\([-\d.]+,([-\d.]+)\)"[^>]*>(p\d+) [^<]*</text>', svg)
    }
    assert sorted(rows) == ["p5", "p50", "p95"]
    assert rows["p50"] - rows["p5"] >= FONT_PX and rows["p95"] - rows["p50"] >= FONT_PX


def test_each_percentile_label_has_a_white_outline_beneath_it() -> None:
    """A label crosses the bars beside its rule (session 30: "p95 USD 68.1 bn" over the 60–65
    bar): beneath each, earlier in the layers, a white copy outlined in white at the same
    place, so that the label reads over a bar."""
    runs = [12.0, *np.linspace(30.0, 75.0, 19)]
    spec = avoided_spec(_avoided(runs), ("without", "with"))
    layers = spec["layer"]
    texts = [i for i, layer in enumerate(layers) if layer["mark"]["type"] == "text"]
    labels = [i for i in texts if "stroke" not in layers[i]["mark"]]
    halos = [i for i in texts if layers[i]["mark"].get("stroke") == "#ffffff"]
    assert len(labels) == len(halos) == 3 and max(halos) < min(labels)
    for halo, label in zip(halos, labels, strict=True):
        outline, text = layers[halo], layers[label]
        assert outline["data"] == text["data"] and outline["encoding"] == text["encoding"]
        assert outline["mark"]["color"] == "#ffffff" and outline["mark"]["strokeWidth"] >= 2
        same_place = ("align", "baseline", "dx", "yOffset", "fontSize")
        assert all(outline["mark"][k] == text["mark"][k] for k in same_place)


def test_percentiles_of_one_amount_share_a_label() -> None:
    """Audit31, finding 17: a delayed fab that changes nothing in most runs has p5 = p50 = 0;
    the chart drew "p5 USD 0.0 bn" and "p50 USD 0.0 bn" one over the other. They share one
    label, and p95 keeps its own; every rule is still drawn."""
    from chipshock.present.avoided_chart import _shared_labels

    marks = pd.DataFrame(
        {"stat": ["p5", "p50", "p95"], "value": [0.0, 0.0, 40.0], "text": ["", "", ""]}
    )
    stats = {"p5": 0.0, "p50": 0.0, "p95": 0.4}
    assert _shared_labels(marks, stats, "en")["text"].tolist() == [
        "p5, p50 USD 0.0 bn",
        "p95 USD 0.4 bn",
    ]
    ja = _shared_labels(marks, stats, "ja")["text"].tolist()
    assert len(ja) == 2 and ja[0].startswith("p5・p50 ")
    three = {"p5": 1.0, "p50": 2.0, "p95": 3.0}
    assert len(_shared_labels(marks, three, "en")) == 3
