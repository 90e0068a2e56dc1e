"""With `--lang ja` a bad value given to any command (an unknown input, code or year out of
range) is its error line in Japanese, as a problem of a scenario file is; a problem only the
English says (`synergy QUAD CHIP4`'s shared countries) stays English, and without `--lang ja`
every line is as before."""

from __future__ import annotations

import pytest

from .conftest import Runner


@pytest.mark.parametrize(
    ("args", "start", "words"),
    [
        (
            ("trace", "N999"),
            "error: chipshock trace: INPUT：該当する投入物がありません（入力値：N999、",
            "候補：N99",
        ),
        (
            ("shares", "N999"),
            "error: chipshock shares: INPUT：該当する投入物がありません（",
            "一覧は `chipshock inputs`",
        ),
        (
            ("fabs", "--country", "XXX"),
            "error: chipshock fabs: --country：該当する国コードまたはグループがありません（",
            "入力値：XXX",
        ),
        (
            ("capacity", "--year", "2050"),
            "error: chipshock capacity: --year：範囲外の値です（入力値：2050、",
            "2022〜2040年",
        ),
        (
            ("fabs", "--status", "operatng"),
            "error: chipshock fabs: --status：該当するものがありません（",
            "候補：operating",
        ),
    ],
)
def test_a_bad_value_in_japanese(
    cli: Runner, args: tuple[str, ...], start: str, words: str
) -> None:
    """The line names the command and the option, says what is wrong in Japanese, with the
    value, the closest choice and what is expected."""
    code, out, err = cli(*args, "--lang", "ja")
    assert code == 2 and out == ""
    assert err.startswith(start), err
    assert words in err and "unknown" not in err and "expected" not in err


def test_english_alone_says_it_stays_english(cli: Runner) -> None:
    """A problem with no value, nothing expected and no Japanese words for it keeps its English
    text (a bare 「値が正しくありません」 would drop what the line says)."""
    code, _, err = cli("synergy", "QUAD", "CHIP4", "--lang", "ja")
    assert code == 2 and "QUAD and CHIP4 share USA, JPN" in err
    assert "値が正しくありません" not in err


def test_without_lang_the_line_is_english(cli: Runner) -> None:
    """The same bad input in English, as before."""
    code, _, err = cli("trace", "N999")
    assert code == 2 and err.startswith("error: chipshock trace: INPUT: unknown input (got 'N999'")
