"""Data release 23 (ja2, review 16 finding 8 leftovers): every fab's Japanese name in
fab_names_ja.csv (the sourced ones of release 21 and chipshock's renderings, each an
``assumption:`` with confidence low) with its operator's (``operator_ja``), and each
deliverable's counterpart in Japanese (alliance_deliverables.csv ``counterpart_ja``); the
loader's refusals name file, row, column, value and what was expected. No number moves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chipshock.data.curated import load_curated, read_curated
from chipshock.data.release import DATA_RELEASE
from chipshock.data.store import SCHEMA_VERSION, default_paths, load_alliance

from .conftest import edit

JAPANESE = r"[\u3040-\u30ff\u4e00-\u9fff]"
NAMES = "fab_names_ja.csv"


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).problems if p.severity == "error"]


def test_release_and_schema() -> None:
    assert int(DATA_RELEASE) >= 23 and int(SCHEMA_VERSION) >= 11


def test_every_fab_has_a_japanese_name_with_its_source_or_its_method() -> None:
    """206 fabs, 206 names in kana or kanji, none a copy of the English name: 22 with the
    source where the operator writes them (release 21), 184 chipshock's renderings, each saying
    so (``assumption:``, confidence low)."""
    curated = default_paths().curated
    fabs = read_curated(curated).fabs.set_index("fab_id")
    assert fabs["name_ja"].notna().all() and fabs["name_ja"].str.contains(JAPANESE).all()
    assert (fabs["name_ja"] != fabs["name"]).all()
    names = pd.read_csv(curated / NAMES, dtype=str)
    assert sorted(names["fab_id"]) == sorted(fabs.index) and len(names) == 206
    rendered = names[names["source_url"].isna()]
    assert len(rendered) == 184 and (rendered["confidence"] == "low").all()
    assert rendered["note"].str.startswith("assumption: chipshock's rendering").all()
    ja = fabs["name_ja"]
    assert ja["tsmc-fab18-tainan"] == "TSMC Fab 18（台南・南部サイエンスパーク、ギガファブ）"
    assert ja["samsung-pyeongtaek"] == "サムスン電子 平沢キャンパス（P1〜P4）"
    assert ja["umc-usjc-mie"] == "ユナイテッド・セミコンダクター・ジャパン（USJC）三重工場"
    assert "fab_names_ja.csv" not in fabs.columns and "name_ja" not in pd.read_csv(
        curated / "fabs.csv", nrows=0
    )


def test_every_operator_has_its_japanese_rendering() -> None:
    """fabs.csv's operator in Japanese for each fab, JASM's owners by their Japanese names."""
    fabs = read_curated(default_paths().curated).fabs.set_index("fab_id")
    assert fabs["operator_ja"].str.contains(JAPANESE).all()
    assert (fabs["operator_ja"] != fabs["operator"]).all()
    assert fabs.loc["jasm-kumamoto-fab1", "operator_ja"] == (
        "JASM（TSMC 86.5%、ソニーセミコンダクタソリューションズ 6.0%、デンソー 5.5%、"
        "トヨタ自動車 2.0%）"
    )
    # one fabs.csv operator text, one rendering
    assert (fabs.groupby("operator")["operator_ja"].nunique() == 1).all()


def test_the_store_keeps_every_name(built_store: Path) -> None:
    fabs = load_alliance(built_store).fabs.set_index("fab_id")
    assert fabs["name_ja"].notna().all() and fabs["operator_ja"].notna().all()
    assert (
        fabs.loc["intel-fab52-arizona", "name_ja"]
        == "インテル Fab 52（アリゾナ州オコティロ・キャンパス）"
    )


def test_a_fab_without_a_japanese_name_is_refused(curated_dir: Path) -> None:
    """Removing JASM Fab 1's row: the error names fabs.csv, the fab's row and its id, and the
    file to add the name to."""
    path = curated_dir / NAMES
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(r for r in rows if not r.startswith("jasm-kumamoto-fab1,")), "utf-8")
    errors = [e for e in _errors(curated_dir) if "without a Japanese name" in e]
    assert len(errors) == 1, errors
    assert "fabs.csv" in errors[0] and "row 3" in errors[0] and "'jasm-kumamoto-fab1'" in errors[0]
    assert NAMES in errors[0]


def test_names_of_no_fab_in_english_or_unsourced_without_a_method_are_refused(
    curated_dir: Path,
) -> None:
    path = curated_dir / NAMES
    edit(path, "jasm-kumamoto-fab2,JASM第2工場,", "jasm-kumamoto-fab9,JASM第2工場,")
    edit(path, "esmc-dresden,ESMC ドレスデン工場,", "esmc-dresden,ESMC Dresden,")
    edit(path, ',,,low,"assumption: chipshock', ',,,medium,"chipshock')  # the first rendering
    errors = _errors(curated_dir)
    unknown = [e for e in errors if "not a fab of fabs.csv" in e]
    assert len(unknown) == 1 and "'jasm-kumamoto-fab9'" in unknown[0] and NAMES in unknown[0]
    english = [e for e in errors if "not Japanese" in e]
    assert len(english) == 1 and "'ESMC Dresden'" in english[0] and "name_ja" in english[0]
    assert any("column 'note'" in e and "assumption: <how>" in e for e in errors), errors
    assert any("column 'confidence'" in e and "'medium'" in e for e in errors), errors


def test_the_old_name_ja_column_of_fabs_csv_is_refused(curated_dir: Path) -> None:
    """A fabs.csv of release 22 (names in its own name_ja column) would have its names go
    unread: refused, saying where they moved."""
    path = curated_dir / "fabs.csv"
    fabs = pd.read_csv(path, dtype=str, keep_default_na=False)
    fabs.insert(2, "name_ja", "")
    fabs.to_csv(path, index=False)
    errors = [e for e in _errors(curated_dir) if "moved to fab_names_ja.csv" in e]
    assert len(errors) == 1 and "fabs.csv" in errors[0] and "name_ja" in errors[0]


def test_every_counterpart_has_its_japanese_rendering() -> None:
    """counterpart_ja is given exactly where counterpart is, in Japanese: 日本政府 for the
    Government of Japan, the states by their Japanese names."""
    d = read_curated(default_paths().curated).deliverables.set_index("deliverable_id")
    given = d["counterpart"].notna()
    assert given.sum() == 10 and (d["counterpart_ja"].notna() == given).all()
    assert d.loc[given, "counterpart_ja"].str.contains(JAPANESE).all()
    assert d.loc["microsoft-japan-cloud-ai", "counterpart_ja"] == "日本政府"
    assert d.loc["toyota-nc-battery", "counterpart_ja"] == "ノースカロライナ州"
    assert d.loc["uw-tsukuba-ai", "counterpart_ja"] == "エヌビディア、アマゾン"


def test_a_counterpart_without_its_japanese_text_is_refused(curated_dir: Path) -> None:
    path = curated_dir / "alliance_deliverables.csv"
    edit(path, ",State of Ohio,オハイオ州,", ",State of Ohio,,")
    edit(path, ",Government of Japan,日本政府,", ",Government of Japan,Government of Japan,")
    errors = _errors(curated_dir)
    blank = [e for e in errors if "counterpart without counterpart_ja" in e]
    assert len(blank) == 1 and "alliance_deliverables.csv" in blank[0], errors
    assert "'State of Ohio'" in blank[0]
    english = [e for e in errors if "not Japanese" in e]
    assert len(english) == 1 and "counterpart_ja" in english[0], errors
