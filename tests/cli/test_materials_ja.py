"""`chipshock chokepoints --materials --lang ja` and `chipshock trace MATERIAL --lang ja` print
Japanese tables (title, headers, materials, stages, countries, node classes, captions), with the
English tables' numbers, as `shares gallium --lang ja` does (audit 31, finding 8); json is the
same in either language, and --help no longer says they stay in English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from chipshock.cli.materials_ja import print_material_trace_ja

from .conftest import Runner
from .terminal import chipshock_at

#: a share cell and a year cell of a row, in either language
SHARE_YEAR = re.compile(r"│ +(\d+\.\d) │ +(\d{4}) │")
ENGLISH_WORDS = ("material id", "refining", "stage", "country", "downstream", "upstream")


@pytest.mark.parametrize("columns", [100, 160])
def test_material_chokepoints_in_japanese(store_path: Path, columns: int) -> None:
    """Title, headers, materials by their Japanese names, stages and countries in Japanese, a
    Japanese caption with the source; each row's share and year as in the English table; no
    line wider than the terminal."""
    args = ("chokepoints", "--materials", "--db", str(store_path))
    out = chipshock_at(columns, *args, "--lang", "ja")
    flat = "".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "一国が50%以上を握る原材料：9件" in out
    for word in (
        "原材料",
        "段階",
        "国",
        "シェア",
        "確度",
        "ガリウム",
        "精製",
        "中国",
        "ウクライナ",
    ):
        assert word in out, word
    assert "USGSMineralCommoditySummaries" in flat and "chipshockが整備" in flat
    assert "古いシェア：neon（2021年）" in flat
    assert not [w for w in ENGLISH_WORDS if w in out]
    assert "CHN" not in out and "UKR" not in out
    english = chipshock_at(columns, *args)
    assert SHARE_YEAR.findall(out) == SHARE_YEAR.findall(english)


def test_material_chokepoints_json_is_the_same_in_japanese(cli: Runner) -> None:
    """--format json gives the English rows whatever --lang says."""
    _, en, _ = cli("chokepoints", "--materials", "-f", "json")
    _, ja, _ = cli("chokepoints", "--materials", "-f", "json", "--lang", "ja")
    assert json.loads(en) == json.loads(ja) and json.loads(en)[0]["country"] == "CHN"


@pytest.mark.parametrize(
    ("material", "expected"),
    [
        (
            "gallium",
            [
                "下流（使われる先）",
                "上流（供給する国）",
                "ウェーハ",
                "成熟（45nm超）",
                "精製",
                "中国",
                "99.0",
                "ガリウム（gallium）",
                "備蓄の目安は12週",
                "buffer_weeks.gallium",
            ],
        ),
        (
            "advanced_packaging",
            [
                "AI・データセンター",
                "最先端（10nm未満）",
                "生産能力",
                "台湾",
                "88.0",
                "inventory_buffers.csv",
                "raw_materials.csv",
            ],
        ),
    ],
)
def test_material_trace_in_japanese(store_path: Path, material: str, expected: list[str]) -> None:
    """A raw material's and a model input's trace: Japanese section titles, headers, inputs,
    node classes, markets, stages and countries, Japanese captions with the source."""
    out = chipshock_at(200, "trace", material, "--lang", "ja", "--db", str(store_path))
    for text in expected:
        assert text in out, text
    assert not [w for w in ENGLISH_WORDS if w in out]
    assert "CHN" not in out and "TWN" not in out


def test_help_no_longer_says_english_only(cli: Runner) -> None:
    """The commands' help says --lang ja covers the materials (the old help said the materials
    table and a raw material's trace stay in English)."""
    for command in ("chokepoints", "trace"):
        _, out, _ = cli(command, "--help", db=False)
        assert "stays in English" not in " ".join(out.split()), command


def test_material_trace_shows_the_japanese_use_and_substitutes(store_path: Path) -> None:
    """Release 28: neon's use and substitutes in materials_ja.csv's Japanese; the use's header
    is 「用途」 and the caption says the substitutes are chipshock's translation, no longer
    「データの英文」 or 「materials.csvの英文」."""
    out = chipshock_at(200, "trace", "neon", "--lang", "ja", "--db", str(store_path))
    flat = "".join(out.split())
    assert "DUV露光に使うArF・KrFエキシマレーザーのバッファガス" in flat
    assert "ウクライナ・ロシア以外の空気分離プラントでの新たな精製" in flat
    assert "代替（chipshockの訳、materials_ja.csv。" in flat
    assert "│用途┃" in flat or "┃用途┃" in flat
    assert "データの英文" not in flat and "materials.csvの英文" not in flat
    assert "Buffer gas" not in out and "Neon recycling" not in out


def test_a_material_without_a_translation_keeps_its_english_labelled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A tiny material with no materials_ja.csv row: its use under 「用途（データの英文）」 and
    its substitutes in English, the caption saying they are materials.csv's English."""
    down = pd.DataFrame(
        {
            "input_id": ["N91"],
            "input_name": ["Gases"],
            "node_classes": ["gt45"],
            "use": ["Etch gas"],
            "use_ja": [None],
        }
    )
    up = pd.DataFrame(
        columns=["stage", "country", "share_pct", "year", "confidence", "as_of", "source_url"]
    )
    attributes = {
        "stockpile_weeks": 4.0,
        "stockpile_as_of": "2025-01",
        "substitutes": "None known",
        "substitutes_ja": None,
    }
    print_material_trace_ja(
        "xenon",
        "キセノン",
        {"downstream": down, "upstream": up},
        attributes,
        model_input=False,
        stage="N91",
        dated="",
    )
    flat = "".join(capsys.readouterr().out.split())
    assert "用途（データの英文）" in flat and "Etchgas" in flat
    assert "代替（materials.csvの英文。" in flat and "「Noneknown」" in flat


def test_material_json_carries_the_japanese_beside_the_english(
    cli: Runner, store_path: Path
) -> None:
    """--format json: the trace's downstream rows give use_ja and its meta substitutes_ja; the
    material chokepoints give substitutes_ja (null for advanced packaging, which has none); the
    English terminal tables show neither."""
    _, out, _ = cli("trace", "tungsten", "-f", "json")
    body = json.loads(out)
    assert body["substitutes_ja"].startswith("先端ノードの一部のコンタクトと配線では")
    assert "WF6" in body["downstream"][0]["use_ja"]
    _, out, _ = cli("chokepoints", "--materials", "-f", "json")
    rows = {r["material_id"]: r for r in json.loads(out)}
    assert rows["gallium"]["substitutes_ja"].startswith("GaAs/GaNデバイスに代替はない")
    assert rows["advanced_packaging"]["substitutes_ja"] is None
    # the English terminal tables leave the Japanese to JSON and CSV
    out = chipshock_at(200, "trace", "neon", "--db", str(store_path))
    assert "Buffer gas" in out and "露光" not in out
    _, out, _ = cli("chokepoints", "--materials")
    assert "代替" not in out


def test_a_model_inputs_criticality_has_the_english_tables_digits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Japanese trace wrote criticality with three decimals whatever the column held
    ("1.500", "0.250") while the English table chooses its column's decimals ("1.5", "0.3"):
    the Japanese cells are now the English table's."""
    from chipshock.cli.table_cells import _cell_texts

    down = pd.DataFrame(
        {
            "node_class": ["lt10", "gt45"],
            "market_id": ["ai_datacenter", ""],
            "criticality": [1.5, 0.25],
            "exempt_operator_ids": ["", "intel"],
            "confidence": ["low", "medium"],
        }
    )
    up = pd.DataFrame(
        columns=["stage", "country", "share_pct", "year", "confidence", "as_of", "source_url"]
    )
    attributes = {"stockpile_weeks": 2.0, "stockpile_as_of": "2025-12"}
    print_material_trace_ja(
        "advanced_packaging",
        "先端パッケージング",
        {"downstream": down, "upstream": up},
        attributes,
        model_input=True,
        stage="S3",
        dated="",
    )
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("│")]
    cells = [[c.strip() for c in line.strip("│").split("│")][2] for line in rows]
    english = [t.plain for t in _cell_texts(down, list(down.columns))["criticality"]]
    assert cells == english == ["1.5", "0.3"]
