"""`chipshock data validate --lang ja` says what the English says (session 32): on broken copies
of the shipped data a bad number, a bad date, an unexpected value, a missing column, a share sum
off and a duplicated id all read 「値が正しくありません」 (a missing column 「値がありません」),
and most of what was expected stayed in English, marked（英語）. Each now names the problem and
what was expected in Japanese, the parts (values, columns, markets, rows) as written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from chipshock.data.curated import load_curated
from chipshock.data.eto import load_eto
from chipshock.errors import Problem
from chipshock.present.error_text import problem_part, problem_text_ja
from chipshock.present.expected_text import expected_text_ja
from chipshock.present.messages import message
from chipshock.present.problem_words import PROBLEM_DETAILS, problem_detail

from .terminal import chipshock_at

FILES = Path(str(resources.files("chipshock") / "data" / "files"))
GENERIC = message("api_problem.invalid", "ja")


def _cell(column: str, value: str, row: int = 0) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[row + 1][rows[0].index(column)] = value

    return edit


def _drop(column: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        i = rows[0].index(column)
        for r in rows:
            del r[i]

    return edit


def _twice(rows: list[list[str]]) -> None:
    rows.append(list(rows[1]))


#: case -> (file, edit, English message, its Japanese, English expected, its Japanese)
CASES = {
    "number": (
        "fab_capacity.csv", _cell("capacity_wspm", "12k"),
        "not a number", "数値として読めません", "a number", "数値",
    ),
    "date": (
        "fab_capacity.csv", _cell("as_of", "July 2025"),
        "not a date", "日付として読めません",
        "YYYY, YYYY-MM or YYYY-MM-DD", "YYYY、YYYY-MM、YYYY-MM-DD のいずれかの形の日付",
    ),
    "enum": (
        "fabs.csv", _cell("status", "maybe"),
        "unexpected value", "決められた値のどれでもありません",
        None, "のいずれか",
    ),
    "not an umbrella": (
        "alliance_deliverables.csv", _cell("part_of", "uw-tsukuba-ai", 5),
        "not an umbrella row", "包括行にできない行です（それ自体が内訳か、この行自身です）",
        "the deliverable_id of another row that is no part itself (the umbrella), or blank",
        "それ自体は内訳でない別の行（包括行）の `deliverable_id`、または空欄",
    ),
    "unknown deliverable": (
        "alliance_deliverables.csv", _cell("part_of", "nope"),
        "unknown deliverable", "該当する成果の行がありません",
        "the deliverable_id of another row that is no part itself (the umbrella), or blank",
        "それ自体は内訳でない別の行（包括行）の `deliverable_id`、または空欄",
    ),
    "unknown id": (
        "fab_capacity.csv", _cell("fab_id", "nope-fab"),
        "unknown fab", "該当する工場がありません", "a fab_id of fabs.csv", "fabs.csv の `fab_id`",
    ),
    "missing column": (
        "fabs.csv", _drop("country"),
        "missing column", "列がありません", None, "列 fab_id、name、operator、",
    ),
    "share sum": (
        "sourcing_shares.csv", _cell("share_pct", "150"),
        "shares of market ai_datacenter, class lt10 add up to more than 100",
        "市場 ai_datacenter、区分 lt10 のシェアの合計が100を超えています",
        "a sum of at most 100 per (market, node_class)",
        "（market、node_class）ごとの合計が100以下",
    ),
    "material share sum": (
        "material_supply.csv", _cell("share_pct", "90"),
        "shares of gallium (refining) do not add up to 100",
        "gallium（refining）のシェアの合計が100になりません",
        "a sum of 100 per (material_id, stage); put the rest in ROW",
        "（material_id、stage）ごとの合計が100（残りは ROW に入れる）",
    ),
    "duplicated id": (
        "fabs.csv", _twice,
        "duplicated id", "ID が重複しています",
        "a unique key (first used in row 2)", "重複しないキー（同じキーが2行目にあります）",
    ),
    "blank": (
        "fab_capacity.csv", _cell("year", ""), "blank cell", "空欄です", "a value", "空欄でない値",
    ),
    "range": (
        "fab_capacity.csv", _cell("year", "1850"),
        "value out of range", "範囲外の値です",
        "a value between 1950 and 2100", "1950 以上 2100 以下の値",
    ),
    "web address": (
        "fabs.csv", _cell("source_url", "see the press"),
        "not a web address", "ウェブアドレスではありません",
        "an http(s) URL such as https://example.org/page",
        "http(s) の URL（例：https://example.org/page）",
    ),
}  # fmt: skip


def _broken(folder: Path, name: str, edit: Callable[[list[list[str]]], None]) -> None:
    import csv
    import io

    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One copy of the shipped curated folder per case, one file edited."""
    out = {}
    for case, (name, edit, *_) in CASES.items():
        folder = tmp_path_factory.mktemp(case.replace(" ", "-"))
        shutil.copytree(FILES / "curated", folder, dirs_exist_ok=True)
        _broken(folder, name, edit)
        out[case] = folder
    return out


def _japanese(p: Problem) -> tuple[str, str]:
    """The problem and expected cells of the Japanese table (`data_ja.problem_cells_ja`)."""
    import dataclasses

    what = problem_text_ja(dataclasses.replace(problem_part(Problem(p.message)), field=None))
    return what, (expected_text_ja(p.expected) or "") if p.expected else ""


@pytest.mark.parametrize("case", list(CASES))
def test_each_broken_copy_says_what_is_wrong_in_japanese(
    folders: dict[str, Path], case: str
) -> None:
    name, _, english, japanese, expected, expected_ja = CASES[case]
    problems = [p for p in load_curated(folders[case]).problems if p.severity == "error"]
    mine = [p for p in problems if p.message == english and Path(p.file or "").name == name]
    assert mine, [(p.file, p.message) for p in problems]
    what, wanted = _japanese(mine[0])
    assert what == japanese
    if expected is not None:
        assert mine[0].expected == expected
        assert wanted == expected_ja
    else:
        assert expected_ja in wanted
    assert "（英語）" not in wanted


def test_no_error_of_the_broken_copies_is_left_generic(folders: dict[str, Path]) -> None:
    """Every error of every copy (also those a case brings in its wake: the fabs' place names
    when fabs.csv has no country) names its problem, and what was expected is in Japanese."""
    for case, folder in folders.items():
        for p in load_curated(folder).problems:
            if p.severity != "error":
                continue
            what, wanted = _japanese(p)
            assert what != GENERIC, (case, p.message)
            assert "（英語）" not in wanted, (case, p.expected)


def test_the_eto_tables_too(tmp_path: Path) -> None:
    """A word for a share and unknown provider and provided ids in provision.csv."""
    folder = tmp_path / "eto"
    shutil.copytree(FILES / "eto", folder, ignore=shutil.ignore_patterns("v2022"))
    _broken(folder, "provision.csv", _cell("share_provided", "lots"))
    _broken(folder, "provision.csv", _cell("provided_id", "N999", row=1))
    _broken(folder, "provision.csv", _cell("provider_id", "P99999", row=2))
    problems = [p for p in load_eto(folder, "current").problems if p.severity == "error"]
    words = {p.message: _japanese(p) for p in problems}
    assert words["not a number"] == ("数値として読めません", "数値")
    assert words["unknown provided id"] == (
        "該当する供給品目の ID がありません",
        "inputs.csv の投入物の ID、または工程の ID（S1〜S3）",
    )
    assert words["unknown provider id"] == (
        "該当する供給者の ID がありません",
        "providers.csv にある ID",
    )


def test_the_terminal_table_shows_them(folders: dict[str, Path]) -> None:
    """`data validate --lang ja` on the share-sum copy: both lines' words in the table."""
    out = chipshock_at(
        300, "data", "validate", str(folders["share sum"]), "--lang", "ja", check=False
    )
    flat = "".join(out.split())
    assert "市場ai_datacenter、区分lt10のシェアの合計が100を超えています" in flat
    assert "（market、node_class）ごとの合計が100以下" in flat
    assert "0以上100以下の値" in flat and GENERIC not in flat


def test_each_kind_gives_back_its_english() -> None:
    """The English wording of each kind, filled with its parts, is the message it read."""
    samples = [
        "missing column (is 'cntry' a renamed 'country'?)",
        "record has 7 fields",
        "not valid UTF-8 at byte 12",
        "malformed CSV: unexpected end of data",
        "no utilisation row for node class lt10",
        "status planned was renamed",
        "wafer_value is above capacity",
        "not the country of the fabs at 'Chitose, Hokkaido'",
        'not the country of the fabs at "Xi\'an, Shaanxi"',
        "a copy of the English name",
        "the same shock as shock[0] (every key alike): a shock written twice counts twice",
        "a second anchor share for logic <10nm / TWN / 2022: the engine would use whichever "
        "comes first in the file",
        "cannot read file: Permission denied",
        "fab f1 is on-hold (fabs.csv row 9): its construction is paused, so no capacity is counted",
        "fab f1 is closed (fabs.csv row 9) but its n28_45 capacity does not end at 0",
        "fab f1 ran from 2019 (fabs.csv row 9, production_start_year) but its first "
        "fab_capacity.csv row is in 2024: the engine holds each region's 'other fabs' at no "
        "less than their 2022 level (the last observed regional share), which already holds "
        "this fab, so it would be counted twice",
    ]
    for text in samples:
        found = problem_detail(text)
        assert found is not None, text
        kind, parts = found
        assert message(f"api_problem.detail.{kind}", "en", **parts) == text
        assert message(f"api_problem.detail.{kind}", "ja", **parts)
    assert len(PROBLEM_DETAILS) == len(set(PROBLEM_DETAILS))


@pytest.mark.parametrize(
    ("expected", "japanese"),
    [
        ("a whole number", "整数"),
        ("a folder of CSV files", "CSV ファイルのフォルダー"),
        ("YYYY[-MM[-DD]]", "YYYY、YYYY-MM、YYYY-MM-DD のいずれかの形の日付"),
        ("a value >= 0", "0 以上の値"),
        ("a fab_id of fabs.csv, or blank", "fabs.csv の `fab_id`、または空欄"),
        (
            "a market_id of end_markets.csv (automotive, pcs)",
            "end_markets.csv の `market_id`（automotive、pcs）",
        ),
        ("a unique id (first used in row 4)", "重複しない ID（同じ ID が4行目にあります）"),
        ("one row per pair (first in row 4)", "組ごとに1行（最初の行は4行目）"),
        ("8 fields like the header", "見出し行と同じ8項目"),
        ("a UTF-8 encoded CSV file", "UTF-8 で書かれた CSV ファイル"),
        ("low (the method is an estimate)", "low（method が推計のため）"),
    ],
)
def test_what_the_data_checks_expect_reads_in_japanese(expected: str, japanese: str) -> None:
    """Each kind in Japanese from its parts; its English wording gives the text back."""
    from chipshock.present.expected_text import expected_parts

    assert expected_text_ja(expected) == japanese
    parts = expected_parts(expected)
    assert parts is not None
    assert message(f"api_expected.{parts[0]}", "en", **parts[1]) == expected
