"""IDM vs foundry splits per end market (data release 5): smartphones, PCs, industrial and
consumer have sourcing rows, each an estimate with its method, low confidence and a source;
bad values in those rows are named like any other."""

from __future__ import annotations

from pathlib import Path

from chipshock.data.curated import load_curated, read_curated
from chipshock.data.store import default_paths

from .conftest import edit

MARKETS = ("smartphones", "pcs", "industrial", "consumer")


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


def test_each_market_has_its_split_with_method_and_source() -> None:
    """Every one of the four markets lists operators for at least one class, each row low
    confidence with 'assumption: estimate from ...', a web source and a date; IDMs (intel, ti,
    infineon) and foundries (tsmc, umc, smic) both appear."""
    shares = read_curated(default_paths().curated).sourcing_shares
    for market in MARKETS:
        rows = shares[shares["market"] == market]
        assert not rows.empty, market
        assert set(rows["confidence"]) == {"low"}, market
        assert rows["note"].str.startswith("assumption: estimate from").all(), market
        assert rows["source_url"].str.startswith("http").all(), market
        assert rows["as_of"].str.match(r"^\d{4}-\d{2}$").all(), market
        for _, cell in rows.groupby("node_class"):
            assert cell["share_pct"].astype(float).sum() <= 100.0
    ops = set(shares[shares["market"].isin(MARKETS)]["operator_id"])
    assert {"intel", "ti", "infineon"} <= ops and {"tsmc", "umc", "smic"} <= ops


def test_bad_share_in_a_new_market_row_is_named(curated_dir: Path) -> None:
    """A non-numeric share in a smartphones row names file, row, column, value."""
    path = curated_dir / "sourcing_shares.csv"
    edit(path, "smartphones,lt10,tsmc,85", "smartphones,lt10,tsmc,most")
    msgs = _errors(curated_dir)
    assert any(
        "sourcing_shares.csv" in m and "column 'share_pct'" in m and "'most'" in m and "row" in m
        for m in msgs
    ), msgs


def test_new_market_rows_over_100_are_an_error(curated_dir: Path) -> None:
    """Raising TSMC's PC lt10 share past 100 with Intel's 25 is reported with the sum."""
    edit(curated_dir / "sourcing_shares.csv", "pcs,lt10,tsmc,70", "pcs,lt10,tsmc,90")
    msgs = _errors(curated_dir)
    assert any(
        "market pcs, class lt10 add up to more than 100" in m and "'115'" in m for m in msgs
    ), msgs


def test_bad_operator_in_a_new_market_row_is_named(curated_dir: Path) -> None:
    """An operator id with capitals in an industrial row is an error at that cell."""
    edit(
        curated_dir / "sourcing_shares.csv",
        "industrial,gt45,ti,4.32",
        "industrial,gt45,Texas Instruments,4.32",
    )
    msgs = _errors(curated_dir)
    assert any(
        "column 'operator_id'" in m and "'Texas Instruments'" in m and "lowercase id" in m
        for m in msgs
    ), msgs
