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


def test_a_fab_shock_before_the_fab_runs_is_refused(cli: Runner, tmp_path: Path) -> None:
    """TSMC Arizona phase 3 has capacity from 2029 only (fab_capacity.csv): a shock on it in
    2027 of a scenario over 2026-2030 would hit nothing, so it is refused, naming the years it
    runs and the years the shock can reach (26 weeks from week 1: 2027 only). Review 5,
    finding 4."""
    code, err = _run(cli, tmp_path, kind="fab", target="tsmc-arizona-p3", mode=0.95)
    assert code == 2
    assert (
        "shock[0].targets: this fab has no capacity in the model while the shock can last (it "
        "runs in 2029–2030; the shock reaches 2027), so a shock on it hits nothing "
        "(got 'tsmc-arizona-p3'" in err
    )


def test_a_fab_shock_after_the_fab_closed_is_refused(cli: Runner, tmp_path: Path) -> None:
    """PSMC Tongluo's fab_capacity.csv closes it (0) from 2026: a 2027 shock on it is refused;
    the same shock on a running fab (JASM Fab 1) runs."""
    code, err = _run(cli, tmp_path, kind="fab", target="psmc-tongluo", mode=0.95)
    assert code == 2 and "(it runs in no year of the horizon 2026–2030;" in err
    code, err = _run(cli, tmp_path, kind="fab", target="jasm-kumamoto-fab1", mode=0.95)
    assert code == 0, err
