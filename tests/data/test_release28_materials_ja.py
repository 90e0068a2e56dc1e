"""Data release 28 (mat32): materials.csv's use and substitutes in Japanese, in the side table
materials_ja.csv (chipshock's own translations), joined to the materials table as ``use_ja``
and ``substitutes_ja``; the loader's refusals name file, row, column, value and what was
expected. No number moves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chipshock.data.curated import load_curated
from chipshock.data.release import DATA_RELEASE
from chipshock.data.store import SCHEMA_VERSION, default_paths, load_table

from .conftest import edit

JAPANESE = r"[\u3040-\u30ff\u4e00-\u9fff]"
TEXTS = "materials_ja.csv"


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).problems if p.severity == "error"]


def test_release_and_schema() -> None:
    """The side table came with release 28 and store schema 13."""
    assert int(DATA_RELEASE) >= 28 and int(SCHEMA_VERSION) >= 13


def test_every_material_has_its_use_and_substitutes_in_japanese() -> None:
    """Seven materials, seven rows: each text in kana or kanji, none a copy of the English,
    each row saying it is chipshock's own translation; formulas and names kept as written."""
    curated = default_paths().curated
    loaded = load_curated(curated)
    mats = loaded.tables["materials"].set_index("material_id")
    assert len(mats) == 7 and mats["use_ja"].str.contains(JAPANESE).all()
    assert mats["substitutes_ja"].str.contains(JAPANESE).all()
    assert (mats["use_ja"] != mats["use"]).all()
    assert (mats["substitutes_ja"] != mats["substitutes"]).all()
    texts = pd.read_csv(curated / TEXTS, dtype=str)
    assert sorted(texts["material_id"]) == sorted(mats.index)
    assert texts["note"].str.startswith("chipshock's own translation of materials.csv").all()
    assert mats.loc["neon", "use_ja"] == "DUV露光に使うArF・KrFエキシマレーザーのバッファガス"
    assert "GeH4" in mats.loc["germanium", "use_ja"]
    assert "Umicore" in mats.loc["germanium", "substitutes_ja"]
    assert "WF6" in mats.loc["tungsten", "use_ja"]
    # Japanese punctuation only: no half-width comma, bracket or full stop
    for text in (*mats["use_ja"], *mats["substitutes_ja"]):
        assert not any(mark in text for mark in (", ", "(", ")", ". ", ";")), text


def test_the_store_keeps_the_translations(built_store: Path) -> None:
    """The store's materials table has both columns, and the side table itself."""
    mats = load_table(built_store, "materials").set_index("material_id")
    assert mats["use_ja"].notna().all() and mats["substitutes_ja"].notna().all()
    assert len(load_table(built_store, "materials_ja")) == 7


def test_a_row_of_no_material_is_refused(curated_dir: Path) -> None:
    """A translation whose material_id is not in materials.csv: the error names the file, the
    row, the column, the id and the ids it could be."""
    edit(curated_dir / TEXTS, "\nneon,", "\nxenon,")
    errors = [e for e in _errors(curated_dir) if "not a material of materials.csv" in e]
    assert len(errors) == 1, errors
    assert TEXTS in errors[0] and "row 4" in errors[0] and "material_id" in errors[0]
    assert "'xenon'" in errors[0] and "gallium, germanium, neon" in errors[0]


def test_english_copies_and_unpaired_substitutes_are_refused(curated_dir: Path) -> None:
    """A use left in English, and a substitutes_ja where materials.csv has no substitutes."""
    path = curated_dir / TEXTS
    edit(path, "DUV露光に使うArF・KrFエキシマレーザーのバッファガス", "Buffer gas")
    edit(
        curated_dir / "materials.csv",
        "Silica and alumina slurries replace ceria in some CMP steps at a cost in selectivity",
        "",
    )
    errors = _errors(curated_dir)
    english = [e for e in errors if "not Japanese" in e]
    assert len(english) == 1 and "'Buffer gas'" in english[0] and "use_ja" in english[0]
    unpaired = [e for e in errors if "a translation without English" in e]
    assert len(unpaired) == 1 and "substitutes_ja" in unpaired[0] and "row 5" in unpaired[0]
