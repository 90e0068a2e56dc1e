"""A market demand row's basis in words (`chipshock.present.demand_basis`): the engine gives the
basis and its terms, the catalogue the words, in English and Japanese as the engine wrote them."""

from __future__ import annotations

import pytest

from chipshock.present.demand_basis import basis_text, with_basis_text
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import DEMAND_BASES, market_demand_rows

NAN = float("nan")


@pytest.mark.parametrize(
    ("basis", "year", "year_to", "rate", "level", "english", "japanese"),
    [
        ("path_row", 2025, None, NAN, NAN, "path row 2025", "推移表の2025年の行"),
        (
            "between_path_rows",
            2026,
            2030,
            NAN,
            NAN,
            "between path rows 2026 and 2030",
            "推移表の2026年と2030年の行の間",
        ),
        (
            "after_path_rows",
            2030,
            None,
            15.0,
            NAN,
            "path row 2030 + 15 %/yr",
            "推移表の2030年の行から年15%増",
        ),
        ("growth", 2024, None, 8.0, 75.0, "75 bn in 2024 + 8 %/yr", "2024年の750億ドルから年8%増"),
    ],
)
def test_each_basis_in_both_languages(
    basis: str,
    year: int,
    year_to: int | None,
    rate: float,
    level: float,
    english: str,
    japanese: str,
) -> None:
    """Every basis of `DEMAND_BASES` reads as before, in English and in Japanese."""
    assert basis in DEMAND_BASES
    assert basis_text(basis, year, year_to, rate, level, "en") == english
    assert basis_text(basis, year, year_to, rate, level, "ja") == japanese


def test_the_tiny_chain_s_rows_get_their_words_after_the_basis() -> None:
    """The engine's rows carry no words; the presentation adds both texts after ``basis``."""
    rows = market_demand_rows(ModelData.tiny(), [2024])
    assert "basis_text" not in rows and "basis_text_ja" not in rows
    out = with_basis_text(rows)
    at = list(out.columns).index("basis")
    assert list(out.columns)[at + 1 : at + 3] == ["basis_text", "basis_text_ja"]
    assert out["basis_text"].tolist() == ["50 bn in 2024 + 0 %/yr"] * 2
    assert out["basis_text_ja"].tolist() == ["2024年の500億ドルから年0%増"] * 2
