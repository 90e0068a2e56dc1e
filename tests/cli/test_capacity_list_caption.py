"""`chipshock fabs --capacity-in YEAR`: the caption names the selected fabs without a capacity
row, and says so when there is none (audit31: "0 selected wafer fabs have no capacity row and
count as 0:." with an empty list after the colon)."""

from __future__ import annotations

from tests.cli.conftest import Runner


def test_no_fab_without_capacity_reads_as_none(cli: Runner) -> None:
    code, out, err = cli("fabs", "--operator", "rapidus", "--capacity-in", "2028")
    said = " ".join(out.split())
    assert code == 0, err
    assert "Every selected wafer fab has a capacity row." in said
    assert "0 selected" not in said and "count as 0:" not in said
    code, out, _ = cli("fabs", "--operator", "rapidus", "--capacity-in", "2028", "--lang", "ja")
    assert code == 0 and "選択中の工場にはすべて生産能力の行があります。" in "".join(out.split())


def test_fabs_without_capacity_are_named(cli: Runner) -> None:
    """Japan's registry has one wafer fab without any capacity row (Kioxia Kitakami K2)."""
    code, out, err = cli("fabs", "--country", "JPN", "--capacity-in", "2027")
    said = " ".join(out.split())
    assert code == 0, err
    assert "1 selected wafer fab has no capacity row and counts as 0: kioxia-kitakami-k2" in said
