"""Tests of `chipshock.analysis.graph`."""

from __future__ import annotations

import pytest

from chipshock.analysis import ancestors, assessed_inputs, descendants, first_process, trace
from chipshock.analysis.graph import TRACE_COLUMNS
from chipshock.errors import InputError, UnknownCodeError
from chipshock.model.chain import SupplyChain


def test_tiny_trace_downstream_and_upstream(tiny: SupplyChain) -> None:
    """EUV scanner → Scanner (is_type_of) → Fabrication → Assembly → Chip; stage S2."""
    t = trace(tiny, "N12")
    assert list(t.downstream.columns) == TRACE_COLUMNS
    assert t.downstream[["depth", "input_id", "relation", "via_id"]].values.tolist() == [
        [1, "N11", "is_type_of", "N12"],
        [2, "N1", "goes_into", "N11"],
        [3, "N2", "goes_into", "N1"],
        [4, "N3", "goes_into", "N2"],
    ]
    assert t.upstream.empty
    assert (t.stage_id, t.process_id, t.reaches_final) == ("S2", "N1", True)


def test_tiny_upstream_includes_subtypes(tiny: SupplyChain) -> None:
    """Everything that goes into Fabrication, recursively, includes the EUV sub-type of Scanner."""
    up = trace(tiny, "Fabrication").upstream
    assert set(up["input_id"]) == {"N0", "N10", "N11", "N12", "N13", "N14"}
    assert up.set_index("input_id").at["N12", "depth"] == 2


def test_euv_reaches_finished_chip_via_photolithography(chain: SupplyChain) -> None:
    """N20 reaches N99 through N19 Lithography tools and N25 Photolithography (stage S2)."""
    t = trace(chain, "N20")
    down = t.downstream.set_index("input_id")
    assert {"N19", "N25", "N99"} <= set(down.index)
    assert down.at["N19", "relation"] == "is_type_of"
    assert down.at["N25", "via_id"] == "N19"
    assert t.reaches_final and t.stage_id == "S2" and t.process_id == "N25"
    assert down["depth"].is_monotonic_increasing


def test_every_current_input_reaches_the_sink(chain: SupplyChain) -> None:
    """In the current release the graph is connected: every input reaches N99."""
    for iid in chain.inputs["input_id"]:
        assert trace(chain, iid).reaches_final, iid


def test_first_process_of_design_and_materials(chain: SupplyChain) -> None:
    """EDA (N84) maps to S1 via N7; packaging materials (N100) to S3 via N121 → N69."""
    assert first_process(chain, "N84") == ("N7", "S1")
    assert first_process(chain, "N100") == ("N69", "S3")
    assert first_process(chain, "N25") == ("N25", "S2")


def test_hierarchy_helpers(chain: SupplyChain) -> None:
    """Ancestors follow is_type_of and tool→tool 'part of' edges; descendants the reverse."""
    assert ancestors(chain, "N52") == ["N48", "N55"]
    assert "N20" in descendants(chain, "N19")
    assert {"N48", "N49", "N52", "N103"} <= set(descendants(chain, "N55"))


def test_assessed_leaf_and_top_on_tiny(tiny: SupplyChain) -> None:
    """Leaf keeps EUV not its parent Scanner; top the reverse; firms drop blank-only inputs."""
    assert assessed_inputs(tiny, "country", "leaf") == ["N10", "N12", "N13", "N14", "N15"]
    assert assessed_inputs(tiny, "country", "top") == ["N10", "N11", "N13", "N14", "N15"]
    assert assessed_inputs(tiny, "firm", "leaf") == ["N10", "N12"]


@pytest.mark.parametrize("level", ["leaf", "top"])
@pytest.mark.parametrize("by", ["country", "firm"])
def test_assessed_never_holds_parent_and_child(chain: SupplyChain, by: str, level: str) -> None:
    """No assessed input is a hierarchy ancestor of another (no parent/child double counting)."""
    ids = set(assessed_inputs(chain, by, level))
    for iid in ids:
        assert not set(ancestors(chain, iid)) & ids, iid


def test_assessed_real_examples(chain: SupplyChain) -> None:
    """EUV is a leaf, Lithography tools a top; N52 (only 'Various') and N1 (no shares) are out."""
    leaf = assessed_inputs(chain, "country", "leaf")
    top = assessed_inputs(chain, "country", "top")
    assert "N20" in leaf and "N19" not in leaf
    assert "N19" in top and "N20" not in top
    assert "N52" not in leaf and "N1" not in leaf


def test_graph_bad_arguments(tiny: SupplyChain) -> None:
    """Unknown inputs raise UnknownCodeError; an unknown level raises InputError."""
    with pytest.raises(UnknownCodeError):
        trace(tiny, "Wafer stepper")
    with pytest.raises(InputError) as info:
        assessed_inputs(tiny, "country", "middle")
    assert info.value.problem.field == "level"
