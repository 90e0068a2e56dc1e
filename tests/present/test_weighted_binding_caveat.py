"""A run whose scenario weights cars' orders ([priorities] automotive = 10) does not say the
model shares a scarce class pro rata among its buyers (session 29: the analyst's file gave
cars a weight of 10 and the caveat still said "pro rata", "may in fact be served first"): the
binding-class caveat names the weight instead, on the flagship where cars bind on the leading
edge. Without a weight the caveat is the one every built-in scenario prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.present.history_caveats import market_caveats
from chipshock.scenarios import load_scenario

FLAGSHIP = "taiwan-blockade-2027-6m"


@pytest.fixture(scope="module")
def runs(built_store: Path) -> dict[str, object]:
    sim = pytest.importorskip("chipshock.sim")
    data = sim.load_model_data(built_store)
    plain = load_scenario(FLAGSHIP)
    weighted = plain.with_changes(priorities=(("automotive", 10.0),))
    return {
        k: sim.run(s, data, runs=12, seed=5) for k, s in (("plain", plain), ("weighted", weighted))
    }


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_caveat_says_the_weight(runs: dict[str, object], lang: str) -> None:
    plain = " ".join(market_caveats(runs["plain"], lang))
    weighted = " ".join(market_caveats(runs["weighted"], lang))
    pro_rata = "pro rata" if lang == "en" else "比例配分"
    assert pro_rata in plain and pro_rata not in weighted
    said = (
        "a weight of 10 ([priorities]" if lang == "en" else "10の重みを与えていますが（[priorities]"
    )
    assert said in weighted
    short = " ".join(market_caveats(runs["weighted"], lang, short=True))
    assert (
        "despite their priority weight 10." if lang == "en" else "優先度の重み10があっても"
    ) in short
    assert pro_rata not in short
