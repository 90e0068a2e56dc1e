"""Status ``closed``: a fab that operated and shut. Its capacity rows end at 0 from the closing
year, the loader checks that both ways, and ``chipshock fabs`` lists it by status and drops it
from the years after it shut."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.data.curated import load_curated, read_curated
from chipshock.data.store import default_paths
from chipshock.errors import ValidationFailed
from chipshock.model.registry_schema import FAB_STATUSES

from .conftest import edit

TEMPE_ZERO = "microchip-tempe-fab2,gt45,2025,0,closed,"


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


def test_closed_is_a_status_and_tempe_is_closed_in_2025() -> None:
    """Microchip's Fab 2 (shut in 2025) is the shipped closed fab; its gt45 row is 0 from 2025."""
    assert "closed" in FAB_STATUSES
    data = read_curated(default_paths().curated)
    fab = data.fabs.set_index("fab_id").loc["microchip-tempe-fab2"]
    assert fab["status"] == "closed"
    rows = data.fab_capacity[data.fab_capacity["fab_id"] == "microchip-tempe-fab2"]
    last = rows.sort_values("year").iloc[-1]
    assert (int(last["year"]), float(last["capacity_wspm"])) == (2025, 0.0)
    assert float(rows.sort_values("year").iloc[0]["capacity_wspm"]) > 0


def test_closed_fab_whose_capacity_does_not_end_at_zero(curated_dir: Path) -> None:
    """A closed fab whose last row is not 0 is an error at that fab_capacity.csv cell."""
    edit(curated_dir / "fab_capacity.csv", TEMPE_ZERO, TEMPE_ZERO.replace(",0,", ",5000,"))
    msgs = _errors(curated_dir)
    assert any(
        "fab_capacity.csv" in m
        and "column 'capacity_wspm'" in m
        and "microchip-tempe-fab2 is closed" in m
        and "'5000 in 2025'" in m
        and "0 from the closing year" in m
        for m in msgs
    ), msgs
    with pytest.raises(ValidationFailed):
        read_curated(curated_dir)


def test_closed_fab_without_capacity_rows(curated_dir: Path) -> None:
    """A closed fab with no capacity rows (no closing year) is an error at its status cell."""
    data = read_curated(curated_dir)
    listed = set(data.fab_capacity["fab_id"])
    wafer = data.fabs[(data.fabs["segment"] != "packaging") & (data.fabs["status"] == "operating")]
    fab_id = next(f for f in wafer["fab_id"] if f not in listed)
    path = curated_dir / "fabs.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    i = next(n for n, line in enumerate(text) if line.startswith(f"{fab_id},"))
    text[i] = text[i].replace(",operating,", ",closed,", 1)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    msgs = _errors(curated_dir)
    assert any(
        "fabs.csv" in m
        and f"row {i + 1}" in m
        and "column 'status'" in m
        and "'closed'" in m
        and "closing year" in m
        for m in msgs
    ), msgs


def test_producing_status_with_capacity_ending_at_zero(curated_dir: Path) -> None:
    """A fab whose capacity ends at 0 but is still 'operating' is an error: closed or cancelled."""
    path = curated_dir / "fabs.csv"
    edit(path, ",200,20000,closed,", ",200,20000,operating,")
    msgs = _errors(curated_dir)
    assert any(
        "fabs.csv" in m
        and "column 'status'" in m
        and "ends at 0 in 2025" in m
        and "'operating'" in m
        and "closed (a fab that operated and shut) or cancelled" in m
        for m in msgs
    ), msgs


def test_cli_bad_closed_row_exits_2_and_keeps_the_store(
    curated_dir: Path, tmp_path: Path, built_store: Path
) -> None:
    """`data build` over a closed fab with capacity left on exits 2, store untouched."""
    db = tmp_path / "s.duckdb"
    db.write_bytes(built_store.read_bytes())
    before = db.read_bytes()
    edit(curated_dir / "fab_capacity.csv", TEMPE_ZERO, TEMPE_ZERO.replace(",0,", ",5000,"))
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before


def test_fabs_lists_closed_by_status_and_drops_them_after_closing(
    built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fabs --status closed` lists Tempe; `--year` keeps it before 2025, not from 2025."""

    def ids(*args: str) -> str:
        assert main(["fabs", *args, "--db", str(built_store), "--format", "csv"]) == 0
        return capsys.readouterr().out

    assert "microchip-tempe-fab2" in ids("--status", "closed")
    assert "microchip-tempe-fab2" in ids("--operator", "Microchip", "--year", "2024")
    after = ids("--operator", "Microchip", "--year", "2025")
    assert "microchip-tempe-fab2" not in after and "microchip-gresham-fab4" in after


def test_every_surface_drops_a_closed_fab_from_the_same_year(built_store: Path) -> None:
    """The store's fabs carry closed_year (2025 for Tempe, missing for open fabs), so
    filter_fabs -- used by the CLI and the API alike -- needs nothing else to drop it."""
    from chipshock.analysis.alliance import filter_fabs
    from chipshock.data.store import load_alliance

    fabs = load_alliance(built_store).fabs.set_index("fab_id", drop=False)
    assert fabs.loc["microchip-tempe-fab2", "closed_year"] == 2025
    assert fabs["closed_year"].notna().sum() == (fabs["status"] == "closed").sum()
    kept = {
        y: set(filter_fabs(fabs.reset_index(drop=True), year=y)["fab_id"]) for y in (2024, 2025)
    }
    assert "microchip-tempe-fab2" in kept[2024] and "microchip-tempe-fab2" not in kept[2025]
