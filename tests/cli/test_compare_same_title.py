"""`scenario compare` of two scenarios with the same title names each side by its file name
(or, without one, its id) in both languages, not "(first)" and "(second)"."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from chipshock.present.summary_figures import side_labels

from .conftest import Runner


def _copies(cli: Runner, folder: Path) -> tuple[Path, Path]:
    """Two files of one built-in scenario: the same id and title, different file names."""
    code, text, _ = cli("scenario", "show", "taiwan-blockade-2027-6m", db=False)
    assert code == 0
    mine, theirs = folder / "mine.toml", folder / "theirs.toml"
    mine.write_text(text, encoding="utf-8")
    theirs.write_text(text, encoding="utf-8")
    return mine, theirs


def test_same_titled_files_are_labelled_by_file_name(cli: Runner, tmp_path: Path) -> None:
    """JSON labels, headline and the Japanese terminal heading name mine.toml and theirs.toml."""
    mine, theirs = _copies(cli, tmp_path)
    args = ("scenario", "compare", str(mine), str(theirs), "--runs", "2")
    code, out, err = cli(*args, "-f", "json")
    assert code == 0, err
    meta = json.loads(out)
    assert meta["labels"]["en"] == [
        "Taiwan blockade, 2027, six months (mine.toml)",
        "Taiwan blockade, 2027, six months (theirs.toml)",
    ]
    assert meta["labels"]["ja"] == [
        "台湾封鎖（2027年・6か月）（mine.toml）",
        "台湾封鎖（2027年・6か月）（theirs.toml）",
    ]
    assert "(first)" not in out and "（1）" not in out
    code, table, _ = cli(*args, "--lang", "ja")
    flat = "".join(table.split())
    assert code == 0 and "（mine.toml）" in flat and "（1）" not in flat


def test_side_labels_fall_back_to_ids_then_to_first_and_second() -> None:
    """Without names, equal titles are told apart by the scenario ids; equal ids too: first and
    second."""

    def side(scenario_id: str) -> SimpleNamespace:
        scenario = SimpleNamespace(scenario_id=scenario_id, title="Same", title_ja="同じ")
        return SimpleNamespace(scenario=scenario)

    cmp = SimpleNamespace(a=side("plan-a"), b=side("plan-b"))
    assert side_labels(cmp) == ("Same (plan-a)", "Same (plan-b)")
    assert side_labels(cmp, "ja") == ("同じ（plan-a）", "同じ（plan-b）")
    twins = SimpleNamespace(a=side("plan"), b=side("plan"))
    assert side_labels(twins) == ("Same (first)", "Same (second)")
