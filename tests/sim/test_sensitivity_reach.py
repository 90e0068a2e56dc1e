"""The tornado ranks factors by how far they move the median (reach), not by high − low alone:
a factor whose two ends lie on the same side of base (the base at a turning point) is ranked
by its real effect, and the reading says so (review 2, finding 4: double ordering, swing +11 bn
but both ends ~50 bn below base, ranked 14th of 15)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from chipshock.present.charts import tornado_spec
from chipshock.present.summary_sweep import in_sentence, sensitivity_text
from chipshock.sim.sensitivity import SensitivityResult, factor_reach, ranked

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite, finite, finite)
def test_reach_is_at_least_the_swing_and_equals_it_when_monotonic(
    low: float, base: float, high: float
) -> None:
    reach = float(factor_reach(low, base, high))
    assert reach >= abs(high - low) - 1e-6
    if min(low, high) <= base <= max(low, high):
        assert abs(reach - abs(high - low)) <= 1e-6


@given(st.lists(st.tuples(finite, finite, finite), min_size=1, max_size=8))
def test_ranked_orders_by_reach(rows: list[tuple[float, float, float]]) -> None:
    table = pd.DataFrame(rows, columns=["kpi_low", "kpi_base", "kpi_high"])
    table["swing"] = table["kpi_high"] - table["kpi_low"]
    reach = ranked(table)["reach"].tolist()
    assert reach == sorted(reach, reverse=True)


def _result() -> SensitivityResult:
    """The reviewer's two factors: severity (monotonic, 185.5 -> 926.9) and double ordering
    (553.0 and 564.1 at its ends, 608.9 at base); a third that moves nothing."""
    rows = pd.DataFrame(
        {
            "factor": ["double_order_sensitivity", "shock_severity", "qualification_weeks"],
            "label": ["Double ordering", "Shock severity", "Qualification"],
            "label_ja": ["二重発注", "ショックの強さ", "認定"],
            "kpi_low": [553.0, 185.5, 608.9],
            "kpi_base": [608.9, 608.9, 608.9],
            "kpi_high": [564.1, 926.9, 608.9],
            "swing": [11.1, 741.4, 0.0],
            "confidence": ["low", "low", "low"],
            "how": ["", "", ""],
        }
    )
    return SensitivityResult(
        table=ranked(rows), kpi="loss_usd_bn", market="all", runs=50, seed=2027
    )


def test_a_non_monotonic_factor_is_ranked_by_reach_and_named() -> None:
    result = _result()
    assert result.table["factor"].tolist() == [
        "shock_severity",
        "double_order_sensitivity",
        "qualification_weeks",
    ]
    assert result.table["reach"].tolist() == [741.4, 55.9, 0.0]
    text = " ".join(sensitivity_text(result, "en").split())
    assert "Double ordering is not monotonic: both its low and its high value give a lower" in text
    assert "No effect: qualification." in text
    assert "二重発注は単調ではありません" in sensitivity_text(result, "ja")


def test_the_tornado_chart_puts_the_larger_reach_on_top() -> None:
    """Swing alone would put B (30) above A (11.1); A moves the median 55.9."""
    rows = pd.DataFrame(
        {"label": ["A", "B"], "low": [553.0, 600.0], "base": [608.9, 608.9], "high": [564.1, 630.0]}
    )
    spec = tornado_spec(
        rows, title="t", description="d", x_title="USD bn", low_name="low", high_name="high"
    )
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["sort"] == ["A", "B"]


def test_a_factor_that_moves_only_the_tails_is_named_not_called_no_effect() -> None:
    """Review 11, finding 5: qualification weeks leaves the median at 590.8 but moves the p5
    168.2 -> 190.3; the reading says the bars rank by the median and names it with its p5
    move (computed from the table), instead of listing it under "No effect". A factor whose
    tails move no more than its median is not named."""
    rows = pd.DataFrame(
        {
            "factor": ["shock_severity", "qualification_weeks", "utilisation"],
            "label": ["Shock severity", "Qualification", "Utilisation"],
            "label_ja": ["ショックの強さ", "認定", "稼働率"],
            "kpi_low": [185.5, 590.8, 590.8], "kpi_base": [590.8] * 3,
            "kpi_high": [926.9, 590.8, 590.8], "swing": [741.4, 0.0, 0.0],
            "low_p5": [10.0, 168.2, 168.2], "base_p5": [168.2] * 3,
            "high_p5": [400.0, 190.3, 168.2], "low_p95": [700.0, 902.4, 902.4],
            "base_p95": [902.4] * 3, "high_p95": [1100.0, 907.4, 902.4],
            "confidence": ["low"] * 3, "how": [""] * 3,
        }
    )  # fmt: skip
    result = SensitivityResult(table=ranked(rows), kpi="loss_usd_bn", market="all", runs=40,
                               seed=1)  # fmt: skip
    text = " ".join(sensitivity_text(result, "en").split())
    assert (
        "The bars rank by the median only; the p5 or p95 moves more than the median for "
        "qualification (p5 USD 168.2 bn to USD 190.3 bn; median USD 590.8 bn to USD 590.8 bn)."
        in text
    )
    assert "No effect: utilisation." in text
    assert "shock severity (p" not in text
    ja = sensitivity_text(result, "ja")
    assert "p5またはp95が中央値より大きく動く仮定：認定（p5" in ja
    assert "影響なし：稼働率。" in ja


def test_the_tail_note_names_the_three_whose_tails_move_most_and_counts_the_rest() -> None:
    """Audit28: the demo's reading named 14 of 15 assumptions in one sentence, two ranges each.
    Five assumptions move only their tails (p5 by 1, 5, 3, 9 and 2); the note names the three
    that move most (B, D, C, in the table's order) and counts the other two."""
    labels = ["A", "B", "C", "D", "E"]
    moves = [1.0, 5.0, 3.0, 9.0, 2.0]
    rows = pd.DataFrame(
        {
            "factor": [f"f{i}" for i in range(5)], "label": labels,
            "label_ja": [f"{x}案" for x in labels],
            "kpi_low": [100.0] * 5, "kpi_base": [100.0] * 5, "kpi_high": [100.0] * 5,
            "swing": [0.0] * 5, "low_p5": [50.0] * 5, "base_p5": [50.0] * 5,
            "high_p5": [50.0 + m for m in moves], "low_p95": [150.0] * 5,
            "base_p95": [150.0] * 5, "high_p95": [150.0] * 5,
            "confidence": ["low"] * 5, "how": [""] * 5,
        }
    )  # fmt: skip
    result = SensitivityResult(table=ranked(rows), kpi="loss_usd_bn", market="all", runs=40,
                               seed=1)  # fmt: skip
    text = " ".join(sensitivity_text(result, "en").split())
    note = text[text.index("The bars rank by the median only") :]
    spots = {x: note.find(f"{in_sentence(x)} (p5") for x in labels}
    named = sorted((x for x in labels if spots[x] >= 0), key=spots.__getitem__)
    assert named == [x for x in result.table["label"] if x in {"B", "C", "D"}]
    assert "and 2 other assumptions." in note
    ja = sensitivity_text(result, "ja")
    assert "ほか2項目。" in ja and "A案（" not in ja and "E案（" not in ja and "D案（" in ja
