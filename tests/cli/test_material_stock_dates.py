"""Session 33: a material's stockpile weeks are dated by their own row (materials.csv, or
inventory_buffers.csv for advanced packaging), not by the country shares' (raw_materials.csv):
`chipshock trace MATERIAL` gives the stock's as-of beside it in both languages, and
`chipshock chokepoints --materials` says where the stock's date and source are."""

from __future__ import annotations

from pathlib import Path

import pytest

from .terminal import chipshock_at


@pytest.mark.parametrize(
    ("material", "lang", "words"),
    [
        ("tungsten", "en", "stockpile norm 6 weeks (materials.csv, as of 2022-01;"),
        ("tungsten", "ja", "備蓄の目安は6週（materials.csv、2022-01時点。"),
        ("advanced_packaging", "en", "buffer 2 weeks (inventory_buffers.csv, as of 2025-12)."),
        ("advanced_packaging", "ja", "在庫は2週（inventory_buffers.csv、2025-12時点）。"),
    ],
)
def test_trace_dates_the_stock_by_its_own_row(
    store_path: Path, material: str, lang: str, words: str
) -> None:
    """Tungsten's shares are USGS 2025-01 but its stock is materials.csv's 2022-01; advanced
    packaging's shares are 2024-03 but its buffer inventory_buffers.csv's 2025-12."""
    out = chipshock_at(200, "trace", material, "--lang", lang, "--db", str(store_path))
    assert "".join(words.split()) in "".join(out.split())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_chokepoints_caption_points_to_the_stock_s_source(store_path: Path, lang: str) -> None:
    """The caption names the stock's files and the CSV/JSON columns that date and source it."""
    out = chipshock_at(200, "chokepoints", "--materials", "--lang", lang, "--db", str(store_path))
    flat = "".join(out.split())
    assert "stockpile_as_of" in flat and "stockpile_source_url" in flat
    assert "inventory_buffers.csv" in flat
