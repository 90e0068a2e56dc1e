"""Status ``on-hold`` (spelt ``on_hold`` until data release 7): a fab whose construction is paused
with no new schedule. It is listed but counts no capacity; the loader checks that both ways, and
``chipshock fabs --year`` leaves it out like a cancelled fab. The old spelling is refused with an
error that names the new one."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.data.curated import load_curated, read_curated
from chipshock.data.store import default_paths
from chipshock.errors import ValidationFailed
from chipshock.model.registry_schema import FAB_STATUSES

from .conftest import edit

CROLLES = "st-gf-crolles-new"
CROLLES_ROW = (
    f"{CROLLES},n10_22,2027,51700,P1,press,https://evertiq.com/news/52135,2025-01,medium,x\n"
)
ON_HOLD = {"intel-fab38-israel", CROLLES}


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


def _line_of(path: Path, prefix: str) -> int:
    """1-based line number of the first line of ``path`` starting with ``prefix``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(prefix))


def _assert_status_error(folder: Path, *parts: str) -> None:
    """Some error names Crolles' fabs.csv row, its status column and every one of ``parts``."""
    fabs_row = _line_of(folder / "fabs.csv", f"{CROLLES},")
    msgs = _errors(folder)
    assert any(
        "fabs.csv" in m
        and f"row {fabs_row}" in m
        and "column 'status'" in m
        and all(p in m for p in parts)
        for m in msgs
    ), msgs


def test_on_hold_is_a_status_and_the_paused_fabs_count_no_capacity() -> None:
    """Intel Fab 38 and the ST-GF Crolles fab are on-hold and have no capacity row."""
    assert "on-hold" in FAB_STATUSES
    data = read_curated(default_paths().curated)
    status = data.fabs.set_index("fab_id")["status"]
    assert {f for f, s in status.items() if s == "on-hold"} == ON_HOLD
    assert not set(data.fab_capacity["fab_id"]) & ON_HOLD


def test_on_hold_fab_with_capacity(curated_dir: Path) -> None:
    """A capacity row above 0 for an on-hold fab is an error at that fab_capacity.csv cell."""
    path = curated_dir / "fab_capacity.csv"
    path.write_text(path.read_text(encoding="utf-8") + CROLLES_ROW, encoding="utf-8")
    row = len(path.read_text(encoding="utf-8").splitlines())
    fabs_row = _line_of(curated_dir / "fabs.csv", f"{CROLLES},")
    msgs = _errors(curated_dir)
    assert any(
        "fab_capacity.csv" in m
        and f"row {row}" in m
        and "column 'capacity_wspm'" in m
        and f"{CROLLES} is on-hold (fabs.csv row {fabs_row})" in m
        and "'51700 in 2027'" in m
        and "no fab_capacity.csv row above 0 for an on-hold fab" in m
        for m in msgs
    ), msgs
    with pytest.raises(ValidationFailed):
        read_curated(curated_dir)


def test_on_hold_fab_with_a_zero_row_is_accepted(curated_dir: Path) -> None:
    """A 0 row (no capacity counted) is consistent with on-hold."""
    path = curated_dir / "fab_capacity.csv"
    zero = CROLLES_ROW.replace(",51700,", ",0,")
    path.write_text(path.read_text(encoding="utf-8") + zero, encoding="utf-8")
    assert not [m for m in _errors(curated_dir) if CROLLES in m]


def test_never_producing_fab_with_a_producing_status(curated_dir: Path) -> None:
    """A fab whose every capacity row is 0 but whose status is 'announced' is an error at its
    status cell: it is on-hold or cancelled."""
    path = curated_dir / "fab_capacity.csv"
    zero = CROLLES_ROW.replace(",51700,", ",0,")
    path.write_text(path.read_text(encoding="utf-8") + zero, encoding="utf-8")
    edit(curated_dir / "fabs.csv", ",51700,on-hold,", ",51700,announced,")
    _assert_status_error(
        curated_dir,
        "'announced'",
        "0 in every fab_capacity.csv row",
        "on-hold (construction paused, no capacity counted) or cancelled",
    )


def test_old_on_hold_spelling_names_the_new_one(curated_dir: Path) -> None:
    """'on_hold', the spelling of data release 6, is refused at its cell, and the error names
    the new spelling 'on-hold'."""
    edit(curated_dir / "fabs.csv", ",51700,on-hold,", ",51700,on_hold,")
    _assert_status_error(curated_dir, "(got 'on_hold'; expected on-hold")
    with pytest.raises(ValidationFailed):
        read_curated(curated_dir)


def test_misspelt_on_hold_status(curated_dir: Path) -> None:
    """'on hold' (a space) is not in the vocabulary: the error names the cell and the choices."""
    edit(curated_dir / "fabs.csv", ",51700,on-hold,", ",51700,on hold,")
    _assert_status_error(curated_dir, "'on hold'", "on-hold")


def test_cli_on_hold_fab_with_capacity_exits_2_and_keeps_the_store(
    curated_dir: Path, tmp_path: Path, built_store: Path
) -> None:
    """`data build` over an on-hold fab with capacity exits 2, store untouched."""
    db = tmp_path / "s.duckdb"
    db.write_bytes(built_store.read_bytes())
    before = db.read_bytes()
    path = curated_dir / "fab_capacity.csv"
    path.write_text(path.read_text(encoding="utf-8") + CROLLES_ROW, encoding="utf-8")
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before


def test_fabs_lists_on_hold_by_status_and_never_as_producing(
    built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fabs --status on-hold` lists both paused fabs; `--year` leaves them out in any year."""

    def ids(*args: str) -> str:
        assert main(["fabs", *args, "--db", str(built_store), "--format", "csv"]) == 0
        return capsys.readouterr().out

    listed = ids("--status", "on-hold")
    assert all(f in listed for f in ON_HOLD)
    for year in (2028, 2035):
        assert not [f for f in ON_HOLD if f in ids("--year", str(year))]
