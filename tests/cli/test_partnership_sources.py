"""`chipshock partnerships` on a terminal keeps each row's as-of date and a numbered reference
to its source at 130 and 80 columns, lists the sources under the table and names
partnerships.csv and the data release; in Japanese the parties are Japanese (release 27)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from tests.cli.terminal import chipshock_at
from tests.cli.test_alliance_ja import _column_cells

from chipshock.cli.alliance_view import source_refs
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE

from .conftest import Runner

_WORDS = {
    "en": ("as of", "source", "Sources:", f"partnerships.csv (data release {DATA_RELEASE},"),
    "ja": ("時点", "出典", "出典：", f"partnerships.csv（データリリース{DATA_RELEASE}、"),
}


def test_rows_citing_one_page_share_its_number() -> None:
    frame = pd.DataFrame({"source_url": ["https://b", "https://a", "https://b", None]})
    shown, pages = source_refs(frame)
    assert shown["source"].tolist() == ["[1]", "[2]", "[1]", "–"]
    assert pages == ["[1] https://b", "[2] https://a"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [130, 80])
def test_as_of_and_sources_on_the_terminal(built_store: Path, width: int, lang: str) -> None:
    """Every row shows its as-of and its [n]; [n] is listed under the table with its page."""
    db = ("--db", str(built_store))
    out = chipshock_at(width, "partnerships", "--party", "Rapidus", "--lang", lang, *db)
    as_of, source, heading, caption = _WORDS[lang]
    assert [line for line in out.splitlines() if len(line) > width] == []
    header = next(line for line in out.splitlines() if line.startswith("┃") and as_of in line)
    assert source in header
    assert "".join(caption.split()) in "".join(out.split())
    rows = json.loads(
        chipshock_at(200, "partnerships", "--party", "Rapidus", "--format", "json", *db)
    )
    table, listing = out.split(f"\n{heading}\n")
    for row in rows:
        line = next(x for x in table.splitlines() if f"│ {row['partnership_id']} " in x)
        cells = [c.strip() for c in line.split("│")]
        assert row["as_of"] in cells, row["partnership_id"]
        ref = next(c for c in cells if re.fullmatch(r"\[\d+\]", c))
        # the page under its number (a long address folds at the terminal's edge)
        assert f"{ref}{row['source_url']}" in "".join(listing.split()), ref
    assert "Curated by chipshock." not in out


@pytest.mark.slow
def test_parties_in_japanese(built_store: Path) -> None:
    """`--lang ja` shows parties_ja; json carries parties and parties_ja; --party finds a row by
    its Japanese party."""
    db = ("--db", str(built_store))
    table = chipshock_at(130, "partnerships", "--party", "Rapidus", "--lang", "ja", *db)
    parties = _column_cells(table, "当事者")  # a cell may wrap over lines
    assert "経済産業省・NEDO、ラピダス" in parties and "IBM、ラピダス" in parties, parties
    assert not [p for p in parties if "METI" in p or "Rapidus" in p]
    english = json.loads(
        chipshock_at(200, "partnerships", "--party", "Rapidus", "--format", "json", *db)
    )
    japanese = json.loads(
        chipshock_at(200, "partnerships", "--party", "ラピダス", "--format", "json", *db)
    )
    assert [r["partnership_id"] for r in japanese] == [r["partnership_id"] for r in english]
    assert english[0]["parties"] == "IBM; Rapidus" and english[0]["parties_ja"] == "IBM、ラピダス"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_totals_caption_names_its_source(cli: Runner, lang: str) -> None:
    """`partnerships --totals kind` names partnerships.csv, the data release and its date
    and the rows' latest as-of in its caption, as the plain table does; json is unchanged."""
    code, out, _ = cli("partnerships", "--totals", "kind", "--lang", lang)
    flat = "".join(out.split())
    release = f"partnerships.csv{'（データリリース' if lang == 'ja' else '(datarelease'}"
    assert code == 0 and release + DATA_RELEASE in flat and DATA_RELEASE_DATE in flat
    rows = json.loads(cli("partnerships", "-f", "json")[1])
    latest = max(r["as_of"] for r in rows if r["as_of"])
    assert latest in flat
    _, english, _ = cli("partnerships", "--totals", "kind", "-f", "json")
    _, japanese, _ = cli("partnerships", "--totals", "kind", "-f", "json", "--lang", lang)
    assert json.loads(japanese) == json.loads(english)


def test_a_long_address_starts_on_its_numbers_line(built_store: Path) -> None:
    """At 80 columns a source too long for one line starts beside its "[n]" and folds at the
    edge: rich put "[8] " alone on a line and the address below it (session 34)."""
    out = chipshock_at(80, "partnerships", "--party", "Rapidus", "--db", str(built_store))
    listing = out.split("\nSources:\n")[1].splitlines()
    numbered = [line for line in listing if re.match(r"\[\d+\]", line)]
    assert len(numbered) > 5
    assert all(re.fullmatch(r"\[\d+\] https?://\S+", line) for line in numbered), numbered
    assert any(len(line) == 80 for line in numbered)  # a long one fills its first line
