"""`chipshock capacity --notes` names, in its caption, the registry fabs that count as zero and
the fabs whose capacity fell, and says what each column means; without it the caption is short
(unit, every source file, the counts of those fabs)."""

from __future__ import annotations

from .conftest import Runner


def test_capacity_caption_names_the_fabs_without_capacity(cli: Runner) -> None:
    """The 9 wafer fabs without a fab_capacity.csv row, by name (the dashboard's and
    the report's words); JSON output is rows only, as before."""
    code, out, _ = cli("capacity", "--year", "2027", "--by", "region", "--notes")
    flat = " ".join(out.split())  # Rich wraps the caption at the terminal's width
    assert code == 0
    # 10 since data release 12 (CR Micro Runpeng Shenzhen got its capacity; 11 before); 9 since
    # release 15 (Micron Manassas got its capacity)
    assert "9 fabs in the registry have no capacity figure and count as zero:" in flat
    assert "Kioxia Kitakami Fab 2 (K2)" in flat and "(ex-Dominion Semiconductor)" not in flat
    code, out, _ = cli("capacity", "--year", "2027", "--format", "json")
    assert code == 0 and out.lstrip().startswith("[") and "kioxia-kitakami-k2" not in out


def test_capacity_caption_says_what_fab_adjustment_is(cli: Runner) -> None:
    """In 2027 Europe's and China's lt10 fabs exceed their regional totals: the rows show it as
    a negative residual and a fab adjustment with no fab switched, and the caption says that
    this is capacity normal demand is not scaled to (review 4 #11)."""
    code, out, _ = cli("capacity", "--year", "2027", "--format", "csv")
    assert code == 0
    eur = next(line for line in out.splitlines() if line.startswith("2027,EUR,lt10,"))
    assert ",-6.6," in eur and ",6.6," in eur
    code, out, _ = cli("capacity", "--year", "2027", "--by", "region", "--notes")
    flat = " ".join(out.split())
    assert (
        "fab adjustment (which also counts fabs switched off or on) is capacity that normal "
        "demand is not scaled to" in flat
    )


def test_capacity_and_coverage_name_the_closed_fab_the_remainder_holds(cli: Runner) -> None:
    """Review 11, finding 1: PSMC Tongluo (TWN n28_45, 25k wpm) closes in 2026, but Taiwan's
    28-45 nm capacity does not fall, as the regional total does not fall with it: `capacity`
    and `fabs --coverage` say so for 2026, naming the fab; for 2025, before it closes, they do
    not name it."""
    code, out, _ = cli("capacity", "--year", "2026", "--by", "region", "--notes")
    flat = " ".join(out.split())
    assert code == 0
    assert "2026: itemised fabs whose capacity fell since their cell's observed year" in flat
    assert "TWN n28_45 (remainder holds 50.0 of 50.0 kwspm): " in flat
    assert "PSMC Tongluo 12-inch fab (phase 1) (psmc-tongluo) 25 kwspm in 2025 -> 0" in flat
    assert '"other fabs" remainder holds the capacity they leave, as far as the total' in flat
    code, out, _ = cli("fabs", "--capacity-in", "2026", "--coverage")
    flat = " ".join(out.split())
    assert code == 0 and "(psmc-tongluo) 25 kwspm in 2025 -> 0" in flat
    code, out, _ = cli("capacity", "--year", "2025", "--by", "region", "--notes")
    assert code == 0 and "psmc-tongluo" not in " ".join(out.split())


def test_capacity_caption_is_short_without_notes(cli: Runner) -> None:
    """Session 25's review: the caption ran to ~25 lines. Without --notes it keeps the unit,
    every source file and the counts of the fabs --notes names, in at most a third of the
    length; the table and the csv are the same either way."""
    _, short, _ = cli("capacity", "--year", "2026", "--by", "region")
    _, full, _ = cli("capacity", "--year", "2026", "--by", "region", "--notes")
    flat = " ".join(short.split())
    for source in (
        "regional_capacity.csv",
        "global_capacity.csv",
        "fab_capacity.csv",
        "remainder_operators.csv",
        "share source in --format csv or json",
    ):
        assert source in flat, source
    assert "9 fabs in the registry have no capacity figure and count as zero;" in flat
    assert "itemised fabs lost capacity since the cell's observed year" in flat
    assert "psmc-tongluo" not in flat and "(--notes names them)" in flat
    table = short.split("kwspm = thousand")[0]
    assert full.startswith(table)
    assert len(short) - len(table) < (len(full) - len(table)) / 3
    csv = cli("capacity", "--year", "2026", "--format", "csv")[1]
    assert cli("capacity", "--year", "2026", "--format", "csv", "--notes")[1] == csv
