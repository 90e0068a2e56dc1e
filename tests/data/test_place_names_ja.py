"""Japanese names of fab places (place_names_ja.csv -> fabs.region_or_city_ja) and of the
partnerships' technologies (partnerships.csv technology_ja): the shipped data, the loader's
refusals (file, row, column, value, expected), and the English fallback of a blank name."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chipshock.data.curated import load_curated, read_curated, with_place_names
from chipshock.data.store import default_paths, load_alliance
from chipshock.present.labels import in_language

from .conftest import edit

PLACES = "place_names_ja.csv"
SOUMU = "https://www.soumu.go.jp/denshijiti/code.html"


def _problems(folder: Path, severity: str = "error") -> list[str]:
    return [str(p) for p in load_curated(folder).problems if p.severity == severity]


def test_every_fab_in_japan_has_its_municipality_in_japanese() -> None:
    """Every JPN fab shows its place in Japanese: Rapidus in 北海道千歳市, JASM in 熊本県菊陽町;
    a foreign place with a usual Japanese form has it, one without has none (English shown)."""
    fabs = read_curated(default_paths().curated).fabs.set_index("fab_id")
    japan = fabs[fabs["country"] == "JPN"]
    assert len(japan) >= 28 and japan["region_or_city_ja"].notna().all()
    assert fabs.loc["rapidus-iim1", "region_or_city_ja"] == "北海道千歳市"
    assert fabs.loc["jasm-kumamoto-fab1", "region_or_city_ja"] == "熊本県菊陽町"
    assert fabs.loc["renesas-kawashiri", "region_or_city_ja"] == "熊本県熊本市南区（川尻）"
    assert fabs.loc["tsmc-arizona-p1", "region_or_city_ja"] == "アリゾナ州フェニックス北部"
    assert fabs.loc["vis-taiwan-8inch", "region_or_city_ja"] == "新竹市"
    assert pd.isna(fabs.loc["ams-osram-premstaetten", "region_or_city_ja"])


def test_shipped_place_names_are_sourced_or_not_high() -> None:
    """The Japanese rows cite the ministry's list of municipalities; rows without a source are
    the usual form written by chipshock, at most medium confidence."""
    places = pd.read_csv(default_paths().curated / PLACES, dtype=str, keep_default_na=False)
    japan = places[places["country"] == "JPN"]
    assert len(japan) == 23  # 21 + Oita and Goshogawara (data release 13, dataE)
    assert (japan["source_url"] == SOUMU).all()
    assert (places.loc[places["source_url"] == "", "confidence"] != "high").all()


def test_every_partnership_has_its_technology_in_japanese() -> None:
    """Each partnership's technology has a Japanese rendering, not a copy of the English."""
    partnerships = read_curated(default_paths().curated).partnerships.set_index("partnership_id")
    ja = partnerships["technology_ja"]
    assert ja.str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").all()
    assert (ja != partnerships["technology"]).all()
    assert ja["ibm-rapidus-chiplet"] == "先端パッケージング（2nm世代のチップレット）"
    assert ja["kioxia-wd-jv"] == "3次元NAND型フラッシュメモリ"


def test_the_store_keeps_the_japanese_names(built_store: Path) -> None:
    """The store's fabs table carries region_or_city_ja and partnerships technology_ja, so that
    the API, the CLI's json and csv and the report read them."""
    data = load_alliance(built_store)
    fabs = data.fabs.set_index("fab_id")
    assert fabs.loc["rapidus-iim1", "region_or_city_ja"] == "北海道千歳市"
    assert "technology_ja" in data.partnerships.columns


def test_a_blank_japanese_name_falls_back_to_the_english_text() -> None:
    """In Japanese a data text shows its Japanese form, and its English text where that is
    blank, missing or NaN (never an empty cell); in English always the English."""
    assert in_language("Chitose, Hokkaido", "北海道千歳市", "ja") == "北海道千歳市"
    assert in_language("Chitose, Hokkaido", "北海道千歳市", "en") == "Chitose, Hokkaido"
    for blank in ("", "  ", None, float("nan"), pd.NA):
        assert in_language("Dresden, Saxony", blank, "ja") == "Dresden, Saxony"
    assert in_language(None, None, "ja") == ""


def test_a_place_without_a_row_has_no_japanese_name() -> None:
    """`with_place_names` joins by the exact English text: an unlisted place gets none."""
    fabs = pd.DataFrame({"fab_id": ["a", "b"], "region_or_city": ["Chitose, Hokkaido", "X"]})
    places = pd.DataFrame(
        {"region_or_city": ["Chitose, Hokkaido"], "region_or_city_ja": ["北海道千歳市"]}
    )
    joined = with_place_names(fabs, places)
    assert joined["region_or_city_ja"].tolist() == ["北海道千歳市", None]
    assert list(joined.columns) == ["fab_id", "region_or_city", "region_or_city_ja"]


def test_a_japanese_fab_without_a_place_name_is_a_warning(curated_dir: Path) -> None:
    """Removing Chitose's row still loads the data, with a warning naming fabs.csv, the fab's
    row and place; both Chitose fabs then show the English place."""
    edit(
        curated_dir / PLACES,
        f'"Chitose, Hokkaido",JPN,北海道千歳市,{SOUMU},2024-01,high,Official municipality name.\n',
        "",
    )
    loaded = load_curated(curated_dir)
    assert loaded.data is not None
    warnings = [w for w in _problems(curated_dir, "warning") if "Japanese place name" in w]
    assert len(warnings) == 2
    assert all("fabs.csv" in w and "'Chitose, Hokkaido'" in w for w in warnings)
    assert "row 2" in warnings[0] and PLACES in warnings[0]
    fabs = loaded.data.fabs.set_index("fab_id")
    assert pd.isna(fabs.loc["rapidus-iim1", "region_or_city_ja"])


@pytest.mark.parametrize(
    ("old", "new", "column", "expected"),
    [
        ('"Kuwana, Mie",JPN,', '"Kuwana-shi, Mie",JPN,', "region_or_city", "a region_or_city"),
        ('"Kuwana, Mie",JPN,', '"Kuwana, Mie",KOR,', "country", "JPN"),
        (",三重県桑名市,", ",Kuwana-shi,", "region_or_city_ja", "translated into Japanese"),
        (",三重県桑名市,", ",,", "region_or_city_ja", "a value"),
        (f",三重県桑名市,{SOUMU},", ",三重県桑名市,,", "confidence", "medium or low"),
        ('"Kuwana, Mie",JPN,', '"Kitakami, Iwate",JPN,', "region_or_city", "unique"),
    ],
)
def test_a_bad_place_name_row_names_file_row_column_and_expected(
    curated_dir: Path, old: str, new: str, column: str, expected: str
) -> None:
    """A place not in fabs.csv, a wrong country, a name without kana or kanji, a blank name, a
    high-confidence name without a source and a second row for one place are refused."""
    edit(curated_dir / PLACES, old, new)
    loaded = load_curated(curated_dir)
    assert loaded.data is None
    mine = [m for m in _problems(curated_dir) if PLACES in m and f"column {column!r}" in m]
    assert len(mine) == 1, _problems(curated_dir)
    lines = (curated_dir / PLACES).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "Kuwana" in text or "桑名" in text)
    assert f"row {line}" in mine[0] and expected in mine[0]  # the file's line (header = 1)


def test_an_english_technology_ja_is_refused(curated_dir: Path) -> None:
    """A technology_ja left in English is refused with file, row, column and value; a blank one
    is accepted (the English technology is shown)."""
    partnerships = curated_dir / "partnerships.csv"
    edit(partnerships, ",3次元NAND型フラッシュメモリ,", ",3D NAND flash,")
    errors = [m for m in _problems(curated_dir) if "column 'technology_ja'" in m]
    assert len(errors) == 1 and "partnerships.csv" in errors[0] and "'3D NAND flash'" in errors[0]
    edit(partnerships, ",3D NAND flash,3D NAND flash,", ",3D NAND flash,,")
    loaded = load_curated(curated_dir)
    assert loaded.data is not None
    row = loaded.data.partnerships.set_index("partnership_id").loc["kioxia-wd-jv"]
    assert pd.isna(row["technology_ja"])
    assert in_language(row["technology"], row["technology_ja"], "ja") == "3D NAND flash"


def test_every_deliverable_location_has_its_japanese_form(curated_dir: Path) -> None:
    """Each deliverable with a location has location_ja (東京・大阪 for "Tokyo and Osaka,
    Japan"), blank where the location is; one left in English is refused."""
    deliverables = read_curated(default_paths().curated).deliverables
    located = deliverables["location"].notna()
    assert located.sum() == 13
    assert (deliverables["location_ja"].notna() == located).all()
    by_place = dict(zip(deliverables["location"], deliverables["location_ja"], strict=True))
    assert by_place["Tokyo and Osaka, Japan"] == "東京・大阪"
    assert (
        by_place["Albany, New York; Chitose, Hokkaido"] == "ニューヨーク州オールバニ、北海道千歳市"
    )
    edit(curated_dir / "alliance_deliverables.csv", ",東京・大阪,", ",Tokyo and Osaka,")
    errors = [m for m in _problems(curated_dir) if "column 'location_ja'" in m]
    assert len(errors) == 1 and "alliance_deliverables.csv" in errors[0]
    assert "'Tokyo and Osaka'" in errors[0] and "the location translated into Japanese" in errors[0]
