"""A table cell shows a source's markdown link as its words (audit28: `coalition USA JPN` printed
"[Semiconductor Industry Ass…" with the bracket of a link whose URL was cut away); the JSON keeps
the source as the data writes it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Runner
from tests.cli.terminal import chipshock_at

from chipshock.cli.table_cells import _cell


def test_a_link_reads_as_its_words() -> None:
    assert _cell("[CSET](https://cset.georgetown.edu/x)", "caption") == "CSET"
    assert _cell("see [SIA](http://a.b/c) and **BCG**", "note") == "see SIA and BCG"
    assert _cell("[not a link] (plain)", "note") == "[not a link] (plain)"


def test_coalition_sources_in_the_terminal(cli: Runner, store_path: Path) -> None:
    # a terminal wide enough for the source column (rich reads COLUMNS once per process)
    out = chipshock_at(200, "coalition", "USA", "JPN", "--db", str(store_path))
    assert "Semiconductor" in out and "[Semiconductor" not in out and "](" not in out
    code, out, _ = cli("coalition", "USA", "JPN", "--format", "json")
    assert code == 0
    sources = [s.get("source") or "" for s in json.loads(out)["stages"]]
    assert any(s.startswith("[Semiconductor") and "](http" in s for s in sources), sources
