"""Japanese names of the deliverables' actors (alliance_deliverables.csv actor_ja) and of the
operators that texts name (operator_names.csv -> fabs.operator_name / operator_name_ja): the
shipped data, and the loader's refusals naming file, row, column, value and expected (review
16, finding 8; data release 22)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from chipshock.data.curated import load_curated, read_curated
from chipshock.data.store import default_paths, load_alliance
from chipshock.present.labels import countries_label, operator_names

from .conftest import edit

JAPANESE = r"[\u3040-\u30ff\u4e00-\u9fff]"


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).problems if p.severity == "error"]


def test_every_deliverable_has_its_actor_in_japanese() -> None:
    """Each actor has a Japanese rendering, not a copy of the English: 日米両政府 for the
    governments, 日本企業9社 for "nine Japanese companies"."""
    d = read_curated(default_paths().curated).deliverables.set_index("deliverable_id")
    assert d["actor_ja"].str.contains(JAPANESE).all() and (d["actor_ja"] != d["actor"]).all()
    assert (
        d.loc["semiconductor-cooperation", "actor"] == "Governments of the United States and Japan"
    )
    assert d.loc["semiconductor-cooperation", "actor_ja"] == "日米両政府"
    assert d.loc["university-ai-partnerships", "actor_ja"].endswith("、日本企業9社")
    assert d.loc["ibm-rapidus-2nm-context", "actor_ja"] == "IBM、ラピダス"


def test_every_named_operator_has_a_japanese_name(built_store: Path) -> None:
    """The operators the exemption note and the counted remainders name have display names in
    both languages, kept in the store's fabs table; every other operator is named as its fabs
    name it, in Japanese by fab_names_ja.csv's operator_ja (UMC（聯華電子）, not UMC), so that
    each of the registry's operators has a Japanese name that is not its English one."""
    fabs = load_alliance(built_store).fabs
    japanese, english = operator_names(fabs, "ja"), operator_names(fabs)
    listed = {
        "samsung": "サムスン電子",
        "intel": "インテル",
        "smic": "中芯国際集成電路製造（SMIC）",
        "tsmc": "台湾積体電路製造（TSMC）",
    }
    assert {k: japanese[k] for k in listed} == listed
    assert english["samsung"] == "Samsung" and english["umc"] == "UMC"
    assert japanese["umc"] == "UMC（聯華電子）"
    assert japanese["globalfoundries"] == "グローバルファウンドリーズ"
    assert set(japanese) == set(english) == set(fabs["operator_id"].astype(str))
    assert all(re.search(JAPANESE, name) for name in japanese.values())
    names = pd.read_csv(default_paths().curated / "operator_names.csv", dtype=str)
    assert names["source_url"].str.startswith("https://").all()


def test_a_blank_actor_ja_is_refused(curated_dir: Path) -> None:
    """A deliverable without its Japanese actor does not load: the error names the file, the
    row and the column."""
    edit(curated_dir / "alliance_deliverables.csv", ",Microsoft,マイクロソフト,", ",Microsoft,,")
    errors = _errors(curated_dir)
    assert any("alliance_deliverables.csv" in e and "actor_ja" in e for e in errors), errors


def test_an_english_actor_ja_is_refused(curated_dir: Path) -> None:
    edit(
        curated_dir / "alliance_deliverables.csv",
        ",Microsoft,マイクロソフト,",
        ",Microsoft,Microsoft,",
    )
    errors = [e for e in _errors(curated_dir) if "not Japanese" in e]
    assert len(errors) == 1 and "actor_ja" in errors[0] and "'Microsoft'" in errors[0]


def test_an_exempt_operator_without_a_name_is_refused(curated_dir: Path) -> None:
    """Removing SMIC's row: each node_requirements.csv row that exempts smic is an error naming
    the column, the id and the file to add it to; so is a counted remainder's operator."""
    path = curated_dir / "operator_names.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(r for r in rows if not r.startswith(("smic,", "tsmc,"))), "utf-8")
    errors = [e for e in _errors(curated_dir) if "an operator without a name" in e]
    smic = [e for e in errors if "'smic'" in e]
    assert len(smic) == 2 and all("except_operator_ids" in e for e in smic), errors
    assert all("operator_names.csv" in e for e in errors)
    assert any("remainder_operators.csv" in e and "'tsmc'" in e for e in errors), errors


def test_an_unknown_operator_is_refused(curated_dir: Path) -> None:
    with (curated_dir / "operator_names.csv").open("a", encoding="utf-8") as f:
        f.write("nosuch,Nosuch,ノーサッチ,,,low,\n")
    errors = [e for e in _errors(curated_dir) if "'nosuch'" in e]
    assert len(errors) == 1 and "unknown operator" in errors[0], errors


def test_country_cells_by_their_names() -> None:
    """A deliverable's country codes read as names, in the data's order (charts and tables)."""
    assert countries_label("USA; JPN; GBR", "ja") == "米国・日本・英国"
    assert countries_label("USA; JPN; GBR") == "United States, Japan, United Kingdom"
    assert countries_label("TWN", "ja") == "台湾" and countries_label("", "ja") == ""
