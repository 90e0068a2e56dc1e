"""The Japanese dashboard and report say the same things in the same words, and leave no English
behind: one name for the alliance fabs, tracker titles and the coalition's value function in
Japanese, honest group sizes in the highlight selector."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chipshock.present.messages import catalogue, message

STATIC = Path(__file__).resolve().parents[2] / "src" / "chipshock" / "web" / "static"
DASHBOARD_JA: dict[str, str] = json.loads((STATIC / "i18n" / "ja.json").read_text("utf-8"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_the_alliance_fabs_have_one_japanese_name_everywhere() -> None:
    """The dashboard and the report's catalogue name the alliance fabs by the term the report
    defines (日米連携の新工場), never by another wording such as 同盟の工場."""
    term = message("term.alliance_fabs", "ja")
    texts = {**{f"dashboard {k}": v for k, v in DASHBOARD_JA.items()}, **catalogue("ja")}
    drifted = [k for k, v in texts.items() if re.search(r"同盟(の|による)新?工場", v)]
    assert drifted == []
    with_, without = (
        message("side.with_alliance_fabs", "ja"),
        message("side.without_alliance_fabs", "ja"),
    )
    assert term in with_ and term in without
    assert (DASHBOARD_JA["cap_with"], DASHBOARD_JA["cap_without"]) == (with_, without)
    assert (message("chart.capacity_with", "ja"), message("chart.capacity_without", "ja")) == (
        with_,
        without,
    )
    assert DASHBOARD_JA["scen_alliance"].startswith(term) and term in DASHBOARD_JA["cmp_default"]
