"""`--lang ja` on the data commands (`capacity`, `results show`): Japanese title, headers and
names, the numbers of the English table; an unknown language is refused."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from chipshock.cli.main import main

from .conftest import Runner

#: a capacity row's year, region and first number (capacity_kwspm, in either language)
CAPACITY_ROW = re.compile(r"│ 2027 │ ([^│]+?) +│ +([0-9,.\-]+) │")


def test_capacity_in_japanese_has_the_numbers_of_the_english_table(cli: Runner) -> None:
    """--lang ja --by region: the Japanese title and headers, regions by name (台湾, not TWN),
    each region's capacity as the English table gives it, in the same order; the caption in
    Japanese with (--notes) the fabs that count as zero by their Japanese names."""
    code, out, _ = cli("capacity", "--year", "2027", "--by", "region", "--lang", "ja", "--notes")
    assert code == 0
    flat = "".join(out.split())
    assert "ウェーハ生産能力（千枚/月）" in flat and "生産能力（千枚/月）" in out
    assert "地域" in out and "千枚/月＝月間ウェーハ投入枚数" in flat
    assert "登録簿の9工場は生産能力の数値がなく" in flat and "キオクシア" in flat
    _, english, _ = cli("capacity", "--year", "2027", "--by", "region")
    ja_rows, en_rows = CAPACITY_ROW.findall(out), CAPACITY_ROW.findall(english)
    assert [n for _, n in ja_rows] == [n for _, n in en_rows] and len(ja_rows) == 7
    assert ja_rows[0] == ("台湾", en_rows[0][1]) and en_rows[0][0] == "TWN"
    assert "TWN" not in out.split("千枚/月＝")[0]  # the table names regions in Japanese


def test_capacity_in_japanese_names_node_classes_and_switched_fabs(cli: Runner) -> None:
    """Every row: node classes by their Japanese names; a fab switched off is named in the
    caption; json is the same with or without --lang ja."""
    argv = ("capacity", "--year", "2027", "--fabs-off", "tsmc-arizona-p1")
    code, out, _ = cli(*argv, "--lang", "ja")
    assert code == 0
    flat = "".join(out.split())
    assert "最先端（10nm未満）" in out and "lt10" not in out.split("千枚/月＝")[0]
    assert "停止：tsmc-arizona-p1。" in flat
    _, js_ja, _ = cli(*argv, "--lang", "ja", "--format", "json")
    _, js_en, _ = cli(*argv, "--format", "json")
    assert json.loads(js_ja) == json.loads(js_en)


@pytest.mark.parametrize(
    "argv",
    [
        ("capacity", "--year", "2027"),
        ("results", "show", "nothing-saved"),
        ("inputs",),
        ("sourcing", "--market", "automotive"),
        ("chokepoints",),
        ("trace", "N20"),
    ],
)
def test_an_unknown_language_is_refused(cli: Runner, argv: tuple[str, ...]) -> None:
    """--lang other than en or ja: an error naming --lang and the value (exit code 2)."""
    code, _, err = cli(*argv, "--lang", "fr")
    assert code == 2 and "--lang" in err and "fr" in err


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_saved_result_in_japanese_has_the_numbers_of_the_run(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`results show --lang ja`: the heading with the scenario's Japanese title, the
    per-market table with market names in Japanese, the losses by country by name with the
    p50 the result saved (one decimal, as the English table), the source line with the data
    release, and where the scenario as run is kept; the English answer has the same losses."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)  # this test writes: its own copy of the store
    code, _ = _run(
        capsys, "scenario", "run", "taiwan-blockade-2027-6m", "--runs", "5", "--seed", "4",
        "--save", "tw", "--db", str(db), "-f", "json",
    )  # fmt: skip
    assert code == 0
    code, js = _run(capsys, "results", "show", "tw", "--db", str(db), "-f", "json")
    saved = json.loads(js)
    code, out = _run(capsys, "results", "show", "tw", "--lang", "ja", "--db", str(db))
    assert code == 0
    flat = "".join(out.split())
    assert flat.startswith(
        "tw：台湾封鎖（2027年・6か月）（taiwan-blockade-2027-6m、シミュレーションした未来5通り、シード4"
    )
    assert "市場別" in flat and "パソコン" in out and "自動車" in out and "PCs" not in out
    assert "国別の失われる生産額（10億ドル）" in flat
    assert f"データリリース{saved['data_release']}" in flat and "実行したシナリオは" in flat
    losses = [r for r in saved["loss_by_country"] if r["p95"] > 0]
    table = out.split("国別の失われる生産額")[1].split("国別の失われる付加価値")[0]
    cells = re.findall(r"│ (\S+) +│ +([0-9.\-]+) │", table)
    by_name = dict(cells)
    assert by_name["台湾"] == f"{next(r for r in losses if r['country'] == 'TWN')['p50']:.1f}"
    assert by_name["日本"] == f"{next(r for r in losses if r['country'] == 'JPN')['p50']:.1f}"
    code, english = _run(capsys, "results", "show", "tw", "--db", str(db))
    assert code == 0 and re.search(rf"│ TWN +│ +{re.escape(by_name['台湾'])} │", english)


def test_inputs_in_japanese_has_the_numbers_of_the_english_table(cli: Runner) -> None:
    """`inputs --lang ja`: the Japanese title and headers, names and countries in Japanese
    (EUV露光装置, オランダ), the same ids and shares as the English table, in the same order,
    and the source with the ETO's licence and as-of date."""
    code, out, _ = cli("inputs", "--stage", "S2", "--type", "tool_resource", "--lang", "ja")
    assert code == 0
    flat = "".join(out.split())
    assert "半導体サプライチェーンの投入物" in flat and "最大の供給国" in flat
    assert "EUV露光装置" in flat and "オランダ" in flat and "Netherlands" not in out
    assert "CCBY-NC4.0" in flat and "時点" in flat
    _, english, _ = cli("inputs", "--stage", "S2", "--type", "tool_resource")
    row = re.compile(r"│ (N\d+) +│")
    assert row.findall(out) == row.findall(english) and "N20" in row.findall(out)
    # N20's top country and its share: the same number in both languages
    assert re.search(r"│ N20 .*│ NLD +│ +100\.0 │", english)
    assert re.search(r"│ N20 .*│ オランダ +│ +100\.0 │", out)


def test_sourcing_in_japanese_has_the_numbers_of_the_english_table(cli: Runner) -> None:
    """`sourcing --by region --lang ja`: the Japanese title and headers, markets, node classes
    and regions by name, the sourced and served shares of the English table in the same order,
    and the caption of GET /api/sourcing's caption_ja with the data release."""
    argv = ("sourcing", "--market", "automotive", "--node", "n28_45", "--by", "region")
    code, out, _ = cli(*argv, "--lang", "ja")
    assert code == 0
    flat = "".join(out.split())
    assert "各市場の半導体の調達先（2027年" in flat and "調達シェア" in out and "（%）" in out
    assert "自動車" in out and "28〜45nm" in out and "台湾" in out and "automotive" not in out
    assert "調達シェア（sourced）：sourcing_shares.csv" in flat and "データリリース" in flat
    _, english, _ = cli(*argv)
    shares = re.compile(r"│ +([0-9.]+) │ +([0-9.]+) │$", re.MULTILINE)
    assert shares.findall(out) == shares.findall(english) and len(shares.findall(out)) >= 5
    ja_regions = re.findall(r"│ 28〜45nm +│ (\S+) +│", out)
    en_regions = re.findall(r"│ n28_45 +│ (\S+) +│", english)
    assert ja_regions[:2] == ["台湾", "中国"] and en_regions[:2] == ["TWN", "CHN"]


def test_chokepoints_in_japanese_has_the_numbers_of_the_english_table(cli: Runner) -> None:
    """`chokepoints --min-share 90 --lang ja`: the Japanese title, inputs and countries by
    name (EUV露光装置, オランダ), the same ids, shares and HHIs as the English table in the
    same order, and the ETO source with its licence."""
    code, out, _ = cli("chokepoints", "--min-share", "90", "--lang", "ja")
    assert code == 0
    flat = "".join(out.split())
    assert "チョークポイント20件：1つの国が90%以上を占める投入物" in flat
    assert "EUV露光装置" in flat and "オランダ" in out and "NLD" not in out
    assert "CCBY-NC4.0" in flat and "ETOChipExplorerデータセット" in flat
    _, english, _ = cli("chokepoints", "--min-share", "90")
    row = re.compile(r"│ (N\d+) +│.*?│ +([0-9.]+) │ +([0-9,]+) │")
    assert row.findall(out) == row.findall(english) and len(row.findall(out)) == 20


def test_trace_in_japanese_names_what_an_input_goes_into(cli: Runner) -> None:
    """`trace N25 --lang ja`: downstream and upstream under Japanese titles, each input by its
    Japanese name and type, the same ids in the same order as English, the caption with the
    stage and the ETO source."""
    code, out, _ = cli("trace", "N25", "--lang", "ja")
    assert code == 0
    flat = "".join(out.split())
    assert "下流（使われる先）" in flat and "上流（必要なもの）" in flat
    assert "フォトリソグラフィ：使われる先（工程S2）" in flat and "CCBY-NC4.0" in flat
    assert "完成品のロジックチップ" in flat and "EUV露光装置" in flat and "最終製品" in out
    _, english, _ = cli("trace", "N25")
    ids = re.compile(r"│ +\d+ │ (N\d+) +│")
    assert ids.findall(out) == ids.findall(english) and "N99" in ids.findall(out)
    code, out, _ = cli("trace", "N20", "--lang", "ja")  # nothing upstream: a sentence
    assert code == 0 and "EUV露光装置の上流は、ETOの工程順序に記録されていません" in "".join(
        out.split()
    )
