"""`chipshock data audit` lists the low-confidence rows behind the flagship answer: the
flagship's own shock rows (not every scenario's) and the capacity rows of the fabs its
comparison switches off, which README names (Rapidus, TSMC Arizona phase 2, JASM 2)."""

from __future__ import annotations

import json

from chipshock.scenarios.parser import builtin_scenarios

from .conftest import Runner


def test_audit_lists_the_flagship_shock_rows_and_the_alliance_fabs(cli: Runner) -> None:
    code, out, _ = cli("data", "audit", "--format", "json")
    assert code == 0
    rows = json.loads(out)["flagship_low_rows"]
    flagship = next(
        s
        for s in builtin_scenarios()
        if s.scenario_id == "taiwan-blockade-2027-6m-no-alliance-fabs"
    )
    shock_rows = {r["row_key"] for r in rows if r["table"] == "shock_assumptions"}
    assert shock_rows == set(flagship.assumptions)  # its duration, severity and recovery rows
    fabs = {r["row_key"].split()[0] for r in rows if r["factor"] == "fabs_off"}
    assert {"rapidus-iim1", "tsmc-arizona-p2", "jasm-kumamoto-fab2"} <= fabs
    off = {f for i in flagship.interventions for f in i.fabs}
    assert fabs <= off
    # the AI packaging criticality (data release 14, a judgement) moves the flagship's answer
    pack = [(r["table"], r["row_key"]) for r in rows if r["factor"] == "ai_packaging_criticality"]
    assert pack == [("node_requirements", "lt10/advanced_packaging/ai_datacenter")]
