"""`scenario run|compare --utilisation` compute each result's producer rows once and give the
rows and ``utilisation_meta`` the API gives (`utilisation_payload`) for the same result."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from chipshock.cli import scenario_utilisation
from chipshock.present import utilisation as present_utilisation
from chipshock.present.jsonable import to_jsonable
from chipshock.present.utilisation import utilisation_payload

#: two producers of a 2027 shock and a fab measured in 2028; the JASM fab's figure is old
TABLE = pd.DataFrame(
    {
        "producer_id": ["jasm:n10_22", "other:TWN:lt10", "esmc:n10_22"],
        "name": ["JASM Kumamoto Fab 1", "other fabs (TWN)", "ESMC Dresden"],
        "operator": ["JASM", "other fabs", "ESMC"],
        "region": ["JPN", "TWN", "EUR"],
        "year": [2027, 2027, 2028],
        "in_shock_year": [True, True, False],
        "shock_runs": [10, 10, 4],
        "capacity_as_of": ["2007-10", "2025-06", "2025-01"],
    }
)
FABS = pd.DataFrame(
    {
        "fab_id": ["jasm", "esmc"],
        "name": ["JASM Kumamoto Fab 1", "ESMC Dresden"],
        "name_ja": ["JASM第1工場", None],
        "operator": ["JASM", "ESMC"],
        "operator_ja": ["JASM（TSMC 86.5%）", None],
    }
)
ASSUMPTIONS = pd.DataFrame({"parameter": ["capacity_audit_max_age_years"], "value": [10.0]})


def test_rows_are_computed_once_and_match_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """`producer_utilisation` calls `utilisation_rows` once (it was twice: once for the rows,
    once inside `utilisation_payload` for the meta) and its rows and meta are the API's."""
    result = SimpleNamespace(utilisation=TABLE, assumptions=None)
    data = SimpleNamespace(
        fabs=FABS, model_assumptions=ASSUMPTIONS, node_requirements=None, raw_materials=None
    )
    api = utilisation_payload(result, None, FABS, None, ASSUMPTIONS)
    calls: list[int] = []
    real = present_utilisation.utilisation_rows

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(present_utilisation, "utilisation_rows", counted)
    monkeypatch.setattr(scenario_utilisation, "utilisation_rows", counted)
    parts = scenario_utilisation.producer_utilisation(result, data)
    assert len(calls) == 1
    assert to_jsonable(parts.rows) == api["utilisation"]
    assert parts.meta == api["utilisation_meta"]
    assert parts.meta is not None and parts.meta["measured_later"] == 1
    assert parts.meta["capacity_age_note"]  # the 2007 figure is named under the table
    assert parts.rows["name_ja"].tolist() == ["JASM第1工場", "other fabs (TWN)", "ESMC Dresden"]
    calls.clear()
    assert scenario_utilisation.producer_utilisation(result, data, meta=False).meta is None
    assert len(calls) == 1
