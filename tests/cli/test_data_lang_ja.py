"""`--lang ja` on `data validate`, `data build`, `data audit` and `validate --out-of-sample`:
Japanese titles, headers, captions, lines and errors with the English tables' cells; json is
the same in either language."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from rich.cells import cell_len

from .conftest import Runner
from .terminal import chipshock_at

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))


def _bad_folder(tmp_path: Path) -> Path:
    """A folder holding materials.csv alone, with a word for a number (row 2) and an unknown
    confidence (row 3)."""
    folder = tmp_path / "edited"
    folder.mkdir()
    lines = (CURATED / "materials.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",12,4,26,", ",abc,4,26,", 1)
    lines[2] = lines[2].replace(',low,"assumption', ',sure,"assumption', 1)
    (folder / "materials.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def test_data_validate_in_japanese(cli: Runner, tmp_path: Path) -> None:
    """Two errors: the title, headers, severities and what was expected in Japanese, the files
    not checked and the error count on stderr in Japanese, exit 2; json unchanged."""
    folder = _bad_folder(tmp_path)
    code, out, err = cli("data", "validate", str(folder), "--lang", "ja", db=False)
    flat = "".join(out.split())
    assert code == 2 and f"{folder}（curated）：エラー2件、警告0件" in flat
    for word in ("重大度", "ファイル", "問題", "期待される値", "エラー", "数値", "abc", "sure"):
        assert word in flat, word
    assert "severity" not in out and "a number" not in out
    assert "materials.csvを確認しました。同じ組のほかの" in "".join(err.split())
    assert f"{folder}にエラー2件" in "".join(err.split())
    code, english, err_en = cli("data", "validate", str(folder), db=False)
    assert code == 2 and "2 errors in" in " ".join(err_en.split()) and "severity" in english
    _, js_en, _ = cli("data", "validate", str(folder), "-f", "json", db=False)
    _, js_ja, _ = cli("data", "validate", str(folder), "-f", "json", "--lang", "ja", db=False)
    assert json.loads(js_ja) == json.loads(js_en)


def test_data_validate_errors_in_japanese(cli: Runner, tmp_path: Path) -> None:
    """Not a folder, an unknown kind: the error line in Japanese (exit 2), English unchanged."""
    code, _, err = cli("data", "validate", str(tmp_path / "none"), "--lang", "ja", db=False)
    assert code == 2 and err.startswith("error: chipshock data validate: ")
    assert "フォルダーではありません" in err and "not a folder" not in err
    assert "CSV ファイルのフォルダー" in err and "（英語）" not in err
    code, _, err = cli("data", "validate", str(tmp_path), "--kind", "xx", "--lang", "ja", db=False)
    assert code == 2 and "--kind：該当するデータの種類がありません" in err and "入力値：xx" in err
    code, _, err = cli("data", "validate", str(tmp_path), "--kind", "xx", db=False)
    assert code == 2 and "unknown kind" in err


def test_data_build_in_japanese(tmp_path: Path) -> None:
    """The title, headers and the caption's warnings and releases in Japanese, no line wider
    than 100 cells."""
    db = str(tmp_path / "b.duckdb")
    out = chipshock_at(100, "data", "build", "--lang", "ja", "--db", db)
    flat = "".join(out.split())
    assert f"データストアを作成しました：{db}" in flat
    assert "データセット" in out and "行数" in out and "dataset" not in out
    assert re.search(r"警告\d+件（", flat) and "chipshockdatavalidate" in flat
    assert "版：current＝" in flat and "warnings" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 100


def test_data_audit_in_japanese(cli: Runner, store_path: Path) -> None:
    """Every table's title, headers and caption in Japanese, confidences by word, the
    commands to run named as they are; no line wider than 100 cells; json unchanged."""
    out = chipshock_at(100, "data", "audit", "--lang", "ja", "--db", str(store_path))
    flat = "".join(out.split())
    for words in (
        "利用者別の確度",
        "主要な答えを支える確度の低い行",
        "事業者の工場で賄えない調達行",
        "古い生産能力の行",
        "古い行に頼る生産能力（地域・ノード区分別）",
        "仮定の行＝注記が「assumption:」で始まる行。",
        "`chipshockscenariosensitivitytaiwan-blockade-2027-6m`で。",
        "`chipshocksourcing--check--year2027`で。",
        "確度",
        "低",
    ):
        assert words in flat, words
    for english in ("by_consumer", "flagship_low_rows", "Rows each consumer", "low_pct"):
        assert english not in out, english
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    _, js_en, _ = cli("data", "audit", "-f", "json")
    code, js_ja, _ = cli("data", "audit", "-f", "json", "--lang", "ja")
    assert code == 0 and json.loads(js_ja) == json.loads(js_en)


@pytest.mark.slow
def test_out_of_sample_in_japanese(store_path: Path) -> None:
    """`validate --out-of-sample --lang ja`: the title, headers and caption in Japanese, each
    row's model p50 and ratio as the English table gives them."""
    args = ("validate", "--out-of-sample", "--runs", "5", "--db", str(store_path))
    japanese = chipshock_at(140, *args, "--lang", "ja")
    english = chipshock_at(140, *args)
    flat = "".join(japanese.split())
    assert "将来シナリオと公表推計の比較（調整なし）" in flat
    assert "公表元" in japanese and "モデルp50" in japanese and "比率＝モデルの中央値" in flat
    assert "publisher" not in japanese and "ratio =" not in japanese
    rows_ja, rows_en = _number_rows(japanese), _number_rows(english)
    assert rows_ja == rows_en and len(rows_en) >= 3


def _number_rows(out: str) -> dict[str, list[str]]:
    """Each scenario's published value, model p5, p50, p95 and ratio, by scenario id (the
    numbers start two cells after the id, after its unit)."""
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip("│").split("│")]
        ids = [
            i for i, c in enumerate(cells[:3]) if re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", c)
        ]
        if line.startswith("│") and len(cells) > 7 and ids:
            rows[cells[ids[0]]] = cells[ids[0] + 2 : ids[0] + 7]
    return rows
