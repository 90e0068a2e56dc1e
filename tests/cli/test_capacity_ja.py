"""`chipshock capacity --lang ja`: the English caption's parts in Japanese (a short caption that
names its sources and data release, the full method and the fabs by name under --notes), the
fabs whose capacity fell by their Japanese names in a cell named in words, and the numbers of
the English table cell for cell."""

from __future__ import annotations

import re

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE

from .conftest import Runner
from .test_alliance_ja import _column_cells

#: a table row's cells (between the box's bars)
ROW = re.compile(r"^│(.*)│$")


def _cells(out: str) -> list[list[str]]:
    """The body rows' cells of the first table in ``out`` (a row's first line: the lines a
    wrapped text cell adds have no year)."""
    body = out.split("┡", 1)[1].split("└", 1)[0]
    rows = [
        [cell.strip() for cell in match.group(1).split("│")]
        for line in body.splitlines()
        if (match := ROW.match(line))
    ]
    return [row for row in rows if row[0]]


def _caption(out: str) -> str:
    """The text below the table, its lines joined."""
    return "".join(out.split("┘", 1)[1].split())


def test_japanese_short_caption_is_short_and_names_its_sources(cli: Runner) -> None:
    """Without --notes the Japanese caption is a few lines: the unit, every source file, the
    data release and its date, what a negative 残差 means, the counts of the fabs --notes
    names and how to see them; no fab is named. --notes gives the full method and the names,
    and the table above is the same."""
    _, short, _ = cli("capacity", "--year", "2026", "--by", "region", "--lang", "ja")
    _, full, _ = cli("capacity", "--year", "2026", "--by", "region", "--lang", "ja", "--notes")
    text = _caption(short)
    for part in (
        "千枚/月＝月間ウェーハ投入枚数",
        "regional_capacity.csv",
        "global_capacity.csv",
        "fab_capacity.csv",
        "remainder_operators.csv",
        f"データリリース{DATA_RELEASE}（{DATA_RELEASE_DATE}）",
        "残差がマイナスのときは、個別の工場が地域の合計を上回っています",
        "登録簿の9工場は生産能力の数値がなく、ゼロとして数えています。",
        "（--notesで名前を表示）",
    ):
        assert part in text, part
    assert "psmc-tongluo" not in text and "キオクシア" not in text
    notes = _caption(full)
    assert "（登録より先行：" in notes and "キオクシア北上工場第2製造棟（K2棟）" in notes
    assert (
        "PSMC（力晶積成電子製造）銅鑼12インチ工場（第1期）（psmc-tongluo）25（2025年）→0" in notes
    )
    assert len(text) < len(notes) / 3
    assert short.split("┘")[0] == full.split("┘")[0]


def test_japanese_caption_has_the_parts_of_the_english_one(cli: Runner) -> None:
    """Short and --notes, the two languages say the same things: the release, the fabs
    switched off, the count (or the ids) of the fabs that lost capacity."""
    argv = ("capacity", "--year", "2026", "--fabs-off", "tsmc-arizona-p1")
    for extra in ((), ("--notes",)):
        _, english, _ = cli(*argv, *extra)
        _, japanese, _ = cli(*argv, *extra, "--lang", "ja")
        en, ja = " ".join(english.split("┘")[1].split()), _caption(japanese)
        assert f"Data release {DATA_RELEASE} ({DATA_RELEASE_DATE})." in en
        assert f"データリリース{DATA_RELEASE}（{DATA_RELEASE_DATE}）。" in ja
        assert "Switched off: tsmc-arizona-p1." in en and "停止：tsmc-arizona-p1。" in ja
        ids = set(re.findall(r"\(([a-z0-9-]+)\) [0-9.]+ kwspm in", en))
        assert ids == set(re.findall(r"（([a-z0-9-]+)）[0-9.]+（\d{4}年）", ja))
        assert bool(ids) == bool(extra)
    _, english, _ = cli(*argv)
    _, japanese, _ = cli(*argv, "--lang", "ja")
    n = re.search(r"(\d+) itemised fabs lost capacity", " ".join(english.split()))
    assert n is not None and f"個別の{n.group(1)}工場は区分の観測年以降に" in _caption(japanese)


def test_fallen_fabs_are_named_in_japanese(cli: Runner) -> None:
    """--notes --lang ja: the cell in words (台湾・28〜45nm, not TWN n28_45), each fab by its
    Japanese name with its id, no English fab name."""
    _, out, _ = cli("capacity", "--year", "2026", "--lang", "ja", "--notes", "--by", "region")
    text = _caption(out)
    assert "台湾・28〜45nm（減った50.0千枚/月のうち50.0を残りが引き受け）" in text
    assert "TWN" not in text and "n28_45" not in text and "gt45" not in text
    assert "PSMC Tongluo" not in text and "Kioxia" not in text and "SK hynix" not in text


def test_japanese_table_has_the_english_numbers_cell_for_cell(cli: Runner) -> None:
    """Every row, every number column: the Japanese table's cells are the English table's
    (a wide terminal, so that no column is left out)."""
    import chipshock.cli.output as output

    width = output.console.width
    output.console.width = 260
    try:
        _, english, _ = cli("capacity", "--year", "2027", "--year", "2030")
        _, japanese, _ = cli("capacity", "--year", "2027", "--year", "2030", "--lang", "ja")
    finally:
        output.console.width = width
    en, ja = _cells(english), _cells(japanese)
    assert len(en) == len(ja) == 84
    numbers = range(3, 10)  # capacity_kwspm .. fab_adjustment_kwspm
    assert [[row[i] for i in numbers] for row in en] == [[row[i] for i in numbers] for row in ja]
    assert any(row[1] == "TWN" for row in en) and not any(row[1] == "TWN" for row in ja)


def test_capacity_csv_and_json_agree_and_keep_machine_digits(cli: Runner) -> None:
    """--by region --format csv (the rule of every command's CSV and JSON, `machine_number`:
    12 significant digits, no float noise): each sum is the JSON's, and the sum of the per-row
    CSV's cells to that precision."""
    import csv
    import io
    import json

    _, rows_csv, _ = cli("capacity", "--year", "2027", "--format", "csv")
    _, region_csv, _ = cli("capacity", "--year", "2027", "--by", "region", "--format", "csv")
    _, region_json, _ = cli("capacity", "--year", "2027", "--by", "region", "--format", "json")
    by_region = list(csv.DictReader(io.StringIO(region_csv)))
    assert len(by_region) == 7
    from_json = json.loads(region_json)
    for row, record in zip(by_region, from_json, strict=True):
        assert row["region"] == record["region"]
        assert float(row["capacity_kwspm"]) == record["capacity_kwspm"]
        assert len(row["capacity_kwspm"].replace(".", "").lstrip("0")) <= 12
    per_row = list(csv.DictReader(io.StringIO(rows_csv)))
    twn = sum(float(r["capacity_kwspm"]) for r in per_row if r["region"] == "TWN")
    assert abs(float(by_region[0]["capacity_kwspm"]) - twn) < 1e-6
    assert by_region[0]["region"] == "TWN"


def test_sourcing_in_japanese_names_every_operator_in_japanese(cli: Runner) -> None:
    """`sourcing --lang ja` by operator: operators without an operator_names.csv row by their
    fabs' Japanese operator name (UMC（聯華電子）, グローバルファウンドリーズ), never by the
    English names the csv gives them."""
    _, japanese, _ = cli("sourcing", "--market", "automotive", "--lang", "ja")
    _, english, _ = cli("sourcing", "--market", "automotive", "--format", "csv")
    flat = "".join(japanese.split("┘")[0].split())
    names = _column_cells(japanese, "事業者")  # a name may wrap within its cell
    assert "UMC（聯華電子）" in names and "グローバルファウンドリーズ" in names, names
    for name in ("GlobalFoundries", "Texas Instruments", "Infineon", "Micron"):
        assert name in english and name not in flat, name
