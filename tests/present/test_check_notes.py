"""A check of a scenario not run is worded from its message key in English and Japanese, never
by reading the English sentence (`chipshock.present.check_notes`)."""

from __future__ import annotations

import pytest

from chipshock.cli.scenario_validate_ja import check_text_ja
from chipshock.present.check_notes import skipped_check_text
from chipshock.present.messages import message
from chipshock.scenarios.parser import parse_partial
from chipshock.sim.data import ModelData
from chipshock.sim.run import checks
from chipshock.sim.run.checks import SKIPPED_LINES, ScenarioCheck, SkippedCheck, check_partial

#: a shock of unknown kind (its data checks cannot run) and a sourcing row (fine)
FILE = """
[scenario]
id = "bad-kind"
start_year = 2026
end_year = 2027

[[shock]]
kind = "contry"
targets = ["TWN"]
start = "2026-03"
"""


def _checked() -> ScenarioCheck:
    return check_partial(parse_partial(FILE, "bad-kind.toml"), ModelData.tiny())


def test_every_kind_of_line_has_its_english_in_the_catalogue_and_a_japanese() -> None:
    """The English `SKIPPED_LINES` gives is the catalogue's, and each key has its Japanese."""
    for key, english in SKIPPED_LINES.items():
        assert message(key, "en") == english
        assert message(key, "ja") != english


def test_a_skipped_shock_reads_in_both_languages() -> None:
    """A shock of unknown kind: one line, the same English as before, and its Japanese."""
    found = _checked()
    assert found.skipped == (SkippedCheck("cli.validate_skipped", "shock[0]", ("shock[0].kind",)),)
    assert found.not_checked == (
        "shock[0]: not checked against the data, it depends on shock[0].kind (see above)",
    )
    assert skipped_check_text(found.skipped[0], "en") == found.not_checked[0]
    assert skipped_check_text(found.skipped[0], "ja") == (
        "shock[0]：shock[0].kindに問題があるため、データとの照合は行っていません（上記参照）"
    )
    assert check_text_ja(found).splitlines()[-1] == (
        "（未検査）shock[0]：shock[0].kindに問題があるため、データとの照合は行っていません"
        "（上記参照）"
    )


def test_the_stopped_line_and_a_named_scenario_in_both_languages() -> None:
    """The line that says the checks stopped, and a line of one of several scenarios."""
    stopped = SkippedCheck("cli.validate_stopped", scenario="b.toml")
    assert str(stopped) == (
        "b.toml, the data checks after this problem were not run: fix it and check again"
    )
    assert skipped_check_text(stopped, "en") == str(stopped)
    assert skipped_check_text(stopped, "ja") == (
        "b.toml、この問題より後のデータの検査は行っていません。修正してから、もう一度検査してください"
    )
    two = SkippedCheck("cli.validate_skipped", "sourcing[0]", ("scenario.end_year", "groups.X"))
    assert skipped_check_text(two, "ja").startswith("sourcing[0]：scenario.end_year、groups.Xに")
    assert _checked().within("a.toml").not_checked[0].startswith("a.toml, shock[0]: not checked")


def test_new_english_wording_keeps_the_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The English of a line reworded (here in `SKIPPED_LINES`), the Japanese is still said:
    it comes from the key, not from matching the English."""
    monkeypatch.setitem(
        SKIPPED_LINES, "cli.validate_skipped", "{what} was skipped: it needs {fields}"
    )
    found = _checked()
    assert found.not_checked == ("shock[0] was skipped: it needs shock[0].kind",)
    assert checks.SKIPPED_LINES is SKIPPED_LINES
    assert check_text_ja(found).splitlines()[-1].startswith("（未検査）shock[0]：shock[0].kind")
