"""Data release 20 (data21b): review 15's data findings 3, 7, 8, 11 and 12.

No share or capacity value moves; the notes, one source_url / as_of pair and the release
notes do. What is pinned here, on the shipped files:
- finding 3: the UMC and GlobalFoundries >45nm rows say that their cited IDM work is 40nm (the
  28-45nm class) and that no >45nm IDM evidence was found for them; the Infineon and Renesas
  >45nm rows state the doubt about their company-wide in-house ratio (release 21, idm22, acted
  on it and replaced the split's values; the notes keep them: automotive 59.6 %, industrial
  40.85 % listed);
- finding 7: the TSMC >45nm estimate rows no longer show the 2012 Reuters page's date: their
  source_url / as_of are the estimate's newest input (NXP's 60/40, 2025-03), Reuters stays in
  the note;
- finding 8: the SEMI 200mm rows no longer say "EPI excluded" or attribute "80-350nm" and "MCU
  and MEMS fabs" to the April 2022 release; the October 2022 release's shares are named; and
  Japan's floor at 10 % is below the model's cell, at 16 % above it (the conclusion rests on
  16 %);
- finding 12: ST's figure is dated October 2017 (Chery then deputy CEO) with Seeking Alpha's
  summary; NXP's 60/40 cites the Morgan Stanley transcript, not the SemiWiki page.
"""

from __future__ import annotations

import pytest

from .coverage_helpers import curated_rows

MORGAN_STANLEY = (
    "https://au.investing.com/news/transcripts/"
    "nxp-at-morgan-stanley-conference-strategic-growth-and-challenges-93CH-3717525"
)
REUTERS = "http://in.reuters.com/article/renesas-chip-shipments-idINT9E8GG02720120528"


def _gt45(market: str) -> dict[str, dict[str, str]]:
    rows = curated_rows("sourcing_shares.csv")
    return {
        r["operator_id"]: r for r in rows if r["market"] == market and r["node_class"] == "gt45"
    }


@pytest.mark.parametrize("market", ["automotive", "industrial"])
def test_umc_and_gf_notes_say_their_evidence_is_40nm(market: str) -> None:
    rows = _gt45(market)
    for op in ("umc", "globalfoundries"):
        note = rows[op]["note"]
        assert "40nm" in note and "28-45nm class" in note, (market, op)
        assert "No source found names an IDM's >45nm wafers" in note, (market, op)
    # the old GF wording that left out the node is gone
    assert (
        "GlobalFoundries makes Infineon's automotive microcontrollers and power-management"
        not in rows["globalfoundries"]["note"]
    )


@pytest.mark.parametrize("market", ["automotive", "industrial"])
def test_infineon_and_renesas_state_the_in_house_doubt(market: str) -> None:
    """Release 21 (idm22) acted on the doubt: the rows now use ~85 % and say why."""
    rows = _gt45(market)
    for op in ("infineon", "renesas"):
        assert "review 15 finding 3" in rows[op]["note"], (market, op)
        assert "~85% for >45nm since release 21 (idm22" in rows[op]["note"], (market, op)


def test_release20_split_values_recorded() -> None:
    """Release 21 (idm22) replaced the values of release 20's split (automotive 9.7 + 8.8 + 7.7 +
    4.8 + 5.4 + 11.4 + 5.7 + 3.4 + 2.7 = 59.6; industrial 7.2 + 4.9 + 4.3 + 1.75 + 2 + 1.4 + 9.5
    + 4.8 + 2.8 + 2.2 = 40.85); each row's note keeps the value it replaced."""
    was = {
        "automotive": {
            "infineon": "9.7",
            "st": "8.8",
            "ti": "7.7",
            "renesas": "4.8",
            "nxp": "5.4",
            "tsmc": "11.4",
            "umc": "5.7",
            "vis": "3.4",
            "globalfoundries": "2.7",
        },
        "industrial": {
            "ti": "7.2",
            "infineon": "4.9",
            "st": "4.3",
            "nxp": "1.75",
            "renesas": "1.4",
            "tsmc": "9.5",
            "umc": "4.8",
            "vis": "2.8",
            "globalfoundries": "2.2",
        },
    }
    for market, ops in was.items():
        rows = _gt45(market)
        assert round(
            sum(float(v) for v in ops.values()) + (2.0 if market == "industrial" else 0), 2
        ) == (59.6 if market == "automotive" else 40.85)
        for op, value in ops.items():
            assert f"Was {value}" in rows[op]["note"], (market, op)
        assert rows.get("onsemi", {"share_pct": "2"})["share_pct"] == "2"


@pytest.mark.parametrize("market", ["automotive", "industrial"])
def test_tsmc_estimate_rows_no_longer_dated_2012(market: str) -> None:
    row = _gt45(market)["tsmc"]
    assert (row["source_url"], row["as_of"]) == (MORGAN_STANLEY, "2025-03")
    assert REUTERS in row["note"]
    assert "review 15 finding 7" in row["note"]


def test_no_foundry_estimate_row_predates_its_inputs() -> None:
    """Every >45nm foundry row of release 20 is dated 2023 or later (its cited page)."""
    for market in ("automotive", "industrial"):
        for op in ("tsmc", "umc", "vis", "globalfoundries"):
            assert _gt45(market)[op]["as_of"] >= "2023-01", (market, op)


def _semi_rows(year: str) -> list[dict[str, str]]:
    return [
        r
        for r in curated_rows("regional_capacity.csv")
        if r["category"] == "200mm fab capacity" and r["year"] == year
    ]


def test_semi_200mm_notes_fixed() -> None:
    rows22, rows23 = _semi_rows("2022"), _semi_rows("2023")
    assert len(rows22) == 4 and len(rows23) == 5
    for r in rows22:
        assert "MCU and MEMS fabs" not in r["note"]
        assert "September 2023 release, not this one: mostly 80-350nm" in r["note"]
        assert "https://www.aap.com.au/aapreleases/cision20221018ae03185/" in r["note"]
        assert "Taiwan 11, Japan 10" in r["note"]
    for r in rows23:
        assert "EPI excluded" not in r["note"]
        assert "refers to the 12 new fabs" in r["note"]
    # the values are the April 2022 / September 2023 shares, unchanged
    jpn = {r["year"]: float(r["share_pct"]) for r in rows22 + rows23 if r["region_code"] == "JPN"}
    assert jpn == {"2022": 16.0, "2023": 16.0}


def test_japan_floor_depends_on_16_percent() -> None:
    """2023: world 200mm 7.7M / 1.14 = 6.754M wafers a month; x 0.444 = 2,998.9 kwspm 300mm-eq.
    Japan's floor adds its listed 300mm (122.8) and 150mm (62.8) >45nm lines. At 16 %:
    479.8 + 185.6 = 665.4 > the model's 516.0; at October 2022's 10 %: 299.9 + 185.6 = 485.5 <
    516.0."""
    world = 7.7e6 / 1.14 * 0.444 / 1000
    listed = 122.8 + 62.8
    assert round(0.16 * world + listed, 1) == 665.4
    assert round(0.10 * world + listed, 1) == 485.5
    assert 0.10 * world + listed < 516.0 < 0.16 * world + listed


@pytest.mark.parametrize("market", ["automotive", "industrial"])
def test_st_and_nxp_sources(market: str) -> None:
    rows = _gt45(market)
    st = rows["st"]["note"]
    assert "then ST's deputy CEO, in October 2017" in st
    assert (
        "https://seekingalpha.com/news/3300435-stm-plans-two-new-30mm-fabs-redeems-400m-bonds-early"
        in st
    )
    assert "ST's CEO Jean-Marc Chery" not in st
    nxp = rows["nxp"]["note"]
    assert MORGAN_STANLEY in nxp
    assert "semiwiki.com" not in nxp
