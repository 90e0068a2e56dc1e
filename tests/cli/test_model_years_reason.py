"""`chipshock capacity --year 2050` refuses a year that `chipshock fabs --year 2050` answers
with the registry's figure: both now say the same rule, in English and Japanese. The error
names the model's years and why they are those (the first year of global_capacity.csv, the last
a scenario's horizon may reach) and, for capacity, where the registry's figure is; the fabs
caption gives the same reason."""

from __future__ import annotations

import pytest

from .conftest import Runner


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    "args", [("capacity", "--year", "2050"), ("fabs", "--capacity-in", "2050")]
)
def test_a_capacity_year_outside_the_model_says_why_and_where_to_look(
    cli: Runner, args: tuple[str, ...]
) -> None:
    """One line: the range, its reason and the command that shows the registry's 2050."""
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "expected a year 2022–2040" in err
    assert "from 2022, the first year of the regional capacity data (global_capacity.csv)" in err
    assert "to 2040, the last year a scenario's horizon may reach" in err
    assert err.rstrip().endswith("chipshock fabs --year 2050.")


def test_the_same_in_japanese(cli: Runner) -> None:
    """The Japanese line gives the same reason and the same command."""
    code, out, err = cli("capacity", "--year", "2050", "--lang", "ja")
    assert code == 2 and out == ""
    assert "global_capacity.csv）の最初の年である2022年から" in err
    assert "シナリオの期間が届く最後の年である2040年までです。" in err
    assert "chipshock fabs --year 2050 で表示できます。" in err
    assert "expected" not in err


def test_a_year_of_no_registry_gets_the_reason_alone(cli: Runner) -> None:
    """`markets` has no registry figure, and 20277 is no registry year: no pointer to fabs."""
    for args in (("markets", "--year", "2050"), ("capacity", "--year", "20277")):
        code, _, err = cli(*args)
        assert code == 2 and "the last year a scenario's horizon may reach." in err
        assert "chipshock fabs --year" not in err


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_fabs_outside_the_model_gives_the_same_reason(cli: Runner, lang: str) -> None:
    """`fabs --year 2050` answers, and its caption names why 2022–2040 are the model's years."""
    code, out, err = cli("fabs", "--year", "2050", "--country", "JPN", "--lang", lang)
    assert code == 0, err
    if lang == "en":
        said = (
            "(2022: the first year of the regional capacity data, global_capacity.csv; 2040: "
            "the last year a scenario's horizon may reach)"
        )
    else:
        said = (
            "2022年は地域別の生産能力データ global_capacity.csv の最初の年、"
            "2040年はシナリオの期間が届く最後の年"
        )
    assert _flat(said) in _flat(out)


def test_the_help_of_both_commands_names_the_rule(cli: Runner) -> None:
    """`capacity --year` says which years it takes and where another year's figure is;
    `fabs --year` says what it shows for a year outside them."""
    code, out, _ = cli("capacity", "--help", db=False)
    assert code == 0
    flat = _flat(out.replace("│", ""))
    assert _flat("one of the model's 2022–2040 (from the first year of global_capacity.csv") in flat
    assert _flat("figure for another year: chipshock fabs --year") in flat
    code, out, _ = cli("fabs", "--help", db=False)
    assert code == 0
    flat = _flat(out.replace("│", ""))
    assert (
        _flat("A year outside the model's 2022–2040 (those of chipshock capacity --year)") in flat
    )
