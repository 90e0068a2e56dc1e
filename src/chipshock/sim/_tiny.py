"""The tiny model behind `ModelData.tiny()`: small enough to check every number by hand.

Regions TWN, JPN; classes lt10 (100 kwspm, TWN 60 % / JPN 40 %) and gt45 (200 kwspm,
50 % / 50 %), flat over the years. Markets automotive and smartphones, each USD 50bn, no growth.
Tool T1 (all from NLD, firm F1) is needed by lt10; material M1 (JPN 50 %, TWN 50 %; firms F2,
F3) by both classes (criticality 1 for lt10, 0.5 for gt45), with a 4-week buffer.
One announced fab ``tiny-fab1`` (JPN, 2 nm, operator ``tinyfab``; fab_capacity 5,000 wspm in 2027,
10,000 from 2028), enabled by ``tiny-partnership``; every other producer is an "other fabs"
remainder (TWN/JPN x lt10/gt45). Qualification delays: same operator 4-8-16 weeks, across
operators 13-26-52, leading edge 26-52-104 (triangular).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

_SRC = {
    "source_url": "https://example.org/tiny",
    "as_of": "2024",
    "confidence": "low",
    "note": "tiny model",
}


def _df(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    out = (
        pd.DataFrame([{**_SRC, **r} for r in rows])
        if rows
        else pd.DataFrame(columns=columns + list(_SRC))
    )
    return out


def tiny_tables() -> dict[str, Any]:
    """Every table of the tiny model, by `ModelData` field name."""
    sia = "SIA/BCG tiny"
    regional = _df(
        [
            {
                "source_name": sia,
                "category": cat,
                "region": code,
                "region_code": code,
                "year": y,
                "share_pct": s,
            }
            for cat, shares in (
                ("logic <10nm", {"TWN": 60.0, "JPN": 40.0}),
                ("logic >45nm", {"TWN": 50.0, "JPN": 50.0}),
            )
            for code, s in shares.items()
            for y in (2022, 2032)
        ],
        [],
    )
    glob = _df(
        [
            {"node_class": c, "year": y, "capacity_kwspm": v}
            for c, v in (("lt10", 100.0), ("gt45", 200.0))
            for y in (2022, 2032)
        ],
        [],
    )
    markets = _df(
        [
            {
                "market_id": "automotive",
                "name_en": "Automotive",
                "name_ja": "",
                "chip_demand_usd_bn": 50.0,
                "demand_year": 2024,
                "growth_pct_per_year": 0.0,
                "value_multiplier": 10.0,
                "customer_inventory_weeks": 2.0,
                "customer_inventory_weeks_low": 1.0,
                "customer_inventory_weeks_high": 4.0,
            },
            {
                "market_id": "smartphones",
                "name_en": "Smartphones",
                "name_ja": "",
                "chip_demand_usd_bn": 50.0,
                "demand_year": 2024,
                "growth_pct_per_year": 0.0,
                "value_multiplier": 2.0,
                "customer_inventory_weeks": 4.0,
                "customer_inventory_weeks_low": 2.0,
                "customer_inventory_weeks_high": 6.0,
            },
        ],
        [],
    )
    mix = _df(
        [
            {"market_id": "automotive", "node_class": "lt10", "share_pct": 20.0},
            {"market_id": "automotive", "node_class": "gt45", "share_pct": 80.0},
            {"market_id": "smartphones", "node_class": "lt10", "share_pct": 80.0},
            {"market_id": "smartphones", "node_class": "gt45", "share_pct": 20.0},
        ],
        [],
    )
    value = _df(
        [
            {"node_class": "lt10", "usd_per_wafer": 10000.0, "year": 2024},
            {"node_class": "gt45", "usd_per_wafer": 1000.0, "year": 2024},
        ],
        [],
    )
    buffers = _df(
        [
            {
                "buffer_id": "m1_stock",
                "applies_to": "material:M1",
                "weeks": 4.0,
                "weeks_low": 2.0,
                "weeks_high": 6.0,
            },
            {
                "buffer_id": "channel",
                "applies_to": "chips:distributor",
                "weeks": 0.0,
                "weeks_low": 0.0,
                "weeks_high": 0.0,
            },
            {
                "buffer_id": "bank",
                "applies_to": "chips:producer",
                "weeks": 0.0,
                "weeks_low": 0.0,
                "weeks_high": 0.0,
            },
            {
                "buffer_id": "service",
                "applies_to": "tools:service",
                "weeks": 2.0,
                "weeks_low": 1.0,
                "weeks_high": 3.0,
            },
        ],
        [],
    )
    reqs = _df(
        [
            {
                "node_class": "lt10",
                "input_id": "T1",
                "kind": "tool",
                "criticality": 1.0,
                "substitute_input_ids": None,
                "capacity_loss_pct_per_week_when_cut": 2.0,
            },
            {
                "node_class": "lt10",
                "input_id": "M1",
                "kind": "material",
                "criticality": 1.0,
                "substitute_input_ids": None,
                "capacity_loss_pct_per_week_when_cut": float("nan"),
            },
            {
                "node_class": "gt45",
                "input_id": "M1",
                "kind": "material",
                "criticality": 0.5,
                "substitute_input_ids": None,
                "capacity_loss_pct_per_week_when_cut": float("nan"),
            },
            # the row the default factor ai_packaging_criticality moves
            # (sensitivity_factors.csv): bound to a market the tiny model does not run, so the
            # engine drops it (shocks.inputs.used_requirements) and that factor's swing is 0
            {
                "node_class": "lt10",
                "input_id": "advanced_packaging",
                "kind": "material",
                "criticality": 0.7,
                "substitute_input_ids": None,
                "capacity_loss_pct_per_week_when_cut": float("nan"),
                "market_id": "ai_datacenter",
            },
        ],
        [],
    )
    raw = _df(
        [], ["material_id", "name_en", "name_ja", "feeds_input_id", "country", "share_pct", "year"]
    )
    mco = _df(
        [
            {"market_id": "automotive", "country": "JPN", "share_pct": 60.0},
            {"market_id": "automotive", "country": "USA", "share_pct": 40.0},
            {"market_id": "smartphones", "country": "CHN", "share_pct": 100.0},
        ],
        [],
    )
    shock = _df([], ["parameter", "scenario_hint", "distribution", "low", "mode", "high", "unit"])
    assumptions = _df(
        [
            {"parameter": p, "value": v, "unit": "fraction" if p.startswith("utilisation_") else ""}
            for p, v in (
                ("utilisation_lt10", 0.8),
                ("utilisation_gt45", 0.8),
                ("tool_recovery_per_week", 0.05),
                ("material_surge_fraction", 0.1),
                ("shortfall_tolerance", 0.01),
                ("recovery_window_weeks", 4.0),
                ("horizon_min_year", 2022.0),
                ("horizon_max_year", 2040.0),
                ("qualification_weeks_same_operator", 8.0),
                ("qualification_weeks_same_operator_low", 4.0),
                ("qualification_weeks_same_operator_high", 16.0),
                ("qualification_weeks_cross_foundry", 26.0),
                ("qualification_weeks_cross_foundry_low", 13.0),
                ("qualification_weeks_cross_foundry_high", 52.0),
                ("qualification_weeks_leading_edge", 52.0),
                ("qualification_weeks_leading_edge_low", 26.0),
                ("qualification_weeks_leading_edge_high", 104.0),
                ("normal_lead_time_weeks", 12.0),
                ("inventory_regime_2019", 1.0),
                ("value_added_ratio_automotive", 0.25),
                ("value_added_ratio_smartphones", 0.3),
                ("value_added_ratio_chips", 0.5),
                ("inventory_regime_2021_lean", 0.125),
                ("backlog_cancel_share_per_week", 0.1),
                ("double_order_sensitivity", 0.5),
                ("double_order_cap", 1.0),
                ("restock_adjust_weeks", 4.0),
            )
        ],
        [],
    )
    fabs = _df(
        [
            {
                "fab_id": "tiny-fab1",
                "name": "Tiny Fab 1",
                "operator": "TinyFab",
                "operator_hq_country": "JPN",
                "country": "JPN",
                "region_or_city": "Tinytown",
                "latitude": 0.0,
                "longitude": 0.0,
                "segment": "logic",
                "node_nm": 2.0,
                "capacity_wspm": 10000.0,
                "status": "announced",
                "production_start_year": 2027,
                "public_funding_usd": None,
                "funding_program": None,
            },
        ],
        [],
    )
    fabs["production_start_year"] = fabs["production_start_year"].astype("Int64")
    fabs["operator_id"] = ["tinyfab"]
    fab_capacity = _df(
        [
            {
                "fab_id": "tiny-fab1",
                "node_class": "lt10",
                "year": y,
                "capacity_wspm": v,
                "phase": "1",
                "method": "reported",
            }
            for y, v in ((2027, 5000.0), (2028, 10000.0))
        ],
        [],
    )
    partnerships = _df(
        [
            {
                "partnership_id": "tiny-partnership",
                "parties": "TinyFab; Tiny Ministry",
                "parties_countries": "JPN",
                "kind": "subsidy",
                "technology": "2nm logic (Tinytown)",
                "status": "active",
                "fab_ids": "tiny-fab1",
                "summary": "",
            }
        ],
        [],
    )
    country = pd.DataFrame(
        {
            "input_id": ["T1", "M1", "M1"],
            "country": ["NLD", "JPN", "TWN"],
            "share_pct": [100.0, 50.0, 50.0],
            "is_aggregate": [False] * 3,
        }
    )
    firm = pd.DataFrame(
        {
            "input_id": ["T1", "M1", "M1"],
            "firm_id": ["F1", "F2", "F3"],
            "firm_name": ["ToolCo", "MatJ", "MatT"],
            "share_pct": [100.0, 50.0, 50.0],
            "hq_country": ["NLD", "JPN", "TWN"],
            "is_aggregate": [False] * 3,
        }
    )
    firms = pd.DataFrame(
        {
            "firm_id": ["F1", "F2", "F3"],
            "name": ["ToolCo", "MatJ", "MatT"],
            "alias": ["", "", ""],
            "hq_country": ["NLD", "JPN", "TWN"],
        }
    )
    inputs = pd.DataFrame({"input_id": ["T1", "M1"], "name": ["Scanner", "Gas"]})
    return dict(
        regional_capacity=regional,
        fabs=fabs,
        partnerships=partnerships,
        end_markets=markets,
        market_node_demand=mix,
        global_capacity=glob,
        wafer_value=value,
        inventory_buffers=buffers,
        node_requirements=reqs,
        raw_materials=raw,
        market_country_output=mco,
        shock_assumptions=shock,
        model_assumptions=assumptions,
        input_country_shares=country,
        input_firm_shares=firm,
        firms=firms,
        inputs=inputs,
        fab_capacity=fab_capacity,
        label="tiny",
    )
