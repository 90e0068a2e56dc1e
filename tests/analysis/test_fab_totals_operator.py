"""`chipshock fabs --totals operator` counts a firm once, by its operator_id, whatever its fabs'
operator texts say (review 5, finding 6: Kioxia appeared as two rows, ROHM as three)."""

from __future__ import annotations

from importlib import resources

import pandas as pd

from chipshock.analysis.alliance import fab_totals


def _fabs(**cols: list[object]) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base: dict[str, list[object]] = {
        "country": ["JPN"] * n,
        "wafer_size_mm": [300] * n,
        "public_funding_usd": [None] * n,
    }
    return pd.DataFrame({**base, **cols})


def test_one_row_per_operator_id_named_by_its_plain_name() -> None:
    """Three Kioxia fabs under three texts (one without capacity) and a ROHM fab: two rows;
    Kioxia's has 3 fabs, 2 with capacity, 60k wafers, and is named "Kioxia"."""
    f = _fabs(
        operator=["Kioxia Iwate", "Kioxia (with Sandisk)", "Kioxia Iwate (joint)", "ROHM"],
        operator_id=["kioxia", "kioxia", "kioxia", "rohm"],
        capacity_wspm=[10000.0, 50000.0, None, 5000.0],
    )
    out = fab_totals(f, by="operator").set_index("operator_id")
    assert out.loc["kioxia", ["operator", "n_fabs", "n_with_capacity"]].tolist() == [
        "Kioxia",
        3,
        2,
    ]
    assert out.loc["kioxia", "capacity_300mm_wspm"] == 60000.0
    assert len(out) == 2


def test_shipped_registry_counts_each_firm_once() -> None:
    """On the shipped fabs.csv: one row per operator_id; Kioxia's three fabs (Yokkaichi,
    Kitakami K1 and K2, texts 'Kioxia (joint ...)' and 'Kioxia Iwate') are one row."""
    path = resources.files("chipshock") / "data" / "files" / "curated" / "fabs.csv"
    fabs = pd.read_csv(str(path))
    out = fab_totals(fabs, by="operator")
    assert out["operator_id"].is_unique
    assert len(out) == fabs["operator_id"].nunique()
    kioxia = out.set_index("operator_id").loc["kioxia"]
    assert (kioxia["operator"], kioxia["n_fabs"]) == ("Kioxia", 3)
    assert out["operator"].tolist().count("ROHM") == 1
