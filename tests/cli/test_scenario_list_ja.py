"""`chipshock scenario list --lang ja` and `scenario validate --lang ja`: the built-in scenarios
and a scenario file's problems in Japanese, at the widths a user's terminal has; json unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner
from .terminal import chipshock_at

#: three problems: a value below its bound, an unknown key, an unknown country (with a hint)
THREE = """
[scenario]
id = "three"
start_year = 2026
end_year = 2028
runs = 5

[[shock]]
kind = "country"
targets = ["TWX"]
start = "2027-01"

[[shock]]
kind = "country"
targets = ["KOR"]
start = "2027-01"
duration_weeks = { dist = "uniform", low = 30, high = 10 }

[priorities]
automotiv = 2
"""


def test_list_in_japanese_on_a_wide_terminal() -> None:
    """At 120 columns every column is in Japanese: titles from the data's title_ja, shocks by
    kind with the countries' Japanese names, the alliance-fab switch as an intervention."""
    out = chipshock_at(120, "scenario", "list", "--lang", "ja")
    flat = "".join(out.split())
    assert "組み込みシナリオ（9件）" in flat
    for header in ("ID", "名称", "ショック", "対策"):
        assert header in out.splitlines()[2]
    assert "台湾封鎖（2027年・6か月）" in flat and "南海トラフ級の巨大地震" in flat
    assert "国へのショック（台湾）" in flat and "輸出規制" in flat and "（中国：gallium）" in flat
    assert "工場の停止（6件）" in flat and "なし" in flat
    assert "`chipshockscenarioshowID`" in flat
    assert "country:TWN" not in out and "built-in" not in out


def test_list_in_japanese_on_a_narrow_terminal() -> None:
    """At 80 columns the id and the Japanese title stay; the caption names, in Japanese, the
    columns left out."""
    out = chipshock_at(80, "scenario", "list", "--lang", "ja")
    flat = "".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "taiwan-blockade-2027-6m-no-alliance-fabs" in out and "名称" in out
    assert "この端末幅では省略：ショック、対策" in flat


def test_list_json_is_the_same_in_either_language(cli: Runner) -> None:
    """--lang ja changes the terminal table only: the JSON keys and values are the English run's."""
    _, english, _ = cli("scenario", "list", "-f", "json", db=False)
    code, japanese, _ = cli("scenario", "list", "-f", "json", "--lang", "ja", db=False)
    assert code == 0 and json.loads(japanese) == json.loads(english)


def test_validate_problems_in_japanese(cli: Runner, tmp_path: Path) -> None:
    """Each problem of the file in Japanese: the file, the field, what is wrong, the value, the
    close valid value and what was expected; exit 2 and nothing on stdout."""
    path = tmp_path / "three.toml"
    path.write_text(THREE, encoding="utf-8")
    code, out, err = cli("scenario", "validate", str(path), "--lang", "ja")
    assert code == 2 and out == ""
    flat = " ".join(err.split())
    assert flat.startswith("error: chipshock scenario validate: シナリオに問題が3件あります")
    assert f"・{path}、shock[0].targets：該当する国コードまたはグループがありません" in flat
    assert "（入力値：TWX、候補：TWN、指定できる値：" in flat
    assert f"・{path}、priorities.automotiv：この項目名はありません（候補：automotive" in flat
    assert "ai_datacenter、smartphones、pcs、automotive、industrial、consumer のいずれか" in flat
    assert f"・{path}、shock[1].duration_weeks.high：" in flat and "入力値：10" in flat
    assert "problems found" not in err


def test_validate_position_and_missing_file_in_japanese(cli: Runner, tmp_path: Path) -> None:
    """A TOML syntax error names the line and column in Japanese; a file that is not there is
    one line naming it."""
    path = tmp_path / "broken.toml"
    path.write_text("[scenario\nid = 1\n", encoding="utf-8")
    code, _, err = cli("scenario", "validate", str(path), "--lang", "ja")
    assert code == 2 and f"{path}、1行目、10文字目：" in err and "TOML 形式" in err
    code, _, err = cli("scenario", "validate", str(tmp_path / "none.toml"), "--lang", "ja")
    assert code == 2 and f"error: chipshock scenario validate: {tmp_path / 'none.toml'}：" in err
    assert "シナリオファイルがありません" in err and "not found" not in err


def test_validate_in_english_and_json_unchanged(cli: Runner, tmp_path: Path) -> None:
    """Without --lang the problems stay in English; --format json keeps its English keys and
    texts with --lang ja."""
    path = tmp_path / "three.toml"
    path.write_text(THREE, encoding="utf-8")
    _, _, err = cli("scenario", "validate", str(path))
    assert "invalid scenario: 3 problems found" in err
    _, english, _ = cli("scenario", "validate", str(path), "-f", "json")
    _, japanese, _ = cli("scenario", "validate", str(path), "-f", "json", "--lang", "ja")
    assert json.loads(japanese) == json.loads(english)


def test_validate_valid_in_japanese_at_80_columns(store_path: Path) -> None:
    """A valid scenario's Japanese line is wrapped where Japanese may break: no line of the
    answer starts with the closing 。 (the terminal's own wrap left it alone on a line)."""
    out = chipshock_at(
        80,
        "scenario",
        "validate",
        "taiwan-blockade-2027-6m",
        "--lang",
        "ja",
        "--db",
        str(store_path),
    )
    assert "".join(out.split()).startswith("taiwan-blockade-2027-6m：問題なし")
    assert not any(line.startswith("。") for line in out.splitlines())
    assert max(len(line) for line in out.splitlines()) <= 80
