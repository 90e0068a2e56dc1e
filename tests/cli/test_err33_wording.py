"""Session 33's audit of error lines and small wording faults (err33): a missing scenario file or
id is worded in Japanese, a missing file suggests only a close name, the unknown-input error
names the ETO release as a dataset (not "release current") and suggests close names, one fab's
split reads in the singular, the report's avoided chart title and `scenario list` read once,
and `scenario run --lang ja` writes one percent sign."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from chipshock.cli.scenario_list_ja import scenario_list_ja
from chipshock.cli.scenario_view import compare_captions, scenario_list_table
from chipshock.errors import ScenarioError
from chipshock.present.contributions import contribution_text
from chipshock.present.messages import catalogue, message
from chipshock.scenarios import builtin_scenarios, load_scenario

from .terminal import SRC


def chipshock_err(*args: str) -> str:
    """The standard error of `chipshock ARGS` (a bad value: exit 2), on a 300-column terminal."""
    done = subprocess.run(
        [sys.executable, "-m", "chipshock", *args],
        env={**os.environ, "COLUMNS": "300", "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode != 0, done.stdout
    return "".join(done.stderr.split("\n"))


GENERIC = message("api_problem.invalid", "ja")


def test_a_missing_scenario_file_is_worded_in_japanese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`scenario run gone.toml --lang ja` says the file is missing (it said only
    「値が正しくありません」), in both languages."""
    monkeypatch.chdir(tmp_path)
    ja = chipshock_err("scenario", "run", "gone.toml", "--lang", "ja")
    assert "gone.toml：シナリオファイルがありません" in ja and GENERIC not in ja
    en = chipshock_err("scenario", "run", "gone.toml")
    assert "gone.toml: scenario file not found" in en


def test_compare_with_an_unknown_scenario_is_worded_in_japanese() -> None:
    """`scenario compare A no-such --lang ja`: each side says no scenario file or built-in has
    that name."""
    ja = chipshock_err("scenario", "compare", "A", "no-such", "--lang", "ja")
    assert ja.count("該当するシナリオファイルも組み込みシナリオもありません") == 2, ja
    assert GENERIC not in ja


def test_a_missing_file_suggests_only_a_close_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`nope.toml` beside typo.toml and pyproject.toml suggests neither (it drew one at difflib's
    0.6 on the whole name): the error lists the built-in scenarios instead; a close file name or
    a close built-in id is still suggested."""
    monkeypatch.chdir(tmp_path)
    for name in ("typo.toml", "pyproject.toml", "naka-tsmc.toml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario("nope.toml")
    text = str(info.value)
    assert "did you mean" not in text
    assert "an existing .toml file or a built-in scenario id, one of: baseline," in text
    with pytest.raises(ScenarioError, match=r"did you mean naka-tsmc\.toml\?"):
        load_scenario("naka.toml")
    with pytest.raises(ScenarioError, match=r"did you mean japan-earthquake\?"):
        load_scenario("japan-earthqake.toml")
    ja = chipshock_err("scenario", "run", "nope.toml", "--lang", "ja")
    assert "組み込みシナリオの ID（次のいずれか：baseline、" in ja


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_unknown_input_names_the_dataset_not_release_current(lang: str) -> None:
    """The unknown-input error names the ETO dataset it counts ("126 in release current"
    leaked the option's value)."""
    args = ("trace", "zzzzqqq", "--lang", lang)
    flat = chipshock_err(*args)
    assert "current" not in flat
    said = {
        "en": "126 in the ETO Chip Explorer dataset, Aug 2026 update, ids N0 to N138",
        "ja": "ETO Chip Explorer データセット 2026年8月更新版の126件",
    }
    assert said[lang] in flat


def test_a_misspelt_input_name_is_suggested() -> None:
    """`trace "EUV lithografy"` suggests N20 as "euv lithography" does (no suggestion before:
    the whole name "EUV lithography tools" is too far from the query)."""
    flat = chipshock_err("trace", "EUV lithografy")
    assert "did you mean N20 EUV lithography tools" in flat


def _one_fab_result() -> types.SimpleNamespace:
    table = pd.DataFrame(
        {"fab_id": ["a", "a"], "measure": ["alone", "added"], "mean": [2.0, 2.0],
         "p5": [1.0, 1.0], "p50": [2.0, 2.0], "p95": [3.0, 3.0]}
    )  # fmt: skip
    stats = {"mean": 2.0, "p5": 1.0, "p50": 2.0, "p95": 3.0}
    totals = {k: stats for k in ("together", "sum_alone", "sum_added", "interaction")}
    info = pd.DataFrame(
        {"fab_id": ["a"], "shock_year": [2027], "capacity_wspm": [5000.0], "first_year": [2024]}
    )
    return types.SimpleNamespace(fabs=("a",), runs=10, table=table, totals=totals, fab_info=info)


def test_one_fab_is_named_not_counted() -> None:
    """A split of one fab says what that fab avoids ("Together the 1 fab avoid" before)."""
    result = _one_fab_result()
    en = contribution_text(result, {"a": "Fab A"})
    assert en.startswith(
        "Fab A avoids USD 2.0 bn (USD 1.0 bn – 3.0 bn, p5–p95 of 10 simulated futures)."
    )
    ja = contribution_text(result, {"a": "Fab A"}, "ja")
    assert ja.startswith("Fab Aが避ける生産額の損失は20億ドルです") and "1つの工場" not in ja


def test_the_avoided_titles_do_not_double_with() -> None:
    """The report's avoided chart and table titles put the sides after a colon: a side called
    “with the alliance fabs” read "avoided with “with the alliance fabs”"."""
    fields = {"better": "“with the alliance fabs”", "worse": "“no fabs”"}
    for key in ("report.chart_avoided", "report.avoided"):
        title = message(key, "en", **fields)
        assert (
            "avoided with “with" not in title.lower()
            and ": “with the alliance fabs” compared" in title
        )


def test_the_compare_captions_do_not_double_with() -> None:
    """`scenario compare`'s avoided caption and delta caption and the dashboard's avoided table
    title read "Avoided with “with the alliance fabs” …" and "less lost with “with …”" (s33
    wf): the sides come after a colon or as the subject."""
    package = Path(str(resources.files("chipshock")))
    web = json.loads((package / "web" / "static" / "i18n" / "en.json").read_text("utf-8"))
    side = "with the alliance fabs"
    texts = [
        message("cli.compare_caption_avoided", "en", better=side, worse="no alliance fabs"),
        web["cmp_avoided_table"].format(better=side, worse="no alliance fabs"),
        *compare_captions("no alliance fabs", side).values(),
    ]
    for text in texts:
        assert f"with “{side}”" not in text, text
    assert texts[0].startswith(f"Avoided: “{side}” compared with “no alliance fabs”")
    assert texts[1].startswith(f"Avoided: “{side}” compared with “no alliance fabs”")


def test_the_list_hint_gives_full_commands() -> None:
    """`scenario list`'s hint gives both commands in full, as the Japanese does."""
    for lang in ("en", "ja"):
        hint = message("cli.scenario_list_caption", lang)
        assert "`chipshock scenario show ID`" in hint and "`chipshock scenario run ID`" in hint


def test_the_list_tells_two_export_controls_apart() -> None:
    """The gallium/germanium scenario's two shocks say what differs (it read
    "export_control:CHN, export_control:CHN"), in the CSV and the Japanese table."""
    scenarios = [s for s in builtin_scenarios() if s.scenario_id.startswith("china-gallium")]
    row = scenario_list_table(scenarios).iloc[0]
    assert row["shocks"] == "export_control:CHN(gallium), export_control:CHN(germanium)"
    ja = scenario_list_ja(scenarios).iloc[0, 2]
    assert ja == "輸出規制（中国：gallium）、輸出規制（中国：germanium）"


def test_a_repeated_shock_is_listed_once_with_its_count() -> None:
    """Two shocks alike in every listed part are one entry with a count."""
    (scenario,) = [s for s in builtin_scenarios() if s.scenario_id == "japan-earthquake"]
    twice = scenario.with_changes(shocks=(*scenario.shocks, *scenario.shocks))
    assert scenario_list_table([twice]).iloc[0]["shocks"] == "country:JPN ×2"
    assert scenario_list_ja([twice]).iloc[0, 2] == "国へのショック（日本）×2"


def test_japanese_run_labels_and_descriptions_use_one_percent_sign() -> None:
    """`scenario run --lang ja` printed 「58%」 in its summary but 「（％）」 in its KPI rows and
    「約99％」 in the scenario's description: the catalogue's majority, the half-width %, in
    all of them."""
    kpi_rows = {k: v for k, v in catalogue("ja").items() if k.startswith("cli.kpi.")}
    assert not [k for k, v in kpi_rows.items() if "％" in v]
    assert not [s.scenario_id for s in builtin_scenarios() if "％" in s.description_ja]
