"""Error lines print their text as written: brackets in a message ("[low, high]",
"[[shock]]") are not terminal markup to be swallowed, and a fab without capacity is said once,
with the fabs a shock can hit."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner

SCENARIO = (
    '[scenario]\nid = "p"\nruns = 4\n[[shock]]\nkind = "{kind}"\ntargets = ["{target}"]\n'
    'start = "2027-01"\nduration_weeks = 26\n'
    'severity = {{ dist = "triangular", low = 0.9, mode = {mode}, high = 1.0 }}\n'
)


def _run(cli: Runner, tmp_path: Path, **fields: object) -> tuple[int, str]:
    path = tmp_path / "s.toml"
    path.write_text(SCENARIO.format(**fields), encoding="utf-8")
    code, _, err = cli("scenario", "run", str(path))
    return code, " ".join(err.split())


def test_brackets_in_a_message_are_printed(cli: Runner, tmp_path: Path) -> None:
    code, err = _run(cli, tmp_path, kind="country", target="TWN", mode=0.5)
    assert code == 2
    assert "mode outside [low, high] (got '0.5'; expected 0.9 ≤ mode ≤ 1)" in err


def test_a_fab_without_capacity_is_explained_once(cli: Runner, tmp_path: Path) -> None:
    code, err = _run(cli, tmp_path, kind="fab", target="kioxia-kitakami-k2", mode=0.95)
    assert code == 2
    assert err.count("no capacity in the model") == 1 and "kioxia-kitakami-k2" in err
    assert "expected a fab with capacity, e.g. " in err and "more)" in err


def test_problems_found_when_the_scenario_runs_name_its_file(cli: Runner, tmp_path: Path) -> None:
    """An unknown fab (found when the scenario is compiled) and an unknown [parameters] name
    (found when its draws are made) name the file, as the parser's problems do."""
    code, err = _run(cli, tmp_path, kind="fab", target="tsmc-fab99-nowhere", mode=0.95)
    assert code == 2 and f"{tmp_path / 's.toml'}, shock[0].targets: unknown fab" in err
    path = tmp_path / "s.toml"
    path.write_text(
        SCENARIO.format(kind="country", target="TWN", mode=0.95)
        + "[parameters]\ncustomer_inventory_weeks.automobile = 3\n",
        encoding="utf-8",
    )
    code, _, err = cli("scenario", "run", str(path))
    flat = " ".join(err.split())
    assert code == 2 and f"{path}, parameters.customer_inventory_weeks.automobile" in flat
