"""Data release 21 (dash22): the fabs' Japanese names (fabs.csv ``name_ja``), shown by every
Japanese text that names a fab; blank where no official Japanese name was found (the English
name is shown). No number moves.

What the tests pin: the names of the alliance fabs and of Japan's largest fabs as the operators
write them; TSMC Arizona's phases left blank (TSMC names them "Fab 21 phase N" only); the store
carries the column (schema 9); a name_ja that copies the English name is refused with file,
row, column and value, a missing column is accepted (the English names are shown); each
language's fab names (`fab_names`) and the producer rows named by them (`producer_names`)."""

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
    """The Japanese alliance fabs by their operators' names; TSMC Arizona's phases blank."""
    fabs = _fabs()
    ja = fabs["name_ja"]
    assert ja["rapidus-iim1"] == "Rapidus IIM-1"  # Rapidus writes its name in Latin letters
    assert (ja["jasm-kumamoto-fab1"], ja["jasm-kumamoto-fab2"]) == ("JASM第1工場", "JASM第2工場")
    assert ja["micron-hiroshima"] == "マイクロンメモリ ジャパン 広島工場"
    assert ja["kioxia-kitakami-k2"] == "キオクシア 北上工場 第2製造棟（K2棟）"
    assert ja["renesas-naka"] == "ルネサス エレクトロニクス 那珂工場（300mmライン）"
    for phase in ("tsmc-arizona-p1", "tsmc-arizona-p2", "tsmc-arizona-p3"):
        assert pd.isna(ja[phase])
    named = fabs[ja.notna()]
    assert len(named) == 22 and (named["country"] == "JPN").all()
    assert (named["name_ja"] != named["name"]).all()
    # every one but the two Latin-letter names has kana or kanji
    latin = named[~named["name_ja"].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]")]
    assert latin.index.tolist() == ["rapidus-iim1"]


def test_the_store_keeps_name_ja(built_store: Path) -> None:
    fabs = load_alliance(built_store).fabs.set_index("fab_id")
    assert fabs.loc["jasm-kumamoto-fab1", "name_ja"] == "JASM第1工場"


def test_a_copy_of_the_english_name_is_refused(curated_dir: Path) -> None:
    """name_ja = name says nothing: refused with file, row, column and value."""
    edit(curated_dir / "fabs.csv", f"{JASM_EN},JASM第1工場,", f"{JASM_EN},{JASM_EN},")
    loaded = load_curated(curated_dir)
    assert loaded.data is None
    errors = [str(p) for p in loaded.problems if p.severity == "error"]
    mine = [e for e in errors if "column 'name_ja'" in e]
    assert len(mine) == 1, errors
    assert "fabs.csv" in mine[0] and "row 3" in mine[0] and repr(JASM_EN) in mine[0]


def test_a_registry_without_the_column_loads_with_english_names(curated_dir: Path) -> None:
    """name_ja is optional: a fabs.csv without it loads, and every fab keeps its English name
    in Japanese texts."""
    path = curated_dir / "fabs.csv"
    rows = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns="name_ja")
    rows.to_csv(path, index=False)
    loaded = load_curated(curated_dir)
    assert loaded.data is not None
    names = fab_names(loaded.data.fabs, "ja")
    assert names["jasm-kumamoto-fab1"] == JASM_EN


def test_each_languages_fab_names_and_producer_rows() -> None:
    """`fab_names` gives name_ja in Japanese where given, the English name otherwise; the
    utilisation rows of a fab are named by it, a region's remainder keeps its own name."""
    fabs = _fabs().reset_index()
    ja, en = fab_names(fabs, "ja"), fab_names(fabs, "en")
    assert (ja["jasm-kumamoto-fab1"], en["jasm-kumamoto-fab1"]) == ("JASM第1工場", JASM_EN)
    assert ja["tsmc-arizona-p1"] == en["tsmc-arizona-p1"] == "TSMC Arizona Fab 21 Phase 1"
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
        "TSMC Arizona Fab 21 Phase 1",
    ]
