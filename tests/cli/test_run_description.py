"""`scenario run` prints the scenario's description (what the model captures and leaves out)
under its summary, as the report and the dashboard do, in English and Japanese (session 31's
audit, finding 2: the gallium run's terminal answer never said that GaAs and GaN devices are
not a class of their own, which its description does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.scenarios import load_scenario


def _words(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return "".join(out.split())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_scenario_run_prints_the_description(
    built_store: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """The baseline, 3 runs: its description in the run's language, whole (spaces and line
    breaks aside), after the summary paragraph."""
    scenario = load_scenario("baseline")
    text = scenario.description_ja if lang == "ja" else scenario.description
    out = _words(
        capsys,
        "scenario",
        "run",
        "baseline",
        "--runs",
        "3",
        "--lang",
        lang,
        "--db",
        str(built_store),
    )
    assert "".join(text.split()) in out
    first = "これらは公開データ" if lang == "ja" else "Thesearemodelestimates"
    assert out.index(first) < out.index("".join(text.split())[:30])
