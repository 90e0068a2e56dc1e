"""A Japanese cell of a terminal table breaks where Japanese may break, never with a space put
into it (session 25's review: 「津 軽」 in `chipshock fabs --lang ja`, 「…2030年の 行の間」 in
`chipshock markets --lang ja`); the caption comes before the notes on cut cells and left-out
columns, in Japanese as in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from tests.cli.terminal import chipshock_at

from chipshock.cli.narrow_tables import _atoms, _wrap
from chipshock.data.store import load_table

#: a space between two characters two cells wide
_WIDE_SPACE = re.compile(r"(?=(\S) (\S))")


def _wide_spaces(text: str) -> set[str]:
    return {f"{a} {b}" for a, b in _WIDE_SPACE.findall(text) if cell_len(a + b) == 4}


def test_a_japanese_word_wraps_without_a_space() -> None:
    """Lines of at most the width, which joined without anything give the cell back; no line
    breaks inside a number with its unit; English cells keep breaking at spaces."""
    cell = "富士電機津軽セミコンダクター（2024年の1,450億ドルから年3%増）"
    lines = _wrap(Text(cell), 12).plain.split("\n")
    assert len(lines) > 3 and "".join(lines) == cell
    assert all(cell_len(line) <= 12 for line in lines)
    assert any("1,450億ドル" in line for line in lines)
    english = _wrap(Text("USD 0.0 bn · USD 77.0 bn"), 14).plain
    assert english == "USD 0.0 bn ·\nUSD 77.0 bn"
    assert _atoms("Rapidus IIM-1（千歳）") == ["Rapidus", "IIM-1", "（千", "歳）"]


@pytest.mark.slow
@pytest.mark.parametrize("columns", [80, 120, 250])
def test_no_space_is_put_into_a_japanese_name(built_store: Path, columns: int) -> None:
    """`chipshock fabs --lang ja` at three widths: every space between two Japanese characters
    on screen is one the fab's or operator's Japanese name has (fab_names_ja.csv)."""
    fabs = load_table(built_store, "fabs")
    written = set().union(
        *(_wide_spaces(str(v)) for c in ("name_ja", "operator_ja") for v in fabs[c].dropna())
    )
    out = chipshock_at(columns, "fabs", "--lang", "ja", "--db", str(built_store))
    cells = "\n".join(line for line in out.splitlines() if line.startswith("│"))
    assert "津軽" in out and "津 軽" not in out
    assert _wide_spaces(cells) <= written, _wide_spaces(cells) - written


@pytest.mark.slow
def test_markets_caption_then_notes_in_both_languages(built_store: Path) -> None:
    """At 100 columns the markets table leaves its source column out: below it the caption,
    then the left-out note, which is the only note naming that column (it is not also called
    cut short); at 160 the source is shown, cut short: the caption, then the cut-cell note
    (English and Japanese). No Japanese basis cell has a space the data's text lacks."""
    en = " ".join(chipshock_at(100, "markets", "--db", str(built_store)).split())
    assert en.index("Years: the horizon") < en.index("Left out at") and "Cells ending" not in en
    assert "source url" in en.split("Left out at")[1]
    wide = " ".join(chipshock_at(160, "markets", "--db", str(built_store)).split())
    assert wide.index("Years: the horizon") < wide.index("are cut short: source url")
    ja = chipshock_at(100, "markets", "--lang", "ja", "--db", str(built_store))
    flat = "".join(ja.split())
    assert flat.index("年：シナリオ") < flat.index("この端末幅では省略") and "「…」" not in flat
    wide_ja = "".join(
        chipshock_at(160, "markets", "--lang", "ja", "--db", str(built_store)).split()
    )
    assert wide_ja.index("年：シナリオ") < wide_ja.index("「…」で終わるセルは省略：出典")
    cells = "\n".join(line for line in ja.splitlines() if line.startswith("│"))
    assert "推移表の2026年と2030年の" in cells and not _wide_spaces(cells)
