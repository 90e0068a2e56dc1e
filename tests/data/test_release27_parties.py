"""Release 27: the partnerships' parties in Japanese (``parties_ja``), each party by its
Japanese official name or as Japanese news writes it."""

from __future__ import annotations

import re

import pandas as pd

from chipshock.data.release import DATA_RELEASE
from chipshock.data.store import default_paths


def _partnerships() -> pd.DataFrame:
    path = default_paths().curated / "partnerships.csv"
    return pd.read_csv(path, dtype=str).set_index("partnership_id")


def test_release() -> None:
    assert int(DATA_RELEASE) >= 27


def test_every_row_names_its_parties_in_japanese() -> None:
    """No row is blank, and no Japanese cell keeps the English names the audit saw."""
    table = _partnerships()
    assert table["parties_ja"].notna().all()
    english = re.compile(r"Rapidus|METI|AIST|RIKEN|University|Department|Toyota|Kioxia|;")
    assert [p for p, text in table["parties_ja"].items() if english.search(text)] == []


def test_one_japanese_party_for_each_english_one() -> None:
    """Outside parentheses, the parties separated by 、 are as many as the English ones by ;."""
    table = _partnerships()

    def top_level(text: str, separator: str) -> int:
        flat = re.sub(r"[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]", "", text)
        return len([p for p in flat.split(separator) if p.strip()])

    for pid, row in table.iterrows():
        assert top_level(row["parties_ja"], "、") == top_level(row["parties"], ";"), pid


def test_the_audited_rows_in_japanese_official_names() -> None:
    table = _partnerships()
    assert table.loc["rapidus-subsidy-fy2022", "parties_ja"] == "経済産業省・NEDO、ラピダス"
    lstc = table.loc["lstc-establishment", "parties_ja"]
    for name in (
        "経済産業省",
        "技術研究組合最先端半導体技術センター（LSTC）",
        "ラピダス",
        "産業技術総合研究所",
        "理化学研究所",
        "東京大学",
    ):
        assert name in lstc, name
