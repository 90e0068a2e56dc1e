"""Lists inside Japanese text are joined with 「、」, as the rest of the product writes them
(api31: the by-fab chart's text alternative and the Japanese ``expected`` of an error joined
their items with ", ")."""

from __future__ import annotations

from tests.report.test_fab_bar_labels import MEDIANS, NAMES, _split

from chipshock.errors import Problem
from chipshock.present.avoided_chart import fab_bars_spec
from chipshock.present.error_text import problem_text_ja
from chipshock.present.expected_text import expected_text_ja
from chipshock.present.messages import message


def test_the_by_fab_chart_is_described_in_japanese_punctuation() -> None:
    """The chart's description: the title, 「：」, then each bar joined with 「、」 in Japanese;
    ": " and ", " in English."""
    ja = fab_bars_spec(_split(MEDIANS), NAMES, "ja")
    en = fab_bars_spec(_split(MEDIANS), NAMES, "en")
    assert ja is not None and en is not None
    title_ja, title_en = (message("report.chart_fabs_alone", lang) for lang in ("ja", "en"))
    assert ja["description"].startswith(f"{title_ja}：JASM")
    assert ja["description"].count("、") >= len(MEDIANS) - 1 and ", " not in ja["description"]
    assert en["description"].startswith(f"{title_en}: JASM")


def test_an_unknown_scenarios_examples_are_joined_in_japanese() -> None:
    """The examples of a built-in id, the closest ids and repeated ids: 「、」 between items."""
    expected = "a built-in scenario id, e.g. taiwan-blockade-2027-6m, korea-conflict"
    assert expected_text_ja(expected) == (
        "組み込みシナリオの ID（例：taiwan-blockade-2027-6m、korea-conflict）"
    )
    fab = Problem(
        "unknown fab",
        field="fabs_off",
        value="tsmc-f1",
        expected="a fab_id of /api/fabs (206 fabs); did you mean tsmc-fab14, tsmc-fab18?",
    )
    assert "候補：tsmc-fab14、tsmc-fab18" in problem_text_ja(fab)
    repeated = Problem("2 repeated ids", field="targets", value="KOR, TWN")
    assert problem_text_ja(repeated).endswith("（KOR、TWN）")


def test_a_syntax_errors_position_is_said_in_japanese() -> None:
    """A TOML position in a posted file (``toml, line 3, column 5``) reads 3行目、5文字目."""
    problem = Problem("invalid TOML", field="toml, line 3, column 5", expected="a string")
    assert problem_text_ja(problem).startswith("toml、3行目、5文字目：")
