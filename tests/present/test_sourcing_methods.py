"""A sourcing table's method in words (`chipshock.present.sourcing_methods`): the engine gives the
kind and the row's share, the catalogue the words, in English as the engine used to write them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from chipshock.present.sourcing_methods import method_text, with_method_text
from chipshock.sim.network.sourcing_view import METHOD_KINDS

NAN = float("nan")
WEB_I18N = Path(__file__).parents[2] / "src" / "chipshock" / "web" / "static" / "i18n"


@pytest.mark.parametrize(
    ("kind", "share", "english"),
    [
        ("market_rows", NAN, "sourcing_shares.csv: automotive rows, the rest by capacity"),
        ("all_rows", 35.5, "sourcing_shares.csv: all rows, the rest by capacity"),
        ("rest", NAN, "the rest, by capacity"),
        ("capacity", NAN, "by capacity"),
        (
            "unplaced",
            2.0,
            "sourcing_shares.csv gives 2 %; no fab with capacity in 2027: the share goes to "
            "the class's other fabs by capacity",
        ),
    ],
)
def test_each_kind_reads_as_the_engine_wrote_it(kind: str, share: float, english: str) -> None:
    """Every method kind has its English words, the ones the engine's ``method`` text had."""
    assert method_text(kind, "automotive", 2027, share, "en") == english


def test_japanese_names_the_market_and_writes_the_share_without_a_space() -> None:
    """In Japanese the market's own rows are named by the market's name, a share reads 35.5%."""
    assert method_text("market_rows", "automotive", 2027, NAN, "ja").startswith(
        "sourcing_shares.csv の自動車"
    )
    unplaced = method_text("unplaced", "dram", 2024, 35.5000000000001, "ja")
    assert "35.5%" in unplaced and "2024年" in unplaced


def test_the_dashboard_words_the_same_kinds() -> None:
    """The web catalogue has a src_method_ key for every kind, in en and ja, and its English
    words are the catalogue's (with the same fields filled)."""
    for lang in ("en", "ja"):
        web = json.loads((WEB_I18N / f"{lang}.json").read_text(encoding="utf-8"))
        for kind in METHOD_KINDS:
            assert f"src_method_{kind}" in web, (lang, kind)
    web_en = json.loads((WEB_I18N / "en.json").read_text(encoding="utf-8"))
    filled = web_en["src_method_unplaced"].replace("{share}", "2").replace("{year}", "2027")
    assert filled == method_text("unplaced", "x", 2027, 2.0, "en")


def test_with_method_text_puts_the_words_where_the_engine_had_them() -> None:
    """``method`` and ``method_ja`` follow ``served_kwspm``; the kind and the share stay."""
    table = pd.DataFrame(
        {
            "year": [2027, 2027],
            "market": ["automotive", "automotive"],
            "served_kwspm": [1.0, 2.0],
            "method_kind": ["rest", "unplaced"],
            "row_share_pct": [NAN, 2.0],
        }
    )
    out = with_method_text(table)
    assert list(out.columns) == [
        "year",
        "market",
        "served_kwspm",
        "method",
        "method_ja",
        "method_kind",
        "row_share_pct",
    ]
    assert out["method"].tolist()[0] == "the rest, by capacity"
    assert out["method_ja"].tolist()[1].startswith("sourcing_shares.csv の割当は2%")
