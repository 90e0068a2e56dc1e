"""A scenario's fab switches as settings lines (session 32): ``fabs_off``, ``fabs_on`` and
``partnership_off`` were named only by the side titles and the report's fab list, not by "what
the scenario sets". Hand-checkable tables, no store."""

from __future__ import annotations

import pandas as pd

from chipshock.present.scenario_settings import settings_lines
from chipshock.present.switch_settings import fab_list, partnership_name
from chipshock.scenarios.model import Intervention, Scenario
from chipshock.scenarios.overrides import OVERRIDE_LABELS, RESTORED_LABEL, apply_overrides

ASSUMPTIONS = pd.DataFrame(
    {"parameter": ["inventory_regime_2019"], "value": [1.0], "as_of": ["2022-01"],
     "confidence": ["low"]}
)  # fmt: skip
NAMES = {
    "en": {"a": "Fab A", "b": "Fab B", "c": "Fab C"},
    "ja": {"a": "A工場", "b": "B工場", "c": "C工場"},
}
PARTNERSHIPS = pd.DataFrame(
    {
        "partnership_id": ["p-two", "p-many", "p-research"],
        "parties": ["Alpha; Beta", "P1; P2; P3; P4; P5; P6", "Alpha; Gamma"],
        "parties_ja": ["アルファ、ベータ（本社、支社）", "", "アルファ、ガンマ"],
        "technology": ["2nm logic", "memory", "research"],
        "technology_ja": ["2nmロジック", "", "研究"],
        "fab_ids": ["a;b", "c", None],
        "as_of": ["2024-02", "2023-04", "2025-07"],
    }
)


def _switches(*interventions: Intervention, lang: str = "en") -> list[str]:
    """The lines after the stocks line (which is always there)."""
    s = Scenario("x", "X", interventions=interventions)
    lines = settings_lines(s, ASSUMPTIONS, NAMES[lang], lang, partnerships=PARTNERSHIPS)  # type: ignore[arg-type]
    assert lines[0].startswith("Stocks:" if lang == "en" else "在庫：")
    return lines[1:]


def test_fabs_off_and_on_name_the_fabs_by_their_names() -> None:
    """One line each, fabs by display name (an id without one as it is), the file's label
    quoted; in Japanese the Japanese names, label_ja and Japanese punctuation."""
    off = Intervention("fabs_off", fabs=("a", "zz"), label="No new fabs", label_ja="新工場なし")
    on = Intervention("fabs_on", fabs=("c",))
    assert _switches(off, on) == [
        "Fabs switched off (no output in the run): Fab A, zz (“No new fabs”).",
        "Fabs switched on: Fab C.",
    ]
    assert _switches(off, on, lang="ja") == [
        "停止する工場（期間中の生産なし）：A工場、zz（「新工場なし」）。",
        "稼働させる工場：C工場。",
    ]


def test_a_partnership_is_named_with_its_fabs() -> None:
    """Parties and technology (Japanese from parties_ja / technology_ja), the id, the row's
    date and the fabs its fab_ids switch off; one line per partnership of the switch."""
    iv = Intervention("partnership_off", partnerships=("p-two", "p-many"), label="L")
    assert _switches(iv) == [
        "Partnership switched off: Alpha and Beta — 2nm logic (p-two; partnerships.csv, as of "
        "2024-02); its fabs produce nothing in the run: Fab A, Fab B (“L”).",
        "Partnership switched off: P1, P2, P3 and 3 more — memory (p-many; partnerships.csv, "
        "as of 2023-04); its fabs produce nothing in the run: Fab C (“L”).",
    ]
    two, many = _switches(iv, lang="ja")
    assert two == (
        "停止する提携：アルファ、ベータ（本社、支社）の2nmロジック（p-two、partnerships.csv、"
        "2024-02時点）。その工場は期間中に生産しない：A工場、B工場（「L」）。"
    )
    # no Japanese in the data: the English parties and technology, Japanese punctuation
    assert many.startswith("停止する提携：P1、P2、P3、ほか3者のmemory（p-many、")


def test_a_partnership_the_data_cannot_name_says_so() -> None:
    """Unknown, or without fabs (the engine refuses both before a run; a file check may ask)."""
    iv = Intervention("partnership_off", partnerships=("p-research", "nope"))
    assert _switches(iv) == [
        "Partnership switched off: p-research (no row with fabs in partnerships.csv).",
        "Partnership switched off: nope (no row with fabs in partnerships.csv).",
    ]
    assert (
        _switches(iv, lang="ja")[1] == "停止する提携：nope（partnerships.csv に工場のある行なし）。"
    )


def test_a_long_list_says_how_many_it_leaves_out() -> None:
    """Six names, then "and 7 more" (「ほか7工場」); seven are all named (no "and 1 more");
    each fab once."""
    many = [f"f{i}" for i in range(13)]
    assert fab_list(many, {}, "en") == "f0, f1, f2, f3, f4, f5 and 7 more"
    assert fab_list(many, {}, "ja") == "f0、f1、f2、f3、f4、f5、ほか7工場"
    assert fab_list(many[:7], {}, "en") == ", ".join(many[:7])
    assert fab_list(["a", "b", "a"], NAMES["en"], "en") == "Fab A, Fab B"
    (line,) = _switches(Intervention("fabs_off", fabs=tuple(many)))
    assert line.endswith(": f0, f1, f2, f3, f4, f5 and 7 more.")


def test_the_parties_keep_a_bracket_whole() -> None:
    row = PARTNERSHIPS.iloc[0].to_dict()
    assert partnership_name(row, "ja") == "アルファ、ベータ（本社、支社）の2nmロジック"


def test_switches_from_the_run_s_options_quote_no_label() -> None:
    """`apply_overrides` (--fabs-off, the API's fabs_off, the alliance toggle) labels its switches
    "override: fabs off": the side's title says so; the line names the fabs without quoting
    that label. Fabs taken back out of the file's own fabs_off are said to be back on."""
    file_off = Intervention("fabs_off", fabs=("a", "b"), label="the file's")
    s = Scenario("x", "X", start_year=2027, end_year=2028, interventions=(file_off,))
    changed = apply_overrides(s, fabs_off=("c",), fabs_on=("a",))
    labels = {iv.label for iv in changed.interventions}
    assert {OVERRIDE_LABELS["fabs_off"], RESTORED_LABEL} <= labels
    lines = settings_lines(changed, ASSUMPTIONS, NAMES["en"], "en")[1:]
    assert lines == [
        "Fabs switched off (no output in the run): Fab B (“the file's”).",
        "Fabs switched off (no output in the run): Fab C.",
        "Fabs back on (the scenario's file switches them off): Fab A.",
    ]
    ja = settings_lines(changed, ASSUMPTIONS, NAMES["ja"], "ja")
    assert ja[-1] == "稼働に戻す工場（シナリオファイルでは停止）：A工場。"
    assert not [line for line in ja if "override" in line]
