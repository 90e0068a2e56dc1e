"""What an analyst's own scenario file is told when it is saved in the wrong encoding, saved
empty, broken TOML, or carries a slip of the keyboard in a number (session 34's audit): the
file, the line or field, the value found and what was expected, in English and in Japanese,
and exit 2 from `chipshock scenario validate`."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.errors import ScenarioError, ScenarioValidationFailed
from chipshock.scenarios import load_scenario, parse_scenario

from .conftest import Runner

HEAD = '[scenario]\nid = "mine"\nstart_year = 2027\nend_year = 2028\n'
SHOCK = '[[shock]]\nkind = "country"\ntargets = ["TWN"]\nstart = "2027-01"\n'
#: the wording every Japanese problem line falls back on when it says nothing particular
GENERIC = "値が正しくありません"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _validate(cli: Runner, path: Path, lang: str) -> str:
    """`chipshock scenario validate PATH --lang LANG`, which must exit 2: its error text."""
    code, out, err = cli("scenario", "validate", str(path), "--lang", lang)
    assert code == 2, out + err
    return _flat(err)


def test_a_windows_1252_file_names_the_line_the_byte_and_the_fix(tmp_path: Path) -> None:
    """A file saved as Windows-1252 (an en dash in a label) names the line and column of the
    byte, the byte and its Windows-1252 character, and asks for UTF-8; before, Python's codec
    message gave a byte offset into the file ('position 135')."""
    path = tmp_path / "excel.toml"
    path.write_bytes((HEAD + SHOCK + 'label = "Taiwan – 2027"\n').encode("cp1252"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problem = info.value.problem
    assert problem.file == str(path)
    assert problem.field == "line 9, column 17"
    assert problem.value == "byte 0x96 ('–' in Windows-1252)"
    assert problem.expected is not None and "UTF-8" in problem.expected
    assert "position" not in str(info.value)


def test_a_windows_1252_file_in_both_languages(tmp_path: Path, cli: Runner) -> None:
    """`scenario validate` exits 2 with the line, the byte and the fix, in Japanese too (no
    part of it left in English words but the byte's own description)."""
    path = tmp_path / "excel.toml"
    path.write_bytes((HEAD + SHOCK + 'label = "Taiwan – 2027"\n').encode("cp1252"))
    en = _validate(cli, path, "en")
    assert "excel.toml, line 9, column 17: not UTF-8 text" in en
    assert "byte 0x96" in en and "a file saved as UTF-8" in en
    ja = _validate(cli, path, "ja")
    assert "excel.toml、9行目、17文字目：UTF-8 の文字として読めません" in ja
    assert "UTF-8 で保存したファイル" in ja and "（英語" not in ja and GENERIC not in ja


@pytest.mark.parametrize("text", ["", "\n\n", "# my scenario, to do\n"])
def test_an_empty_file_is_an_error(text: str) -> None:
    """A file with nothing but blanks and comments is refused (before: a valid scenario of
    default years and no shocks, run without a word); a file without shocks that has a
    [scenario] table is still a baseline."""
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(text, "empty.toml")
    (problem,) = info.value.problems
    assert problem.message == "empty scenario file" and problem.file == "empty.toml"
    assert problem.expected is not None and "[scenario]" in problem.expected
    assert parse_scenario(HEAD, "base.toml").shocks == ()


def test_an_empty_file_in_both_languages(tmp_path: Path, cli: Runner) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    assert "empty.toml: empty scenario file" in _validate(cli, path, "en")
    ja = _validate(cli, path, "ja")
    assert "empty.toml：シナリオファイルが空です" in ja and "（英語" not in ja


def test_a_toml_error_shows_the_line_as_written() -> None:
    """tomllib says "Cannot overwrite a value" of a key written twice without naming it: the
    problem gives the line as written, so the reader sees which key."""
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(HEAD + 'id = "again"\n', "twice.toml")
    (problem,) = info.value.problems
    assert problem.field == "line 5, column 13"
    assert problem.value == 'id = "again"'
    assert problem.message.startswith("invalid TOML: ")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("duration_weeks = 1e300", "shock[0].duration_weeks"),
        ("duration_weeks = 99999999999999999999", "shock[0].duration_weeks"),
        ("recovery_weeks = 2600", "shock[0].recovery_weeks"),
        (
            'duration_weeks = { dist = "uniform", low = 26, high = 5200 }',
            "shock[0].duration_weeks.high",
        ),
    ],
)
def test_a_huge_number_of_weeks_is_refused(line: str, field: str) -> None:
    """A shock's weeks beyond the longest horizon (2022–2040, 988 weeks) are a slip of the
    keyboard: refused with the bound (before: 1e300 weeks passed every check)."""
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(HEAD + SHOCK + line + "\n", "huge.toml")
    (problem,) = info.value.problems
    assert problem.field == field and problem.message == "out of range"
    assert problem.expected == "0 ≤ value ≤ 988"  # 52 weeks x 19 years, 2022–2040


def test_the_longest_shock_and_an_unbounded_lognormal_still_parse() -> None:
    """988 weeks is allowed, and a lognormal recovery without `high` (the docs' example) is not
    asked for one: the bound is on the numbers written, not on the draws."""
    text = (
        HEAD
        + SHOCK
        + "duration_weeks = 988\n"
        + 'recovery_weeks = { dist = "lognormal", median = 13, sigma = 0.5 }\n'
    )
    shock = parse_scenario(text).shocks[0]
    assert shock.duration_weeks.central == 988.0
    assert shock.recovery_weeks.kind == "lognormal"


@pytest.mark.parametrize(
    ("text", "english", "japanese"),
    [
        (
            HEAD + SHOCK.replace('"2027-01"', '"2031-01"'),
            "shock starts outside the scenario horizon (got '2031-01'; expected a start in "
            "2027..2028 (the scenario's start_year..end_year))",
            "ショックの開始がシナリオの期間外です（入力値：2031-01、指定できる値：2027〜2028年の"
            "開始（シナリオの `start_year`〜`end_year`））",
        ),
        (
            HEAD + SHOCK + 'severity = { dist = "uniform", low = 0.9, high = 0.5 }\n',
            "high is below low (got '0.5'; expected ≥ low (0.9))",
            "high が low より小さくなっています（入力値：0.5、指定できる値：`low`（0.9）以上）",
        ),
        (
            HEAD + "[scenario\n",
            "invalid TOML: ",
            "TOML の書き方に誤りがあります（英語の詳細：",
        ),
        (
            HEAD
            + '[[fab_override]]\nfab = "rapidus-iim1"\ncapacity_wspm = 1000\n'
            + '[[fab_override]]\nfab = "rapidus-iim1"\nstart_year = 2028\n',
            "the same fab and class lt10 twice (got 'rapidus-iim1'; expected one override per "
            "fab and class (fab_override[0] overrides it already))",
            "同じ工場・区分 lt10 を2回上書きしています（入力値：rapidus-iim1、指定できる値："
            "工場・区分ごとに上書きは1つ（fab_override[0] がすでに上書きしています））",
        ),
        (
            HEAD + SHOCK.replace('"2027-01"', '"2027-01-15"'),
            "wrong format (got '2027-01-15'; expected \"YYYY-MM\" (a month)",
            '形式が正しくありません（入力値：2027-01-15、指定できる値："YYYY-MM"（月）、'
            '"YYYY-Www"（週 01〜52）または年）',
        ),
        (
            HEAD + SHOCK.replace('"2027-01"', '"2027-13"'),
            "month out of range (got '2027-13'; expected month 01..12)",
            "範囲外の値です（入力値：2027-13、指定できる値：01〜12月）",
        ),
        (
            HEAD + SHOCK.replace('["TWN"]', '["Taiwan"]'),
            "malformed id; did you mean 'TWN'? (got 'Taiwan'; expected an ISO 3166 alpha-3 code",
            "形式が正しくありません（入力値：Taiwan、候補：TWN、指定できる値：大文字の ISO 3166 "
            "alpha-3 国コードまたはグループコード（EU27、CHIP4、QUAD、G7 または [groups] の名前）",
        ),
        (
            HEAD + SHOCK + "[parameters]\ncustomer_inventory_weeks.automobile = 3\n",
            "unknown parameter (got 'customer_inventory_weeks.automobile'; expected a known "
            "parameter (did you mean customer_inventory_weeks.automotive",
            "該当するパラメータがありません（入力値：customer_inventory_weeks.automobile、候補："
            "customer_inventory_weeks.automotive",
        ),
        (
            HEAD + SHOCK.replace('"country"', '"firm"').replace('["TWN"]', '["Toyota"]'),
            "unknown firm (got 'Toyota'; expected a known firm",
            "該当する企業がありません（入力値：Toyota",
        ),
    ],
    ids=[
        "start_outside_horizon",
        "high_below_low",
        "toml_syntax",
        "fab_overridden_twice",
        "start_as_a_date",
        "month_13",
        "country_by_name",
        "parameter_typo",
        "firm_without_data",
    ],
)
def test_mistakes_say_what_is_wrong_in_japanese(
    tmp_path: Path, cli: Runner, text: str, english: str, japanese: str
) -> None:
    """A shock outside the horizon, high below low, broken TOML, a fab overridden twice, a start
    written as a date or month 13, a country by its name, a misspelt parameter and a firm the
    data does not have say what is wrong and what was expected in Japanese too (before:
    「値が正しくありません」 or 「該当するものがありません」, and the expected text in English,
    marked （英語）)."""
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    assert english in _validate(cli, path, "en")
    ja = _validate(cli, path, "ja")
    assert japanese in ja
    assert GENERIC not in ja and "（英語）" not in ja
