"""The trace graph's step words agree with their count in English ("1 step", "2 steps"; session
26 wrote "step(s)"), and no text of the dashboard's catalogues says "(s)"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

STATIC = Path(__file__).resolve().parents[2] / "src" / "chipshock" / "web" / "static"

#: each traced node's side (above or below the input) and screen-reader label
NODES_JS = """ns => ns.map(n => [n.classList.contains('up') ? 'up' : 'down',
  n.getAttribute('aria-label')])"""


def test_no_catalogue_text_says_s_in_brackets() -> None:
    """Neither catalogue has a "(s)" or "（s）" left: a count picks its word."""
    for lang in ("en", "ja"):
        texts = json.loads((STATIC / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        assert [k for k, v in texts.items() if re.search(r"[(（]s[)）]", v)] == [], lang


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_trace_graph_steps_by_count(browser_page: Watched, server: str, lang: str) -> None:
    """Lithography tools (N19) have inputs one and two steps above them and feed seven steps
    below: each node's label says "1 step" or "n steps" in English, 「n段」 in Japanese."""
    page = browser_page.page
    _open(browser_page, server, "explorer?input=N19", lang)
    page.wait_for_selector("#exp-detail svg.trace-graph .node")
    labels = page.locator("#exp-detail svg.trace-graph .node[role=button]").evaluate_all(NODES_JS)
    found: dict[tuple[str, int], int] = {}
    for side, label in labels:
        if lang == "en":
            word = "upstream" if side == "up" else "downstream"
            m = re.search(rf"(?:needed|fed) (\d+) (steps?) {word}$", label)
            assert m, label
            n = int(m.group(1))
            assert m.group(2) == ("step" if n == 1 else "steps"), label
        else:
            m = re.search(r"(\d+)段(?:上流で必要|下流へ供給)$", label)
            assert m and "step" not in label, label
            n = int(m.group(1))
        found[side, n] = found.get((side, n), 0) + 1
    assert {("up", 1), ("up", 2), ("down", 1), ("down", 7)} <= set(found), found
    assert browser_page.errors == []
