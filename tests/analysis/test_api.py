"""Tests of the public surface of `chipshock.analysis`: exported names and doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

import chipshock.analysis as analysis

MODULES = [
    "__init__",
    "shares",
    "concentration",
    "chokepoints",
    "graph",
    "coalition",
    "criticality",
    "shapley",
    "alliance",
    "registry",
    "materials",
    "groups",
]


def test_exported_names_are_exactly_the_contract() -> None:
    """The package exports exactly the agreed public names."""
    assert set(analysis.__all__) == {
        "CoalitionModel",
        "CoalitionResult",
        "ShapleyResult",
        "SynergyResult",
        "TraceResult",
        "ancestors",
        "assessed_inputs",
        "chokepoints",
        "coalition_coverage",
        "coalition_model",
        "coalition_value",
        "concentration",
        "criticality",
        "deliverable_totals",
        "descendants",
        "fab_node_class",
        "fab_totals",
        "filter_deliverables",
        "filter_fabs",
        "filter_partnerships",
        "first_process",
        "hhi",
        "input_shares",
        "partnership_totals",
        "shapley",
        "shapley_values",
        "share_matrix",
        "stage_shares",
        "synergy",
        "trace",
    }
    for name in analysis.__all__:
        assert hasattr(analysis, name)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    """Every docstring example in the analysis modules runs and prints what it says."""
    name = "chipshock.analysis" if module == "__init__" else f"chipshock.analysis.{module}"
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
