"""The DuckDB store: one file, checksums per source, idempotent and atomic builds."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from chipshock.data.eto import read_eto
from chipshock.data.store import (
    build_store,
    connect,
    default_paths,
    load_alliance,
    load_chain,
    store_info,
)
from chipshock.errors import StoreError, ValidationFailed

from .conftest import edit


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "chipshock.duckdb"
    build_store(path)
    return path


def test_datasets_table_records_every_file(store: Path) -> None:
    """Each source file has a row with its checksum, release, licence and row count."""
    info = store_info(store)
    eto = info[info.dataset.str.startswith("eto_")]
    assert len(eto) == 10  # five files, two releases
    prov = info[(info.dataset == "eto_provision") & info.release.str.startswith("current")]
    path = default_paths().eto / "provision.csv"
    assert prov.sha256.iloc[0] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert prov.rows.iloc[0] == 1300
    assert prov.licence.iloc[0].startswith("CC BY-NC 4.0")
    assert {"fabs", "partnerships", "deliverables", "regional_capacity"} <= set(info.dataset)


def test_chain_round_trips_through_the_store(store: Path) -> None:
    """The chain read back from DuckDB equals the chain read from the CSV files."""
    direct = read_eto(default_paths().eto)
    stored = load_chain(store)
    for table in ("inputs", "providers", "provision", "edges", "stages"):
        pd.testing.assert_frame_equal(
            getattr(direct, table).astype(object).where(getattr(direct, table).notna(), None),
            getattr(stored, table).astype(object).where(getattr(stored, table).notna(), None),
            check_dtype=False,
        )
    assert load_chain(store, "v2022").release.release_id == "2022"


def test_alliance_tables_in_store(store: Path) -> None:
    """The curated tables are stored with their sources."""
    a = load_alliance(store)
    assert (
        len(a.fabs) == 206 and a.fabs.source_url.notna().all()
    )  # release 7: + 4 TWN/KOR/JPN, + 13; release 8: + 14 CHN/ROW, + 20 JPN/EUR, + 7 USA;
    # release 9: + 1 JPN (onsemi Aizu), + 6 EUR/CHN; (data release 11: + 1 CHN, Yangzhou
    # Jingxin; + 1 TWN, Micron Tongluo; + 1 USA, LA Semiconductor Pocatello; + 2 JPN, ROHM
    # Tsukuba and LAPIS Kunitomi; data release 13, dataE: + 2 EUR, TI Freising and TDK-Micronas
    # Freiburg; + 2 JPN, Japan Semiconductor Oita and Fuji Electric Tsugaru's 150mm lines;
    # dataU: + 2 USA, SkyWater Bloomington and Intel Fab 32; dataCN: + 2 CHN, Innoscience and
    # BYD Changsha; data release 14, usfabs: + 2 USA, ADI Beaverton and Camas; + 1 EUR, ADI
    # Limerick; data release 15, data16: + 1 CHN, CR Micro Chongqing 12-inch; data release 18,
    # cov19: + 1 KOR, onsemi Bucheon; cov19b: + 1 TWN, UMC Hsinchu Fabs 8E/8F/8S; data release
    # 19, cov20tw: + 1 TWN, Mosel Vitelic Hsinchu)
    # 19, cov20ck: + 1 CHN, United Nova Shaoxing 12-inch)
    assert "rapidus-iim1" in set(a.fabs.fab_id)


def test_rebuild_is_idempotent(tmp_path: Path) -> None:
    """Building twice from the same files gives identical tables."""
    path = tmp_path / "s.duckdb"
    build_store(path)
    first = {t: _dump(path, t) for t in ("eto_provision", "fabs", "datasets")}
    build_store(path)
    second = {t: _dump(path, t) for t in ("eto_provision", "fabs", "datasets")}
    for t in first:
        pd.testing.assert_frame_equal(first[t], second[t])


def test_failed_build_leaves_old_store_untouched(tmp_path: Path, curated_dir: Path) -> None:
    """A build that fails validation raises and does not modify the previous store."""
    path = tmp_path / "s.duckdb"
    build_store(path)
    before = path.read_bytes()
    edit(curated_dir / "fabs.csv", ",ramping,2025,", ",ramping,twenty,")
    with pytest.raises(ValidationFailed, match="previous store is unchanged"):
        build_store(path, replace(default_paths(), curated=curated_dir))
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".s.duckdb.tmp*"))  # no temporary left behind


def test_missing_store_says_how_to_build(tmp_path: Path) -> None:
    """Opening a store that does not exist explains the build command."""
    with pytest.raises(StoreError, match="chipshock data build"), connect(tmp_path / "nope.duckdb"):
        pass


def _dump(path: Path, table: str) -> pd.DataFrame:
    with connect(path) as con:
        df: pd.DataFrame = con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').df()
    return df


def test_rebuild_keeps_saved_results(tmp_path: Path) -> None:
    """Saved scenario results (tables result_*) survive a rebuild of the store."""
    import duckdb

    path = tmp_path / "s.duckdb"
    build_store(path)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE result_runs AS SELECT 'r1' AS result_id, 42 AS seed")
    con.close()
    build_store(path)
    assert _dump(path, "result_runs").to_dict("records") == [{"result_id": "r1", "seed": 42}]
