"""`chipshock fabs --capacity-in YEAR [--reconcile]`: capacity per year with its source."""

from __future__ import annotations

import json

from .conftest import Runner


def test_capacity_in_year_follows_the_step_function(cli: Runner) -> None:
    """ESMC has no capacity in 2027, 20k in 2028 (estimate) and 40k from 2029 (reported)."""
    rows = {}
    for year in (2027, 2028, 2030):
        code, out, _ = cli("fabs", "--capacity-in", str(year), "--format", "json")
        assert code == 0
        rows[year] = {r["fab_id"]: r for r in json.loads(out) if r["fab_id"] == "esmc-dresden"}
    assert rows[2027] == {}
    assert rows[2028]["esmc-dresden"]["capacity_wspm"] == 20000.0
    assert rows[2028]["esmc-dresden"]["method"].startswith("estimate: ")
    late = rows[2030]["esmc-dresden"]
    assert late["capacity_wspm"] == 40000.0 and late["row_year"] == 2029
    assert late["method"] == "reported" and late["source_url"].startswith("https://")


def test_capacity_lists_fabs_without_capacity(cli: Runner) -> None:
    """Fabs with no capacity row are named in the caption (never defaulted)."""
    code, out, _ = cli("fabs", "--capacity-in", "2027", "--operator", "Intel")
    assert code == 0 and "intel-fab52-arizona" in out and "no capacity row" in out


def test_reconcile_shows_the_residual_per_region_and_class(cli: Runner) -> None:
    """Residual = total - itemised in every row; Europe holds mature capacity; the sum of
    itemised capacity equals the capacity table's sum."""
    code, out, _ = cli("fabs", "--capacity-in", "2027", "--reconcile", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    for r in rows:
        assert abs(r["total_kwspm"] - r["itemised_kwspm"] - r["residual_kwspm"]) < 0.11
    eur = {r["node_class"]: r for r in rows if r["region"] == "EUR"}
    assert eur["n28_45"]["total_kwspm"] > 0 and eur["gt45"]["total_kwspm"] > 0
    code, out, _ = cli("fabs", "--capacity-in", "2027", "--format", "json")
    itemised = sum(r["capacity_wspm"] for r in json.loads(out)) / 1000
    assert abs(sum(r["itemised_kwspm"] for r in rows) - itemised) < 1.0


def test_reconcile_without_year_exits_2(cli: Runner) -> None:
    """--reconcile needs --capacity-in; the error names the option."""
    code, _, err = cli("fabs", "--reconcile")
    assert code == 2 and "--capacity-in" in err


def test_chokepoints_materials(cli: Runner) -> None:
    """Material chokepoints list China's gallium refining and U.S. high-purity quartz."""
    code, out, _ = cli("chokepoints", "--materials", "--format", "json")
    assert code == 0
    rows = {(r["material_id"], r["country"]): r for r in json.loads(out)}
    assert rows[("gallium", "CHN")]["share_pct"] == 98.0
    assert rows[("high_purity_quartz", "USA")]["stage"] == "mining"
    assert all(r["country"] != "ROW" and r["source_url"] for r in rows.values())


def test_trace_a_material(cli: Runner) -> None:
    """`trace rare_earths` shows the input it feeds (CMP, N90) and who mines and refines it."""
    code, out, _ = cli("trace", "rare_earths", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["material_id"] == "rare_earths"
    assert [r["input_id"] for r in payload["downstream"]] == ["N90"]
    stages = {(r["stage"], r["country"]) for r in payload["upstream"]}
    assert ("mining", "CHN") in stages and ("refining", "CHN") in stages
