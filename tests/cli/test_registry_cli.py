"""`chipshock fabs --capacity-in YEAR [--reconcile]`: capacity per year with its source."""

from __future__ import annotations

import json
import re

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
    assert rows[("gallium", "CHN")]["share_pct"] == 99.0
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


def test_material_substitutes_are_said_to_be_text_only(cli: Runner) -> None:
    """Review 11, finding 6: materials.csv's substitutes do not move the model; the trace
    (table caption and JSON) and the material chokepoints caption say so, and the trace names
    the stockpile's parameter."""
    code, out, _ = cli("trace", "neon")
    flat = " ".join(out.split())
    assert code == 0 and "buffer_weeks.neon" in flat
    assert "the engine does not read it" in flat and "substitute_input_ids" in flat
    code, out, _ = cli("trace", "neon", "--format", "json")
    assert "the engine does not read it" in json.loads(out)["substitutes_note"]
    code, out, _ = cli("chokepoints", "--materials")
    assert code == 0 and "the engine does not read it" in " ".join(out.split())


def test_material_trace_caption_ends_its_sentence(cli: Runner) -> None:
    """The trace's caption closes its sentence before the next one ("… substitute_input_ids)).
    Cells ending …" read as one run-on sentence before session 24)."""
    code, out, _ = cli("trace", "gallium")
    flat = " ".join(out.split())
    assert code == 0 and "substitute_input_ids))." in flat
    assert "substitute_input_ids)) " not in flat


def test_coalition_accepts_group_codes(cli: Runner) -> None:
    """CHIP4 and EU27 expand to their members; EU members without ETO data are named, not
    rejected (Belgium), and the result equals listing the members by hand."""
    code, out, _ = cli("coalition", "CHIP4", "EU27", "--format", "json")
    assert code == 0
    grouped = json.loads(out)
    assert {"USA", "JPN", "KOR", "TWN", "DEU", "NLD"} <= set(grouped["members"])
    assert "BEL" in grouped["without_data"] and len(grouped["groups"]["EU27"]) == 27
    code, out, _ = cli("coalition", *grouped["members"], "--format", "json")
    assert json.loads(out)["summary"] == grouped["summary"]


def test_shapley_and_synergy_accept_groups(cli: Runner) -> None:
    """Group codes work in shapley and synergy too."""
    code, out, _ = cli("shapley", "QUAD", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert {r["member"] for r in payload["rows"]} == {"USA", "JPN"}
    assert payload["without_data"] == ["IND", "AUS"]
    code, _, _ = cli("synergy", "CHIP4", "EU27,GBR")
    assert code == 0


def test_unknown_code_lists_valid_countries_and_groups(cli: Runner) -> None:
    """An unknown code exits 2 and lists the country codes and the group codes."""
    code, _, err = cli("coalition", "USA", "EUU")
    assert code == 2 and "EUU" in err and "EU27" in err and "CHIP4" in err and "JPN" in err


def test_deliverables_status_tracker(cli: Runner) -> None:
    """The tracker lists the visit's semiconductor items and milestones with a status each;
    Rapidus' first 2nm wafers are done, the Natcast agreement is cancelled."""
    code, out, _ = cli("deliverables", "--status", "--format", "json")
    assert code == 0
    rows = {r["item_id"]: r for r in json.loads(out)}
    assert rows["rapidus-first-2nm-wafers"]["status"] == "done"
    assert rows["natcast-agreement"]["status"] == "cancelled"
    assert all(r["status_as_of"] and r["source_url"] for r in rows.values())
    assert {r["status"] for r in rows.values()} >= {"announced", "under-way", "done", "delayed"}


def test_deliverables_status_filter_and_bad_status(cli: Runner) -> None:
    """--only keeps one status; an unknown status exits 2 and lists the vocabulary."""
    code, out, _ = cli("deliverables", "--status", "--only", "delayed", "--format", "json")
    assert code == 0 and {r["status"] for r in json.loads(out)} == {"delayed"}
    code, _, err = cli("deliverables", "--status", "--only", "late")
    assert code == 2 and "late" in err and "under-way" in err


def test_coverage_shows_each_region_and_class_against_the_aim(cli: Runner) -> None:
    """`fabs --coverage` on the shipped data: coverage = itemised / total per region and class,
    remainder = total - itemised, a WORLD row per class that sums the regions, and the cells
    below 90% named in the caption."""
    code, out, _ = cli("fabs", "--capacity-in", "2025", "--coverage", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    for r in rows:
        assert abs(r["total_kwspm"] - r["itemised_kwspm"] - r["remainder_kwspm"]) < 0.11
        if r["total_kwspm"] > 20:  # below, the rounding of the total to 0.1 kwspm shows
            ratio = 100 * r["itemised_kwspm"] / r["total_kwspm"]
            assert abs(r["coverage_pct"] - ratio) < 1.0, r
            assert r["meets_target"] == (r["coverage_pct"] >= 90), r
    world = {r["node_class"]: r for r in rows if r["region"] == "WORLD"}
    assert set(world) == {"lt10", "n10_22", "n28_45", "gt45", "dram", "nand"}
    for c, w in world.items():
        regional = [r for r in rows if r["node_class"] == c and r["region"] != "WORLD"]
        assert abs(sum(r["itemised_kwspm"] for r in regional) - w["itemised_kwspm"]) < 0.5
    # the shipped registry is honest about where it falls short: no leading-edge fab in the
    # rest of the world
    row = {r["node_class"]: r for r in rows if r["region"] == "ROW"}
    assert row["lt10"]["coverage_pct"] == 0 and not row["lt10"]["meets_target"]
    code, table, _ = cli("fabs", "--capacity-in", "2025", "--coverage")
    # one decimal for every cell of the line, its 0 too (review 24, finding 2: "0%", "73%")
    flat = " ".join(table.split())
    assert code == 0 and "ROW lt10 0.0%" in flat and "TWN lt10 73.0%" in flat
    assert not re.search(r"(?<![\d.])\d+%", flat.split("below it:")[1].split(". coverage_pct")[0])
    code, csv_out, _ = cli("fabs", "--capacity-in", "2025", "--coverage", "--format", "csv")
    assert code == 0 and csv_out.splitlines()[0].startswith("region,node_class,total_kwspm")


def test_coverage_without_year_exits_2(cli: Runner) -> None:
    """--coverage needs --capacity-in; the error names the option."""
    code, _, err = cli("fabs", "--coverage")
    assert code == 2 and "--capacity-in" in err and "--coverage" in err


def test_amount_totals_write_amounts_as_every_surface(cli: Runner) -> None:
    """`deliverables --totals sector`: one format in the amount column (the shared
    `fmt_usd_amount`), and a sector with no known amount shows none, not 0."""
    code, out, _ = cli("deliverables", "--totals", "sector", "--format", "json")
    assert code == 0
    rows = {r["sector"]: r for r in json.loads(out)}
    semis = rows["semiconductors"]
    assert semis["n_with_amount"] == 0 and semis["amount_usd"] is None and semis["amount"] == "–"
    aviation = rows["aviation"]
    assert aviation["amount_usd"] == 55_700_000 and aviation["amount"] == "USD 56 m"
    code, out, _ = cli("deliverables", "--totals", "sector")
    flat = " ".join(out.split())
    assert code == 0 and "USD 56 m" in flat and "55,700,000" not in flat
