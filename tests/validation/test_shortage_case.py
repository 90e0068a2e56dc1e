"""The 2021 shortage case: its Malaysian lockdown shock is derived from the observation rows."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.sim import ModelData
from chipshock.sim.prepare import prepare
from chipshock.sim.validation.cases import load_history_case


def _input(observations: pd.DataFrame, quantity: str) -> pd.Series:
    rows = observations[
        (observations["case_id"] == "shortage-2021") & (observations["quantity"] == quantity)
    ]
    assert len(rows) == 1 and rows["role"].iloc[0] == "input"
    return rows.iloc[0]


def test_malaysian_lockdown_is_share_times_cut(observations: pd.DataFrame) -> None:
    """Severity low/mode/high = Malaysia's ATP share x the MSIA's cut low/central/high."""
    share = float(_input(observations, "malaysia_atp_share_pct")["observed"]) / 100
    cut = _input(observations, "malaysia_output_cut_pct")
    shock = next(s for s in load_history_case("shortage-2021").shocks if s.kind == "input")
    assert shock.targets == ("S3",)
    sev = shock.severity
    expected = [share * float(cut[c]) / 100 for c in ("observed_low", "observed", "observed_high")]
    assert [sev.low, sev.mode, sev.high] == pytest.approx(expected, abs=5e-4)


def test_malaysian_lockdown_reaches_assembly_and_test(model_data: ModelData) -> None:
    """The S3 shock compiles to a hit on the ATP input that every chip class requires."""
    s = load_history_case("shortage-2021")
    p = prepare(s, model_data)
    k = next(i for i, sh in enumerate(s.shocks) if sh.kind == "input")
    hit = [p.inputs[a] for a in range(len(p.inputs)) if p.input_hit[k, a] > 0]
    assert hit == ["S3"]
    needs = {p.classes[int(c)] for c, a in zip(p.term_class, p.term_input, strict=True)
             if p.inputs[int(a)] == "S3"}  # fmt: skip
    assert needs == set(p.classes)
