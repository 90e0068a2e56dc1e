"""`chipshock capacity` names, in its caption, the registry fabs that count as zero."""

from __future__ import annotations

from .conftest import Runner


def test_capacity_caption_names_the_fabs_without_capacity(cli: Runner) -> None:
    """The 10 wafer fabs without a fab_capacity.csv row, by name and id (the dashboard's and
    the report's words); JSON output is rows only, as before."""
    code, out, _ = cli("capacity", "--year", "2027", "--by", "region")
    flat = " ".join(out.split())  # Rich wraps the caption at the terminal's width
    assert code == 0
    # 10 since data release 12 (CR Micro Runpeng Shenzhen got its capacity; 11 before)
    assert "10 fabs in the registry have no capacity figure and count as zero:" in flat
    assert "(kioxia-kitakami-k2)" in flat and "(micron-manassas)" in flat
    code, out, _ = cli("capacity", "--year", "2027", "--format", "json")
    assert code == 0 and out.lstrip().startswith("[") and "kioxia-kitakami-k2" not in out
