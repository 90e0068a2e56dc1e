"""The structural analysis verbs end to end: JSON for scripts, tables with sources, exit 2."""

from __future__ import annotations

import json

from .conftest import Runner


def test_shares_of_euv_by_name(cli: Runner) -> None:
    """`shares "EUV lithography tools"` resolves the name and shows NLD and ASML at 100 %."""
    code, out, _ = cli("shares", "EUV lithography tools", "--format", "json")
    assert code == 0
    rows = {(r["provider"], r["share_pct"]) for r in json.loads(out)}
    assert ("NLD", 100.0) in rows and ("ASML", 100.0) in rows


def test_chokepoints_by_firm_include_euv(cli: Runner) -> None:
    """Firm chokepoints at 95 % list ASML for EUV and never an aggregate bucket."""
    code, out, _ = cli("chokepoints", "--by", "firm", "--min-share", "95", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert {"input_id": "N20", "provider": "ASML"}.items() <= next(
        r for r in rows if r["input_id"] == "N20"
    ).items()
    assert not any(r["provider"].startswith("Various") for r in rows)


def test_trace_reaches_finished_chip(cli: Runner) -> None:
    """`trace N20` goes down to N99 and reports its stage."""
    code, out, _ = cli("trace", "N20", "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["reaches_final"] and payload["stage_id"] == "S2"
    assert "N99" in {r["input_id"] for r in payload["downstream"]}


def test_coalition_json_has_summary_and_source(cli: Runner) -> None:
    """`coalition USA JPN` returns its summary, weak links and the data source."""
    code, out, _ = cli("coalition", "usa", "JPN", "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["members"] == ["USA", "JPN"]
    assert 0 < payload["summary"]["n_covered"] < payload["summary"]["n_inputs"]
    assert payload["source"].startswith("ETO") and payload["weak_links"]


def test_shapley_values_sum_to_the_grand_coalition(cli: Runner) -> None:
    """Exact Shapley values from the CLI add up to v(all) − v(none)."""
    code, out, _ = cli("shapley", "USA", "JPN", "NLD", "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["method"] == "exact"
    total = sum(r["shapley_pct"] for r in payload["rows"])
    assert abs(total - (payload["v_all_pct"] - payload["v_none_pct"])) < 1e-5


def test_exact_shapley_values_have_no_standard_error(cli: Runner) -> None:
    """Exact values: the std error column reads "–" and JSON null, and the caption says the
    values are exact (review 24, finding 3: it read 0.0, as if measured)."""
    code, out, _ = cli("shapley", "USA", "JPN")
    assert code == 0
    rows = [ln.split("│") for ln in out.splitlines() if ln.startswith(("│ USA", "│ JPN"))]
    assert [r[3].strip() for r in rows] == ["–", "–"]
    assert "The values are exact (every coalition counted): no standard error (–)" in " ".join(
        out.split()
    )
    _, js, _ = cli("shapley", "USA", "JPN", "--format", "json")
    assert [r["std_error_pct"] for r in json.loads(js)["rows"]] == [None, None]


def test_synergy_table_with_source_and_undefined_ratio(cli: Runner) -> None:
    """Two groups that cover nothing print an undefined ratio instead of failing."""
    code, out, _ = cli("synergy", "AUT", "CHE", "--threshold", "100")
    said = " ".join(out.split())
    assert code == 0 and "sum of each alone: undefined" in said and "ETO" in said
    assert "Alone, AUT covers 0 of the 75 inputs and CHE 0" in said


def test_synergy_of_overlapping_groups_exits_2_naming_the_shared(cli: Runner) -> None:
    """Review 4, finding 3: `synergy QUAD CHIP4` printed "USA+JPN+USA+JPN+KOR+TWN" and a synergy
    of −66.7 points (USA and JPN counted in both). It now exits 2, in every format, naming the
    shared countries, and offers the disjoint question, which runs: KOR and TWN add 4.0 points
    to the Quad, and the union's label lists each country once."""
    for fmt in ("table", "json", "csv"):
        code, out, err = cli("synergy", "QUAD", "CHIP4", "--format", fmt)
        assert code == 2 and out == "" and "-66.7" not in err
        assert err.startswith("error: chipshock synergy: GROUP_B: QUAD and CHIP4 share USA, JPN:")
        assert "its other members, IND, AUS, have no supply-chain data" in err
        assert (
            "what the rest of CHIP4 (KOR, TWN) adds to QUAD: chipshock synergy QUAD KOR,TWN" in err
        )
    code, out, err = cli("synergy", "EU27", "NLD", "--threshold", "40")
    assert code == 2 and "EU27 and NLD share NLD" in err and "NLD is in EU27" in err
    assert "chipshock synergy AUT,CZE,FRA,DEU,HUN,ITA,LUX,SWE NLD --threshold 40." in err
    code, out, _ = cli("synergy", "QUAD", "KOR,TWN", "--format", "json")
    body = json.loads(out)
    assert code == 0 and (body["group_a"], body["group_b"]) == (["USA", "JPN"], ["KOR", "TWN"])
    assert (body["v_union_pct"], body["synergy_pct"]) == (73.333333, 4.0)
    code, out, _ = cli("synergy", "QUAD", "KOR,TWN", "--format", "csv")
    assert code == 0 and "USA+JPN+KOR+TWN,73.333333" in out
    caption = " ".join(cli("synergy", "QUAD", "KOR,TWN")[1].split())  # the table's, unwrapped
    assert "QUAD = USA JPN IND AUS; no supply-chain data (supply nothing here): IND AUS" in caption


def test_unknown_country_exits_2_with_suggestion(cli: Runner) -> None:
    """A misspelt country code names the argument and suggests the right one."""
    code, _, err = cli("coalition", "USA", "JPNN")
    assert code == 2 and "'JPNN'" in err and "JPN" in err


def test_bad_by_option_exits_2(cli: Runner) -> None:
    """`--by` accepts only country or firm."""
    code, _, err = cli("criticality", "--by", "region")
    assert code == 2 and "--by" in err


def test_criticality_caption_says_fab_capacity_is_not_ranked(cli: Runner) -> None:
    """Taiwan ranks low on the ETO's inputs; the table's caption says why (wafer fabrication
    is not one of them) and where fab capacity is analysed, in the shared words."""
    from chipshock.present.coverage_notes import criticality_scope

    code, out, _ = cli("criticality", "--top", "15")
    assert code == 0 and "TWN" in out
    flat = " ".join(out.split())  # Rich wraps the caption at the terminal's width
    assert " ".join(criticality_scope("en").split()) in flat
    assert "chipshock capacity" in flat and "taiwan-blockade-2027-6m" in flat


def test_trace_says_when_nothing_is_upstream(cli: Runner) -> None:
    """EUV tools have no recorded input: the terminal says so in a sentence instead of an empty
    "upstream" table; JSON keeps the empty list."""
    code, out, _ = cli("trace", "EUV lithography tools")
    flat = " ".join(out.split())
    assert code == 0
    assert "upstream: nothing upstream of EUV lithography tools is recorded in the ETO" in flat
    assert "no input is listed as going into it." in flat
    assert "what goes into it" not in flat  # the empty table's caption
    assert flat.count("┃ depth") == 1  # the downstream table alone
    code, out, _ = cli("trace", "EUV lithography tools", "--format", "json")
    assert code == 0 and json.loads(out)["upstream"] == []


def test_criticality_caption_explains_share_lost_sum(cli: Runner) -> None:
    """The "share lost sum" column is explained with its unit (whole inputs) in the caption."""
    code, out, _ = cli("criticality", "--top", "3")
    flat = " ".join(out.split())
    assert code == 0 and "share lost sum" in flat
    assert "share lost sum = the world supply lost if the provider is cut off" in flat
    assert "counted in whole inputs: its percent shares summed over the assessed inputs, ÷ 100" in (
        flat
    )
