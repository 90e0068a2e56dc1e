"""`chipshock fabs --year` outside the model's years (2022–2040, those `chipshock capacity
--year` takes) says plainly that each fab's capacity then is the registry's figure, not the
model's (session 33: ``--year 2050`` was labelled "as the model holds it"), in English and in
Japanese; a year of the model keeps its caption."""

from __future__ import annotations

import pytest

from .conftest import Runner


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("year", ["2050", "2019"])
def test_a_year_outside_the_model_is_the_registrys_figure(cli: Runner, year: str) -> None:
    """The caption names the model's years and says whose figure it is, in both languages."""
    code, out, err = cli("fabs", "--year", year, "--country", "JPN")
    assert code == 0, err
    flat = _flat(out)
    assert _flat(f"the registry's figure, not the model's, since {year} is outside") in flat
    assert _flat("the model's years 2022–2040") in flat
    assert _flat("as the model holds it") not in flat
    code, out, err = cli("fabs", "--year", year, "--country", "JPN", "--lang", "ja")
    assert code == 0, err
    flat = _flat(out)
    assert f"{year}年はモデルの年（2022〜2040年、" in flat
    assert "モデルの値ではなく登録簿の値です。" in flat
    assert f"モデルが{year}年に持つ" not in flat


def test_a_year_of_the_model_keeps_its_caption(cli: Runner) -> None:
    """2027: capacity as the model holds it, with no word of the registry's figure."""
    code, out, err = cli("fabs", "--year", "2027", "--country", "JPN")
    assert code == 0, err
    assert _flat("as the model holds it") in _flat(out)
    assert _flat("not the model's") not in _flat(out)
