"""`chipshock fabs` with a filter that names nothing: an error naming the option, the value,
what is valid and the close choices (exit 2, no table); filters that are each valid but match
no fab together: a sentence with each filter's count alone (json and csv: no rows, as before)."""

from __future__ import annotations

import json

import pytest
from tests.cli.conftest import Runner

from chipshock.present.input_errors import unknown_choice, unknown_operator


@pytest.mark.parametrize(
    ("args", "field", "value", "close"),
    [
        (("--operator", "zzzz"), "--operator", "zzzz", None),
        (("--operator", "tmsc"), "--operator", "tmsc", "did you mean TSMC"),
        (("--status", "operatng"), "--status", "operatng", "did you mean operating?"),
        (("--node", "lt11"), "--node", "lt11", "did you mean lt10?"),
        (("--segment", "logik"), "--segment", "logik", "did you mean logic?"),
    ],
)
def test_a_filter_that_names_nothing_is_an_error(
    cli: Runner, args: tuple[str, ...], field: str, value: str, close: str | None
) -> None:
    """Exit 2, nothing on stdout; the error names the option, the value, what is expected and,
    where one is close, the choice meant (review of session 25: `--operator zzzz` printed an
    empty table)."""
    code, out, err = cli("fabs", *args)
    text = " ".join(err.split())
    assert code == 2 and out == ""
    assert f"chipshock fabs: {field}: " in text and f"(got '{value}'; expected " in text
    if field == "--operator":
        assert "part of an operator's name, any case" in text
        assert "`chipshock fabs --totals operator` lists them" in text
    else:
        assert "one of " in text
    assert (close in text) if close else ("did you mean" not in text)


def test_every_close_operator_is_a_filter_that_matches(cli: Runner) -> None:
    """Each operator the error suggests, given as --operator, lists fabs."""
    _, _, err = cli("fabs", "--operator", "samsng")
    close = " ".join(err.split()).split("did you mean ")[1].rstrip("?)").split(", ")
    assert "Samsung" in close
    for name in close:
        code, out, _ = cli("fabs", "--operator", name, "--format", "json")
        assert code == 0 and json.loads(out), name


def test_valid_filters_that_match_nothing_together_say_so(cli: Runner) -> None:
    """--country JPN and --operator Intel each list fabs, together none: one sentence gives
    each filter's count alone (the counts of the filters given one by one), exit 0; json has
    no rows."""
    alone = {
        flag: len(json.loads(cli("fabs", flag, value, "--format", "json")[1]))
        for flag, value in (("--country", "JPN"), ("--operator", "Intel"))
    }
    assert min(alone.values()) > 1
    code, out, err = cli("fabs", "--country", "JPN", "--operator", "Intel")
    assert code == 0 and err == ""
    assert " ".join(out.split()) == (
        "No fab matches all of these filters together: "
        f"--country JPN ({alone['--country']} fabs alone); "
        f"--operator Intel ({alone['--operator']} fabs alone)."
    )
    code, out, _ = cli("fabs", "--country", "JPN", "--operator", "Intel", "--format", "json")
    assert code == 0 and json.loads(out) == []
    _, ja, _ = cli("fabs", "--country", "JPN", "--operator", "Intel", "--lang", "ja")
    assert "".join(ja.split()) == (
        "これらの条件をすべて満たす工場はありません：--countryJPN（単独では"
        f"{alone['--country']}件）、--operatorIntel（単独では{alone['--operator']}件）。"
    )


def test_one_valid_filter_that_matches_nothing_says_so(cli: Runner) -> None:
    """A marketed node below every fab's: the sentence names the filter, exit 0."""
    code, out, _ = cli("fabs", "--max-node-nm", "0.5")
    assert code == 0 and out.strip() == "No fab in the registry matches --max-node-nm 0.5."


def test_close_choices_on_tiny_lists() -> None:
    """The suggestions come from the names and the words of names, in the data's spelling."""
    import pandas as pd

    ops = pd.Series(["Taiwan Semiconductor (TSMC)", "Intel", None])
    expected = unknown_operator("tmsc", ops).problem.expected or ""
    assert expected.endswith("(2 operators; `chipshock fabs --totals operator` lists them); "
                             "did you mean TSMC?")  # fmt: skip
    assert "did you mean" not in (unknown_operator("qqqq", ops).problem.expected or "")
    assert unknown_choice("closd", ["operating", "closed"], "--status").problem.expected == (
        "one of operating, closed; did you mean closed?"
    )
