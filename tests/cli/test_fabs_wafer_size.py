"""`chipshock fabs` shows each fab's wafer size beside its published capacity, and the
300 mm-equivalent figure the model uses, so a 200 mm fab's wafers do not read as 300 mm ones."""

from __future__ import annotations

import csv
import io

import pytest

from chipshock.cli.output import console

from .conftest import Runner


def test_fabs_show_wafer_size_and_300mm_equivalent(
    cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UMC Hejian: published 75,000 wafers of 200 mm a month (2018); the model's figure is
    TrendForce's 100k of 2023 x 4/9 = 44,400 of 300 mm (fab_capacity.csv)."""
    monkeypatch.setattr(console, "width", 250)
    code, out, _ = cli("fabs", "--country", "CHN", "--operator", "UMC", "--format", "csv")
    assert code == 0
    rows = {r["fab_id"]: r for r in csv.DictReader(io.StringIO(out))}
    hejian = rows["umc-hejian-suzhou"]
    assert float(hejian["capacity_wspm"]) == 75000
    assert int(hejian["wafer_size_mm"]) == 200
    assert round(float(hejian["capacity_300mm_wspm"])) == 44400
    assert hejian["capacity_basis"] == "fab_capacity.csv"
    code, out, _ = cli("fabs", "--country", "CHN", "--operator", "UMC")
    assert code == 0
    flat = " ".join(out.split())
    assert "wafer size mm" in flat and "300mm" in flat and "44,400" in flat
