"""docs/scenarios.md and docs/api.md tell an analyst with her own scenario file what the tool
does with it: the lead time's normal value, that the API reads the file, where the dashboard
shows it (session 29's audit; each claim is held to the code or the data)."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS_MD = ROOT / "docs" / "scenarios.md"
API_MD = ROOT / "docs" / "api.md"


def _paragraph(text: str, lead: str) -> str:
    """The paragraph of ``text`` that starts with ``lead`` (up to the next blank line)."""
    start = text.index(lead)
    end = text.find("\n\n", start)
    return " ".join(text[start : end if end >= 0 else None].split())


def _assumption(name: str) -> str:
    path = resources.files("chipshock") / "data" / "files" / "curated" / "model_assumptions.csv"
    with path.open(encoding="utf-8") as f:
        rows = {row["parameter"]: row for row in csv.DictReader(f)}
    return rows[name]["value"]


def test_the_docs_give_the_normal_lead_time_the_data_holds() -> None:
    """'What the lead time counts' names normal_lead_time_weeks with the value of its data row,
    so a reader can tell what a run's 13 or 14 weeks are longer than."""
    text = _paragraph(SCENARIOS_MD.read_text(encoding="utf-8"), "**What the lead time counts.**")
    found = re.search(r"`normal_lead_time_weeks` of `model_assumptions.csv`: (\d+) weeks", text)
    assert found, "the lead time paragraph does not give the normal lead time"
    assert float(found.group(1)) == float(_assumption("normal_lead_time_weeks"))


def test_the_errors_section_says_the_api_reads_a_file() -> None:
    """docs/scenarios.md's 'Errors' says how the API checks a file, as the API does: its
    requests take the file's text as `toml` (no sentence that it reads no TOML)."""
    pytest.importorskip("fastapi")
    from chipshock.api.schemas import RunRequest

    assert "toml" in RunRequest.model_fields
    section = SCENARIOS_MD.read_text(encoding="utf-8").split("## Errors", 1)[1]
    section = " ".join(section.split("\n## ", 1)[0].split())
    assert "reads no TOML" not in section
    assert "The API takes a file's text as `toml`" in section


def test_the_dashboard_docs_say_how_a_scenario_file_gets_there() -> None:
    """The dashboard's scripts send no scenario file (no `toml`), so its docs say so and give
    the way there: a run saved with --save, opened under Saved results."""
    scripts = (ROOT / "src" / "chipshock" / "web" / "static" / "js").glob("*.js")
    loads_files = any("toml" in js.read_text(encoding="utf-8") for js in scripts)
    section = API_MD.read_text(encoding="utf-8").split("## Dashboard", 1)[1].split("\n## ", 1)[0]
    section = " ".join(section.split())
    if loads_files:
        pytest.skip("the dashboard sends scenario files now: document how instead")
    assert "it does not load a scenario file" in section
    assert "`chipshock scenario run my.toml --save NAME`" in section
    assert "Saved results" in section


def test_the_naka_override_example_quotes_the_data_rows() -> None:
    """The `[[fab_override]]` example's Renesas Naka figures (12,900 per class, 25,800 in all)
    are those of fab_capacity.csv, so 20,000 without node_class is indeed less."""
    path = resources.files("chipshock") / "data" / "files" / "curated" / "fab_capacity.csv"
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["fab_id"] == "renesas-naka"]
    by_class = {r["node_class"]: float(r["capacity_wspm"]) for r in rows}
    assert by_class == {"n28_45": 12_900.0, "gt45": 12_900.0}
    text = " ".join(SCENARIOS_MD.read_text(encoding="utf-8").split())
    assert "rows of 12,900 in `n28_45` and 12,900 in `gt45`, 25,800 in all" in text
    assert sum(by_class.values()) == 25_800.0 > 20_000


def test_the_annotated_example_lists_every_kind() -> None:
    """The annotated example's comments list every shock and intervention kind the parser
    takes (the `demand` kind was missing from the shock's)."""
    from chipshock.scenarios._events import INTERVENTION_KINDS, SHOCK_KINDS

    text = SCENARIOS_MD.read_text(encoding="utf-8")
    example = text.split("## An annotated example", 1)[1].split("```toml", 1)[1].split("```")[0]
    comments = {
        line.split("=", 1)[1].split("#", 1)[0].strip().strip('"'): line.split("#", 1)[1]
        for line in example.splitlines()
        if line.startswith("kind =")
    }
    listed = {kind: {k.strip() for k in note.split("|")} for kind, note in comments.items()}
    assert listed["country"] == set(SHOCK_KINDS)
    assert listed["fabs_off"] == set(INTERVENTION_KINDS)
