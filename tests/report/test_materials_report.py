"""The briefing's raw-material chokepoints section (release 14, brief "materials"), en and ja:
each material's largest supplier with the share the model simulates (the CLI's
``chokepoints --materials`` numbers), its stock in weeks, as-of date and source."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from chipshock import sim
from chipshock.report import render_report
from chipshock.report.materials import material_rows

from .conftest import FakeResult


@pytest.fixture(scope="module")
def data(built_store: Path) -> sim.ModelData:
    return sim.load_model_data(built_store)


def test_material_rows_are_the_simulated_shares(data: sim.ModelData) -> None:
    """Seven materials; the largest supplier and share of each, hand-checked against the CSV."""
    rows = {r["material_id"]: r for r in material_rows(data.materials, data.raw_materials)}
    assert len(rows) == 7
    expected = {
        "gallium": ("CHN", 99.0),
        "germanium": ("CHN", 60.0),
        "neon": ("UKR", 50.0),
        "rare_earths": ("CHN", 92.0),
        "high_purity_quartz": ("USA", 70.0),
        "fluorspar": ("CHN", 62.0),
        "tungsten": ("CHN", 83.0),
    }
    assert {k: (r["country"], r["share_pct"]) for k, r in rows.items()} == expected
    assert rows["tungsten"]["weeks"] == "6 (3–12)" and rows["tungsten"]["as_of"] == "2025-01"


@pytest.mark.parametrize(
    ("lang", "title", "name"),
    [
        ("en", "Raw-material chokepoints", "Tungsten"),
        ("ja", "原材料のチョークポイント", "タングステン"),
    ],
)
def test_report_has_the_materials_section(
    result: FakeResult, data: sim.ModelData, lang: str, title: str, name: str
) -> None:
    """With the model's data the appendix carries the section, in the report's language, with a
    source link on every row; without data it has none."""
    page = html.unescape(render_report(result, lang, data=data))
    assert title in page and page.index(title) > page.index("class='appendix'")
    section = page[page.index("<table class='materials'>") :]
    section = section[: section.index("</table>")]
    assert name in section and "pubs.usgs.gov/periodicals/mcs2025/mcs2025-tungsten.pdf" in section
    assert section.count("<tr>") == 8  # header and seven materials
    assert "Rare earths" not in section if lang == "ja" else "レアアース" not in section
    assert title not in html.unescape(render_report(result, lang))
