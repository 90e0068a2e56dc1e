"""The ETO reader on the real releases: every quirk of SCHEMA.md handled on purpose."""

from __future__ import annotations

import math

import pytest

from chipshock.data.eto import load_eto, parse_market_size, read_eto
from chipshock.data.store import default_paths
from chipshock.model.chain import SupplyChain


@pytest.fixture(scope="module")
def current() -> SupplyChain:
    return read_eto(default_paths().eto, "current")


@pytest.fixture(scope="module")
def v2022() -> SupplyChain:
    return read_eto(default_paths().eto_v2022, "v2022")


def test_current_release_row_counts(current: SupplyChain) -> None:
    """The current release loads with the documented row counts (quoted newlines parsed)."""
    assert len(current.inputs) == 126
    assert len(current.providers) == 396  # 403 rows, duplicate alias rows merged
    assert len(current.provision) == 1300
    assert len(current.edges) == 139
    assert len(current.stages) == 3


def test_v2022_release_row_counts(v2022: SupplyChain) -> None:
    """The 2022 release (CRLF, BOM) loads; its one exact duplicate provision row is dropped."""
    assert len(v2022.inputs) == 79
    assert "input_id" in v2022.inputs.columns  # BOM did not corrupt the first header
    assert len(v2022.providers) == 294
    assert len(v2022.provision) == 659
    assert len(v2022.edges) == 93


def test_blank_share_is_unknown_not_zero(current: SupplyChain) -> None:
    """A blank share is NaN (unknown), and explicit 0.0 shares stay 0."""
    p = current.provision
    amd = p[(p.provider_id == "P10") & (p.provided_id == "N1")]
    assert len(amd) == 1 and math.isnan(amd.share_pct.iloc[0])
    assert p.share_pct.isna().sum() == 246
    assert (p.share_pct == 0.0).sum() == 15


def test_v2022_percent_strings_and_negligible(v2022: SupplyChain) -> None:
    """v2022 shares like '61%' parse to 61.0; 'negligible' rows keep a NaN share."""
    p = v2022.provision
    usa_design = p[(p.provider_id == "P1") & (p.provided_id == "S1")]
    assert usa_design.share_pct.iloc[0] == 61.0
    neg = p[p.negligible]
    assert len(neg) == 73 and neg.share_pct.isna().all()


def test_duplicate_provider_ids_merge_aliases(current: SupplyChain) -> None:
    """P122 appears three times in providers.csv and becomes one provider with two aliases."""
    p = current.providers.set_index("provider_id")
    assert p.loc["P122", "name"] == "Grand Process"
    assert p.loc["P122", "alias"] == "Grand Plastic Technology; Grand Process Technology"
    assert current.providers.provider_id.is_unique


def test_stage_rows_kept(current: SupplyChain) -> None:
    """Stage-level shares (S1..S3) are kept and marked as stages, not dropped by a join."""
    stages = current.provision[current.provision.provided_kind == "stage"]
    assert len(stages) == 21
    assert set(stages.provided_id) == {"S1", "S2", "S3"}


def test_aggregates_flagged(current: SupplyChain, v2022: SupplyChain) -> None:
    """Residual buckets are flagged; v2022's 'Various' is harmonised and MAL becomes MYS."""
    agg = set(current.providers.loc[current.providers.is_aggregate, "name"])
    assert agg == {"Various countries", "Various companies"}
    assert "Various countries" in set(v2022.providers.name)
    assert "MYS" in set(v2022.providers.name) and "MAL" not in set(v2022.providers.name)
    assert "EUR" in current.country_codes()  # a region, kept, but not an aggregate residual


def test_stale_names_ignored_for_joins(current: SupplyChain) -> None:
    """Provision keeps the listed (stale) name, but the provider is resolved by id."""
    p = current.provision.merge(current.providers, on="provider_id")
    stale = p[p.provider_name_as_listed == "Haute Gas"]
    assert len(stale) >= 1 and set(stale.name) == {"Huate Gas"}


def test_market_size_parsing() -> None:
    """Market sizes parse from free text with their unit, year and scope."""
    assert parse_market_size("$32.6 billion (2025)") == (32.6e9, 2025, "")
    assert parse_market_size("$0.4 million (2025)") == (400000.0, 2025, "")
    assert parse_market_size("about $1 billion (2019)") == (1e9, 2019, "")
    assert parse_market_size("$3.3 billion (all photoresists)") == (3.3e9, None, "all photoresists")
    assert parse_market_size("") == (None, None, "")


def test_real_market_sizes(current: SupplyChain) -> None:
    """EUV tools' market size is $13 billion (2025) in the current release."""
    euv = current.inputs.set_index("input_id").loc["N20"]
    assert euv.market_size_usd == 13e9 and euv.market_size_year == 2025


def test_shares_past_100_are_kept_with_a_warning() -> None:
    """Shares that sum past 100 are kept as published and reported as warnings, not errors."""
    loaded = load_eto(default_paths().eto_v2022, "v2022")
    assert loaded.chain is not None and not loaded.errors
    assert any("sum to" in p.message for p in loaded.warnings)


def test_graph_is_dag_with_single_sink(current: SupplyChain) -> None:
    """The current graph's only sink is N99 (Finished logic chip)."""
    e = current.edges
    sinks = set(current.inputs.input_id) - set(e.source_id)
    assert sinks == {"N99"}
    assert set(e.relation) == {"goes_into", "is_type_of"}
    assert (e.relation == "goes_into").sum() == 53
