"""A bad value on the command line is an error naming the option, the value and the valid
choices (exit 2), never a silent empty table or a caption that repeats it."""

from __future__ import annotations

import pytest

from .conftest import Runner


@pytest.mark.parametrize(
    ("args", "field", "bad", "valid"),
    [
        (
            ["capacity", "--year", "2027", "--fabs-off", "nosuchfab"],
            "--fabs-off",
            "nosuchfab",
            "fab_id",
        ),
        (
            ["capacity", "--year", "2027", "--fabs-on", "nosuchfab"],
            "--fabs-on",
            "nosuchfab",
            "fab_id",
        ),
        (
            [
                "scenario",
                "run",
                "taiwan-blockade-2027-6m",
                "--runs",
                "2",
                "--fabs-off",
                "nosuchfab",
            ],
            "--fabs-off",
            "nosuchfab",
            "fab_id",
        ),
        # a known fab the model counts as zero (cancelled, no fab_capacity.csv row): switching
        # it changed nothing under "Switched on: intel-magdeburg" (review 4, finding 5)
        (
            ["capacity", "--year", "2027", "--fabs-on", "intel-magdeburg"],
            "--fabs-on",
            "intel-magdeburg",
            '[[fab_override]] fab = "intel-magdeburg" with capacity_wspm, start_year and '
            "ramp_years",
        ),
        (
            [
                "scenario",
                "run",
                "taiwan-blockade-2027-6m",
                "--runs",
                "2",
                "--fabs-on",
                "intel-magdeburg",
            ],
            "--fabs-on: this fab has no capacity in the model in 2026–2030",
            "intel-magdeburg",
            '[[fab_override]] fab = "intel-magdeburg" with capacity_wspm, start_year and '
            "ramp_years",
        ),
        # a fab that runs in the baseline: switching it on changed nothing either
        (
            ["capacity", "--year", "2027", "--fabs-on", "tsmc-arizona-p1"],
            "--fabs-on: this fab already runs in the model in 2027 (lt10 20,000 wspm",
            "tsmc-arizona-p1",
            "a fab the model does not count",
        ),
        (
            [
                "scenario",
                "run",
                "taiwan-blockade-2027-6m",
                "--runs",
                "2",
                "--fabs-on",
                "jasm-kumamoto-fab1",
            ],
            "--fabs-on: this fab already runs in the model in 2026–2030",
            "jasm-kumamoto-fab1",
            "give it a [[fab_override]]",
        ),
        (["fabs", "--country", "XXX"], "--country", "XXX", "JPN"),
        (["partnerships", "--country", "XXX"], "--country", "XXX", "JPN"),
        (["deliverables", "--country", "XXX"], "--country", "XXX", "JPN"),
        (["deliverables", "--sector", "chips"], "--sector", "chips", "semiconductors"),
        (["deliverables", "--kind", "nosuchkind"], "--kind", "nosuchkind", "investment"),
        (["capacity", "--year", "2101"], "--year", "2101", "2022–2040"),
        (["capacity", "--year", "1999"], "--year", "1999", "2022–2040"),
        (["fabs", "--capacity-in", "1900"], "--capacity-in", "1900", "2022–2040"),
        (["fabs", "--year", "1900"], "--year", "1900", "1950–2100"),
    ],
)
def test_unknown_value_is_an_error_naming_field_value_and_choices(
    cli: Runner, args: list[str], field: str, bad: str, valid: str
) -> None:
    """Unknown fab ids, country codes, sectors, kinds and years exit 2 with one clear line."""
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""
    assert field in err and repr(bad) in err and valid in err


def test_known_values_still_filter(cli: Runner) -> None:
    """A group code and a sector in another case are accepted and select rows."""
    code, out, _ = cli("fabs", "--country", "jpn", "--format", "csv")
    assert code == 0 and out.count("\n") > 2
    code, out, _ = cli("deliverables", "--sector", "ai", "--format", "csv")
    assert code == 0 and out.count("\n") > 1


def test_year_outside_the_data_warns_that_capacity_is_held_flat(cli: Runner) -> None:
    """2035 is after global_capacity.csv's last year (2032) but one of the model's years: a
    warning on stderr, the table still printed."""
    code, out, err = cli("capacity", "--year", "2035", "--format", "csv")
    assert code == 0 and out.startswith("year,")
    assert "2035" in err and "held flat" in err
    code, _, err = cli("capacity", "--year", "2027", "--format", "csv")
    assert code == 0 and "held flat" not in err


@pytest.mark.parametrize("option", ["--fabs-off", "--fabs-on"])
def test_scenario_show_checks_fab_ids_against_the_packaged_registry(
    cli: Runner, option: str
) -> None:
    """`scenario show` has no store, yet an unknown fab id is an error (exit 2) naming the
    option, the value and the choices; a known one (from fabs.csv) is still accepted."""
    code, out, err = cli(
        "scenario", "show", "taiwan-blockade-2027-6m", option, "rapidus-iim9", db=False
    )
    assert code == 2 and out == ""
    assert option in err and "'rapidus-iim9'" in err and "fab_id" in err
    assert "rapidus-iim1" in err  # the close match among the choices
    code, out, _ = cli(
        "scenario", "show", "taiwan-blockade-2027-6m", option, "rapidus-iim1", db=False
    )
    assert code == 0 and "rapidus-iim1" in out


def test_sensitivity_of_weeks_to_recover_says_how_many_runs_are_censored(
    cli: Runner, tmp_path: object
) -> None:
    """`scenario sensitivity --kpi weeks_to_recover` on a blockade of 60 weeks in a one-year
    horizon (2027): every run is still short at the end of 2027, so each reads 52 weeks. The
    reading printed above the tornado, and the JSON's meta, say so and that the ranking is not
    informative; the --method sobol JSON meta carries the same counts."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "short.toml"
    path.write_text(
        '[scenario]\nid = "short"\ntitle = "short"\nstart_year = 2027\nend_year = 2027\n'
        'runs = 2\nseed = 1\n\n[[shock]]\nkind = "country"\ntargets = ["TWN"]\n'
        'start = "2027-01"\nduration_weeks = 60\n',
        encoding="utf-8",
    )
    args = ["scenario", "sensitivity", str(path), "--kpi", "weeks_to_recover"]
    code, out, err = cli(*args, "--factor", "utilisation")
    assert code == 0, err
    flat = " ".join(out.split())
    assert "in 6 of the 6 simulated futures" in flat and "the ranking is not informative" in flat
    assert "≥\u00a052 → ≥\u00a052" in out  # the medians at low and high are censored
    assert "base (the scenario as it is) ≥ 52 weeks" in flat
    code, out, err = cli(*args, "--factor", "utilisation", "--format", "json")
    assert code == 0, err
    import json

    meta = json.loads(out)
    assert meta["censoring"]["censored"] == meta["censoring"]["evaluated"] == 6
    assert meta["censoring_note"].startswith("Weeks until output recovers is censored")
    sobol = ["--method", "sobol", "--samples", "4", "--factor", "complementarity"]
    code, out, err = cli(*args, "--factor", "utilisation", *sobol, "--format", "json")
    assert code == 0, err
    meta = json.loads(out)
    assert meta["censoring"]["censored"] == meta["censoring"]["evaluated"] == 20
    assert "the ranking is not informative" in meta["reading"]


@pytest.mark.parametrize("command", ["shares", "trace"])
@pytest.mark.parametrize(
    ("bad", "suggested"),
    [
        ("N999", "N99 Finished logic chip?"),
        ("xyzzy", None),
        ("gallum", "gallium (Gallium)?"),
        ("galium", "gallium (Gallium)?"),  # uxr2 finding 5
    ],
)
def test_an_unknown_input_says_what_is_valid_and_where_it_is_listed(
    cli: Runner, command: str, bad: str, suggested: str | None
) -> None:
    """`shares N999` suggested look-alike ids only, and `shares xyzzy` nothing at all: the error
    now names the argument and the value, the kinds of valid input (126 ETO inputs, N0 to N138,
    and the raw materials by id), the commands that list them, and a close one if any."""
    code, out, err = cli(command, bad)
    assert code == 2 and out == ""
    line = " ".join(err.split())
    assert f"INPUT: unknown input (got {bad!r}; expected an ETO input by id or name" in line
    assert (
        "126 in the ETO Chip Explorer dataset, Aug 2026 update, ids N0 to N138; "
        "`chipshock inputs` lists them all" in line
    )
    assert "(gallium, germanium, neon," in line and "advanced_packaging;" in line
    assert "`chipshock chokepoints --materials` lists them" in line
    if suggested is None:
        assert "did you mean" not in line
    else:
        assert suggested in line.split("did you mean", 1)[1]


def test_an_unknown_input_of_the_2022_release_points_to_that_release(cli: Runner) -> None:
    """With --release v2022 the error counts that release's inputs and lists them with it."""
    code, _, err = cli("shares", "--release", "v2022", "N999")
    line = " ".join(err.split())
    assert code == 2
    assert "79 in the ETO Chip Explorer dataset, 2022 release, ids N1 to N100" in line
    assert "`chipshock inputs --release v2022` lists them all" in line
