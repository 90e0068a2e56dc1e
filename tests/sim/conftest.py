"""Fixtures for the scenario engine: the tiny model, the real data and a short real scenario."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

from chipshock.model.chain import SupplyChain
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData


@pytest.fixture(scope="session")
def tiny_data() -> ModelData:
    """The hand-checkable tiny model."""
    return ModelData.tiny()


@pytest.fixture(scope="session")
def real_data(chain: SupplyChain) -> ModelData:
    """The shipped curated files and the current ETO release."""
    return ModelData.from_folder(
        Path(str(resources.files("chipshock") / "data" / "files" / "curated")), chain
    )


def twn_shock(
    year: int = 2027, duration: Distribution | None = None, severity: Distribution | None = None
) -> Shock:
    """A Taiwan blockade shock with the standard uncertain parameters."""
    return Shock(
        "country",
        ("TWN",),
        year,
        1,
        duration_weeks=duration or Distribution("triangular", low=4, mode=26, high=78),
        severity=severity or Distribution("triangular", low=0.6, mode=0.9, high=1.0),
        recovery_weeks=Distribution("triangular", low=4, mode=13, high=39),
    )


@pytest.fixture
def short_real() -> Scenario:
    """A short real scenario: Taiwan blockade in 2027, horizon 2026-2028."""
    return Scenario(
        "twn-short",
        "Taiwan blockade",
        start_year=2026,
        end_year=2028,
        runs=6,
        seed=3,
        shocks=(twn_shock(),),
    )


#: Property tests run the engine several times per example: few examples, no deadline.
PROPS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def tiny_scenario(shocks: tuple[Shock, ...] = (), **kw: object) -> Scenario:
    """A two-year, eight-run scenario on the tiny model (fields overridable)."""
    base: dict[str, object] = {"start_year": 2026, "end_year": 2027, "runs": 8, "seed": 1}
    return Scenario("tiny", "tiny", shocks=shocks, **{**base, **kw})  # type: ignore[arg-type]


def tiny_shock(
    dur: float, sev: float, kind: str = "country", target: str = "TWN", year: int = 2026
) -> Shock:
    """A shock from week 10 of ``year`` with uncertain duration and severity (up to dur and
    sev)."""
    return Shock(
        kind,  # type: ignore[arg-type]
        (target,),
        year,
        10,
        duration_weeks=Distribution("uniform", low=dur / 2, high=dur),
        severity=Distribution("uniform", low=sev / 2, high=sev),
        recovery_weeks=Distribution.fixed(4),
    )


def scoped(data: ModelData, market: str, crit: float, tool: float | None = None) -> ModelData:
    """The tiny model with lt10's M1 requirement bound to ``market`` only (criticality
    ``crit``) and gt45's M1 row dropped, so an M1 cut reaches nothing else; with ``tool``, a
    second, market-scoped T1 row of that criticality beside the class-wide one."""
    nr = data.node_requirements
    keep = nr[nr["input_id"] != "M1"]
    keep = keep.assign(market_id=keep["market_id"].fillna("") if "market_id" in keep else "")
    rows = [keep]
    rows.append(
        nr[(nr["input_id"] == "M1") & (nr["node_class"] == "lt10")].assign(
            market_id=market, criticality=crit
        )
    )
    if tool is not None:
        rows.append(nr[nr["input_id"] == "T1"].assign(market_id=market, criticality=tool))
    return replace(data, node_requirements=pd.concat(rows, ignore_index=True))
