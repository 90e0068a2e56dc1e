"""Data release 21 (dash22): the fabs' Japanese names, shown by every Japanese text that
names a fab. No number moves. Since release 23 (ja2) the names live in fab_names_ja.csv, every
fab has one (tests/data/test_release23_ja2.py), and fabs.csv has no name_ja column.

What the tests pin: the names of the alliance fabs and of Japan's largest fabs as the operators
write them, each with its source; the store carries the column (schema 9); a name_ja that copies
the English name is refused with file, row, column and value; each language's fab names
(`fab_names`) and the producer rows named by them (`producer_names`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chipshock.data.curated import load_curated, read_curated
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.data.store import SCHEMA_VERSION, default_paths, load_alliance
from chipshock.present.labels import fab_names
from chipshock.present.utilisation import producer_names

from .conftest import edit

JASM_EN = "JASM Kumamoto Fab 1"


def _fabs() -> pd.DataFrame:
    return read_curated(default_paths().curated).fabs.set_index("fab_id")


def test_release_and_schema() -> None:
    assert int(DATA_RELEASE) >= 21 and DATA_RELEASE_DATE >= "2026-12-05"
    assert int(SCHEMA_VERSION) >= 9


def test_the_alliance_fabs_and_japans_fabs_have_their_japanese_names() -> None:
    """The Japanese alliance fabs by their operators' names, each of the 22 names of release 21
    with its source (fab_names_ja.csv since release 23)."""
    fabs = _fabs()
    ja = fabs["name_ja"]
    # the town in kanji since release 23; the company as Japanese news writes it since release 26
    assert ja["rapidus-iim1"] == "ラピダス IIM-1（千歳）"
    assert (ja["jasm-kumamoto-fab1"], ja["jasm-kumamoto-fab2"]) == ("JASM第1工場", "JASM第2工場")
    assert ja["micron-hiroshima"] == "マイクロンメモリ ジャパン 広島工場"
    assert ja["kioxia-kitakami-k2"] == "キオクシア 北上工場 第2製造棟（K2棟）"
    assert ja["renesas-naka"] == "ルネサス エレクトロニクス 那珂工場（300mmライン）"
    names = pd.read_csv(default_paths().curated / "fab_names_ja.csv", dtype=str)
    sourced = names[names["source_url"].notna()].set_index("fab_id")
    assert len(sourced) == 22 and (fabs.loc[sourced.index, "country"] == "JPN").all()
    assert sourced["source_url"].str.startswith("https://").all()
    assert (fabs["name_ja"] != fabs["name"]).all()


def test_the_store_keeps_name_ja(built_store: Path) -> None:
    fabs = load_alliance(built_store).fabs.set_index("fab_id")
    assert fabs.loc["jasm-kumamoto-fab1", "name_ja"] == "JASM第1工場"


def test_a_copy_of_the_english_name_is_refused(curated_dir: Path) -> None:
    """name_ja = name says nothing: refused with file, row, column and value."""
    edit(curated_dir / "fab_names_ja.csv", ",JASM第1工場,", f",{JASM_EN},")
    loaded = load_curated(curated_dir)
    assert loaded.data is None
    errors = [str(p) for p in loaded.problems if p.severity == "error"]
    mine = [e for e in errors if "a copy of the English name" in e]
    assert len(mine) == 1, errors
    assert "fab_names_ja.csv" in mine[0] and "row 3" in mine[0] and repr(JASM_EN) in mine[0]


def test_each_languages_fab_names_and_producer_rows() -> None:
    """`fab_names` gives name_ja in Japanese where given, the English name otherwise; the
    utilisation rows of a fab are named by it, a region's remainder keeps its own name."""
    fabs = _fabs().reset_index()
    ja, en = fab_names(fabs, "ja"), fab_names(fabs, "en")
    assert (ja["jasm-kumamoto-fab1"], en["jasm-kumamoto-fab1"]) == ("JASM第1工場", JASM_EN)
    assert en["tsmc-arizona-p1"] == "TSMC Arizona Fab 21 Phase 1"
    assert ja["tsmc-arizona-p1"] == "TSMCアリゾナ Fab 21 第1期"  # a rendering since release 23
    table = pd.DataFrame(
        {
            "producer_id": ["jasm-kumamoto-fab1:n10_22", "other:JPN:gt45", "tsmc-arizona-p1:lt10"],
            "kind": ["fab", "other fabs", "fab"],
            "name": [JASM_EN, "other fabs (JPN)", "TSMC Arizona Fab 21 Phase 1"],
        }
    )
    assert producer_names(table["producer_id"], table["name"], ja) == [
        "JASM第1工場",
        "other fabs (JPN)",
        "TSMCアリゾナ Fab 21 第1期",
    ]
