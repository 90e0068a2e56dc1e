"""One truth for raw-material country shares (release 14, brief "materials").

``material_supply.csv`` (what ``chokepoints --materials`` and ``trace`` show) and
``raw_materials.csv`` (what a scenario shocks) must give the same countries and shares for every
material both list, at the stage the engine simulates: refining where material_supply.csv has
refining rows, else mining. Read from the shipped files, so the test fails as soon as one file is
edited without the other.
"""

from __future__ import annotations

import pandas as pd

from chipshock.data.store import default_paths


def _curated(name: str) -> pd.DataFrame:
    return pd.read_csv(default_paths().curated / name)


def _engine_stage(supply: pd.DataFrame, material_id: str) -> str:
    stages = set(supply.loc[supply["material_id"] == material_id, "stage"])
    return "refining" if "refining" in stages else "mining"


def _shares(rows: pd.DataFrame) -> dict[str, float]:
    return {str(c): float(s) for c, s in zip(rows["country"], rows["share_pct"], strict=True)}


def test_material_supply_and_raw_materials_agree() -> None:
    """Every material of both files has the same (country, share) rows at the engine's stage."""
    supply, raw = _curated("material_supply.csv"), _curated("raw_materials.csv")
    both = sorted(set(supply["material_id"]) & set(raw["material_id"]))
    assert {"gallium", "germanium", "neon"} <= set(both)
    for mid in both:
        stage = _engine_stage(supply, mid)
        shown = supply[(supply["material_id"] == mid) & (supply["stage"] == stage)]
        simulated = raw[raw["material_id"] == mid]
        assert _shares(shown) == _shares(simulated), (mid, stage)


def test_germanium_outside_china_is_split_the_same_way_on_both_files() -> None:
    """The finding that started this: ROW 40 in one file, six countries in the other."""
    supply = _curated("material_supply.csv")
    ge = supply[supply["material_id"] == "germanium"]
    assert _shares(ge) == {
        "CHN": 60.0,
        "CAN": 10.0,
        "BEL": 10.0,
        "RUS": 5.0,
        "USA": 5.0,
        "FIN": 5.0,
        "ROW": 5.0,
    }
