"""Every TOML example of docs/scenarios.md is a file an analyst can copy: it parses and passes
every check a run makes against the shipped data (`chipshock scenario validate`), and the
annotated example runs (session 34's audit: only the annotated example and the distribution
snippet were parsed, and nothing held them to the data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chipshock.scenarios.parser import parse_partial

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"
#: the years a snippet without its own [scenario] table is read in (the docs' examples start
#: their shocks in 2027 and their fab overrides by 2029)
HEAD = '[scenario]\nid = "docs-example"\nstart_year = 2027\nend_year = 2031\nruns = 2\n'
#: the shock a snippet of bare shock keys (`duration_weeks = ...`) is written under
SHOCK = '[[shock]]\nkind = "country"\ntargets = ["TWN"]\nstart = "2027-01"\n'


def _examples() -> list[tuple[int, str]]:
    """The ```toml blocks of the docs, each with its line in the file."""
    text = DOC.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(1))
        for m in re.finditer(r"```toml\n(.*?)```", text, re.S)
    ]


def _as_file(block: str) -> str:
    """A block as a whole file: a [scenario] table where it has none, a shock above bare keys."""
    first = next(line for line in block.splitlines() if line and not line.startswith("#"))
    body = block if first.startswith("[") else SHOCK + block
    return body if "[scenario]" in block else HEAD + body


def test_the_docs_hold_toml_examples() -> None:
    """The examples are found (a change of the fence would make the tests below vacuous)."""
    assert len(_examples()) >= 7


@pytest.mark.parametrize(("line", "block"), _examples(), ids=lambda v: str(v)[:12])
def test_each_example_passes_every_check(db: Path, line: int, block: str) -> None:
    """An example of docs/scenarios.md (at ``line``) parses and passes the data checks."""
    from chipshock.sim import load_model_data
    from chipshock.sim.run.checks import check_partial

    partial = parse_partial(_as_file(block), f"docs/scenarios.md:{line}")
    found = check_partial(partial, load_model_data(db))
    assert not found.problems, [str(p) for p in found.problems]
    assert not found.not_checked


def test_the_annotated_example_runs(db: Path) -> None:
    """The annotated example (every section an analyst starts from) runs: its shock hits
    Taiwan's producers and costs output."""
    from chipshock.sim import load_model_data
    from chipshock.sim.run.api import run

    (_, block), *_ = _examples()
    partial = parse_partial(block, "my-blockade.toml")
    assert partial.scenario is not None and not partial.problems
    result = run(partial.scenario, load_model_data(db), runs=4)
    assert result.summary()["cumulative_shortfall_weeks"]["p50"] > 0
