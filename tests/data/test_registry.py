"""Fab registry v2 (CONTRACT.md): new columns, capacity over time, sourcing shares, groups.

Real shipped data for the shape, tiny edits of a copy for every error case: each error names
file, row, column, the bad value and what was expected, and nothing is loaded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chipshock.data.curated import load_curated, read_curated
from chipshock.data.store import default_paths, load_alliance
from chipshock.errors import ValidationFailed
from chipshock.model.chain import SupplyChain
from chipshock.model.registry_schema import FAB_STATUSES, WAFER_300MM_EQUIVALENT

from .conftest import edit


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


def test_shipped_registry_follows_the_contract() -> None:
    """Every fab has an operator id and a wafer size; statuses use the new vocabulary."""
    data = read_curated(default_paths().curated)
    fabs = data.fabs
    assert fabs["operator_id"].notna().all()
    assert set(fabs["wafer_size_mm"].astype(int)) <= {150, 200, 300}
    assert set(fabs["status"]) <= set(FAB_STATUSES) and "planned" not in set(fabs["status"])
    jasm = fabs.set_index("fab_id").loc["jasm-kumamoto-fab1"]
    assert jasm["operator_id"] == "tsmc"


def test_shipped_capacity_rows_point_at_wafer_fabs() -> None:
    """Every capacity row names a wafer fab of fabs.csv; estimates are low confidence."""
    data = read_curated(default_paths().curated)
    cap, fabs = data.fab_capacity, data.fabs.set_index("fab_id")
    assert set(cap["fab_id"]) <= set(fabs.index)
    assert (fabs.loc[cap["fab_id"], "segment"] != "packaging").all()
    estimates = cap["method"].str.startswith("estimate: ")
    assert (cap.loc[estimates, "confidence"] == "low").all()
    esmc = cap[cap["fab_id"] == "esmc-dresden"].set_index("year")["capacity_wspm"]
    assert esmc.loc[2029] == 40000.0


def test_shipped_groups_have_their_members() -> None:
    """EU27 has 27 members, G7 7, CHIP4 and QUAD 4; the EUR region is the EU-27."""
    groups = read_curated(default_paths().curated).country_groups
    members = groups.groupby("group_code")["country_code"].apply(set)
    assert len(members["EU27"]) == 27 and "BEL" in members["EU27"]
    assert "GBR" not in members["EU27"] and "GBR" in members["G7"]
    assert len(members["G7"]) == 7
    assert members["CHIP4"] == {"USA", "JPN", "KOR", "TWN"}
    assert members["QUAD"] == {"USA", "JPN", "IND", "AUS"}
    assert members["EUR"] == members["EU27"]


def test_shipped_sourcing_shares_add_to_at_most_100() -> None:
    """Within each (market, class) the itemised shares leave a non-negative remainder."""
    src = read_curated(default_paths().curated).sourcing_shares
    totals = src.groupby(["market", "node_class"])["share_pct"].sum()
    assert (totals <= 100.5).all()
    assert totals.loc[("all", "dram")] == pytest.approx(100.0)


def test_200mm_counts_as_four_ninths_of_a_300mm_wafer() -> None:
    """(200/300)^2 = 0.444..., the 300 mm-equivalent factor of the contract."""
    assert WAFER_300MM_EQUIVALENT[200] == pytest.approx(4 / 9)
    assert WAFER_300MM_EQUIVALENT[300] == 1.0


def test_store_holds_the_new_tables(built_store: Path) -> None:
    """The store keeps the three new tables with their sources."""
    a = load_alliance(built_store)
    for table in (a.fab_capacity, a.sourcing_shares, a.country_groups):
        assert len(table) > 0 and table["source_url"].notna().all()
    assert a.fab_capacity["year"].dtype == "Int64"


def test_unknown_fab_in_capacity(curated_dir: Path) -> None:
    """A capacity row for a fab that fabs.csv does not list is an error at that cell."""
    edit(curated_dir / "fab_capacity.csv", "esmc-dresden,n10_22,2028", "esmc-dresdn,n10_22,2028")
    msgs = _errors(curated_dir)
    assert any(
        "fab_capacity.csv, row 4, column 'fab_id': unknown fab (got 'esmc-dresdn'" in m
        and "a fab_id of fabs.csv" in m
        for m in msgs
    )
    with pytest.raises(ValidationFailed):
        read_curated(curated_dir)


def test_estimate_must_be_low_confidence(curated_dir: Path) -> None:
    """An estimated capacity labelled medium is reported at the confidence column."""
    path = curated_dir / "fab_capacity.csv"
    edit(path, "2024-08,low,assumption: half", "2024-08,medium,assumption: half")
    msgs = _errors(curated_dir)
    assert any("column 'confidence'" in m and "expected low" in m for m in msgs)


def test_unknown_method(curated_dir: Path) -> None:
    """A method outside reported / press / estimate: is rejected with the expected values."""
    edit(curated_dir / "fab_capacity.csv", ",P1,reported,", ",P1,guess,")
    msgs = _errors(curated_dir)
    assert any("column 'method'" in m and "'guess'" in m and "estimate: " in m for m in msgs)


def test_capacity_for_a_packaging_fab(curated_dir: Path) -> None:
    """Packaging fabs carry no wafer capacity."""
    path = curated_dir / "fab_capacity.csv"
    edit(path, "skhynix-icheon-m16,dram,2021", "tsmc-ap6-zhunan,dram,2021")
    assert any("packaging fab has no wafer capacity" in m for m in _errors(curated_dir))


def test_bad_wafer_size_and_operator_id(curated_dir: Path) -> None:
    """Wafer sizes are 150, 200 or 300; operator ids are lowercase."""
    path = curated_dir / "fabs.csv"
    edit(path, "Rapidus,rapidus,JPN,JPN", "Rapidus,Rapidus Corp,JPN,JPN")
    edit(path, "logic,2,300,,ramping", "logic,2,450,,ramping")
    msgs = _errors(curated_dir)
    assert any("column 'operator_id'" in m and "'Rapidus Corp'" in m for m in msgs)
    assert any(
        "column 'wafer_size_mm'" in m and "'450'" in m and "150, 200, 300" in m for m in msgs
    )


def test_old_planned_status_is_rejected(curated_dir: Path) -> None:
    """Release 1's ``planned`` is no longer a status; the error lists the new vocabulary."""
    edit(curated_dir / "fabs.csv", ",announced,2029,", ",planned,2029,")
    msgs = _errors(curated_dir)
    assert any("'planned'" in m and "announced" in m for m in msgs)


def test_sourcing_shares_over_100(curated_dir: Path) -> None:
    """Shares of one market and class adding to more than 100 are reported with the sum."""
    edit(curated_dir / "sourcing_shares.csv", "all,dram,micron,16.8", "all,dram,micron,26.8")
    msgs = _errors(curated_dir)
    assert any("add up to more than 100" in m and "'110'" in m for m in msgs)


def test_sourcing_unknown_market(curated_dir: Path) -> None:
    """The market is an end market or ``all``."""
    edit(curated_dir / "sourcing_shares.csv", "all,nand,micron", "phones,nand,micron")
    msgs = _errors(curated_dir)
    assert any("column 'market'" in m and "'phones'" in m and "all" in m for m in msgs)


def test_foundry_market_rows_are_checked_like_the_others(curated_dir: Path) -> None:
    """The reference market ``foundry`` (release 4) is a valid market, a misspelling of it is
    named with the valid ones, and its shares may not add to more than 100 either."""
    assert not _errors(curated_dir)
    edit(curated_dir / "sourcing_shares.csv", "foundry,lt10,samsung,15", "foundri,lt10,samsung,15")
    msgs = _errors(curated_dir)
    assert any(
        "sourcing_shares.csv" in m
        and "row" in m
        and "column 'market'" in m
        and "'foundri'" in m
        and "foundry" in m
        for m in msgs
    ), msgs


def test_foundry_shares_over_100(curated_dir: Path) -> None:
    """foundry lt10: TSMC 80 + Samsung 15; raising Samsung to 25 is reported with the sum."""
    edit(curated_dir / "sourcing_shares.csv", "foundry,lt10,samsung,15", "foundry,lt10,samsung,25")
    msgs = _errors(curated_dir)
    assert any("foundry, class lt10" in m and "'105'" in m for m in msgs), msgs


def test_new_capacity_rows_need_a_known_fab_and_low_estimates(curated_dir: Path) -> None:
    """A capacity row of release 4 pointing at a misspelt fab, or an estimate labelled medium,
    is named with file, row, column and value."""
    edit(curated_dir / "fab_capacity.csv", "renesas-kofu,gt45,2026", "renesas-kofo,gt45,2026")
    edit(
        curated_dir / "fab_capacity.csv", "idxno=106645,2022-11,low", "idxno=106645,2022-11,medium"
    )
    msgs = _errors(curated_dir)
    assert any("fab_capacity.csv" in m and "'renesas-kofo'" in m for m in msgs), msgs
    assert any("fab_capacity.csv" in m and "column 'confidence'" in m for m in msgs), msgs


def test_bad_group_codes(curated_dir: Path) -> None:
    """Group codes are short capitals; members are ISO alpha-3 codes."""
    path = curated_dir / "country_groups.csv"
    edit(path, "QUAD,IND,", "quad,IND,")
    edit(path, "G7,CAN,", "G7,Canada,")
    msgs = _errors(curated_dir)
    assert any("column 'group_code'" in m and "'quad'" in m for m in msgs)
    assert any("column 'country_code'" in m and "'Canada'" in m for m in msgs)


def test_shipped_materials_cover_the_chokepoints_of_the_issue() -> None:
    """Gallium, germanium, neon, rare earths, quartz, fluorspar and tungsten are materials;
    every stage of every material sums to 100."""
    data = load_curated(default_paths().curated)
    mats, supply = data.tables["materials"], data.tables["material_supply"]
    assert {"gallium", "germanium", "neon", "rare_earths", "high_purity_quartz"} <= set(
        mats["material_id"]
    )
    assert {"fluorspar", "tungsten"} <= set(mats["material_id"])
    sums = supply.groupby(["material_id", "stage"])["share_pct"].sum()
    assert ((sums - 100).abs() <= 0.5).all()
    re = supply[(supply["material_id"] == "rare_earths") & (supply["stage"] == "refining")]
    assert float(re.loc[re["country"] == "CHN", "share_pct"].iloc[0]) == 92.0


def test_material_shares_must_sum_to_100(curated_dir: Path) -> None:
    """A stage that does not sum to 100 names the material, the stage and the sum."""
    edit(curated_dir / "material_supply.csv", "tungsten,mining,VNM,4,", "tungsten,mining,VNM,14,")
    msgs = _errors(curated_dir)
    assert any("tungsten (mining) do not add up to 100" in m and "'110'" in m for m in msgs)


def test_material_supply_for_an_unknown_material(curated_dir: Path) -> None:
    """Supply rows must name a material of materials.csv."""
    edit(curated_dir / "material_supply.csv", "tungsten,mining,RUS", "wolfram,mining,RUS")
    msgs = _errors(curated_dir)
    assert any("unknown material" in m and "'wolfram'" in m for m in msgs)


def test_material_bad_node_class_and_stockpile_order(curated_dir: Path) -> None:
    """Node classes come from the engine's vocabulary; stockpile low <= central <= high."""
    path = curated_dir / "materials.csv"
    edit(path, "N26,gt45,GaAs", "N26,gt40,GaAs")
    edit(
        path,
        "RF and power devices (compound semiconductors),12,4,26",
        "RF and power devices (compound semiconductors),12,14,26",
    )
    msgs = _errors(curated_dir)
    assert any("column 'node_classes'" in m and "'gt40'" in m for m in msgs)
    assert any("stockpile bounds out of order" in m for m in msgs)


def test_every_provider_and_fab_country_belongs_to_a_region_or_group(chain: SupplyChain) -> None:
    """Each country an ETO provider or a fab is attributed to is a region code of
    regional_capacity.csv or a member of some group, so groups and regions cover the data."""
    data = read_curated(default_paths().curated)
    members = set(data.country_groups["country_code"])
    regions = set(data.regional_capacity["region_code"])
    orgs = chain.providers[~chain.providers["is_aggregate"]]
    countries = set(orgs["hq_country"].dropna().astype(str))
    countries |= set(orgs.loc[orgs["provider_type"] == "country", "name"].astype(str))
    countries |= set(data.fabs["country"]) | set(data.fabs["operator_hq_country"])
    assert countries - members - regions == set()


def test_tracker_unknown_parent_and_status(curated_dir: Path) -> None:
    """A milestone's parent must exist; statuses come from the tracker vocabulary."""
    path = curated_dir / "alliance_tracker.csv"
    edit(path, "rapidus-pilot-line,ibm-rapidus-2nm,", "rapidus-pilot-line,ibm-rapidus-3nm,")
    edit(path, ",done,2025-04,", ",finished,2025-04,")
    msgs = _errors(curated_dir)
    assert any("column 'parent_item_id'" in m and "'ibm-rapidus-3nm'" in m for m in msgs)
    assert any("column 'status'" in m and "'finished'" in m and "under-way" in m for m in msgs)


def test_tracker_context_items_and_fab_links(curated_dir: Path) -> None:
    """Review 12, findings 5 and 6: a ``context`` item (U.S. CHIPS Act fabs without a Japanese
    party) is a top item, no row under it names Japan, and a row's ``fab_id`` is a fab of
    fabs.csv; each broken rule is refused with its column and value."""
    shipped = read_curated(default_paths().curated).alliance_tracker.set_index("item_id")
    assert shipped.loc["us-chips-act-context", "kind"] == "context"
    assert shipped.loc["intel-ohio", "parent_item_id"] == "us-chips-act-context"
    assert shipped.loc["rapidus-mass-production", "fab_id"] == "rapidus-iim1"
    path = curated_dir / "alliance_tracker.csv"
    edit(path, "intel-ohio,us-chips-act-context,milestone,", "intel-ohio,,context,")
    edit(path, ",USA,2030,delayed,2025-03,intel-ohio-one,", ",USA,2030,delayed,2025-03,intel-ohio,")
    edit(path, "Samsung; U.S. Commerce,USA;KOR,", "Samsung; U.S. Commerce,USA;KOR;JPN,")
    edit(path, "us-chips-act-context,,context,", "us-chips-act-context,intel-ohio,context,")
    msgs = _errors(curated_dir)
    assert any("context item under another" in m and "'intel-ohio'" in m for m in msgs)
    assert any("naming Japan under a context item" in m for m in msgs)
    assert any("column 'fab_id'" in m and "unknown fab" in m and "'intel-ohio'" in m for m in msgs)


def test_umbrella_parts_name_their_umbrella_and_stay_within_it(curated_dir: Path) -> None:
    """Session 21: a deliverable names its umbrella in ``part_of`` (before, a note's "part of the
    USD 110m umbrella" was parsed). A part naming no row, or a row that is itself a part, is
    refused at that cell; an umbrella smaller than its parts' known amounts (USD 50m here) is
    refused at its amount_usd, naming the parts."""
    shipped = read_curated(default_paths().curated).deliverables.set_index("deliverable_id")
    assert shipped.loc["uw-tsukuba-ai", "part_of"] == "university-ai-partnerships"
    assert shipped.loc["cmu-keio-ai", "part_of"] == "university-ai-partnerships"
    path = curated_dir / "alliance_deliverables.csv"
    edit(path, "cmu-keio-ai,university-ai-partnerships,", "cmu-keio-ai,university-ai,")
    edit(path, "toyota-nc-battery,,", "toyota-nc-battery,uw-tsukuba-ai,")
    edit(path, ",AI,partnership,110000000,110000000,", ",AI,partnership,40000000,40000000,")
    msgs = _errors(curated_dir)
    unknown = [m for m in msgs if "column 'part_of'" in m and "'university-ai'" in m]
    assert len(unknown) == 1 and "alliance_deliverables.csv, row 7" in unknown[0]
    assert "unknown deliverable" in unknown[0]
    assert any(
        "row 8, column 'part_of': not an umbrella row (got 'uw-tsukuba-ai'" in m for m in msgs
    )
    small = [m for m in msgs if "column 'amount_usd'" in m and "smaller than its parts" in m]
    assert len(small) == 1 and "row 5" in small[0] and "'40000000'" in small[0]
    assert "uw-tsukuba-ai: USD 50,000,000 together" in small[0]
    with pytest.raises(ValidationFailed):
        read_curated(curated_dir)


def test_tracker_titles_have_a_japanese_translation(curated_dir: Path) -> None:
    """Every tracker item has a Japanese title (chipshock's translation); a blank one, or one left
    in English, is refused with file, row, column, value and what was expected."""
    shipped = read_curated(default_paths().curated).alliance_tracker
    assert shipped["title_ja"].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").all()
    assert shipped.set_index("item_id").loc["jasm-fab2", "title_ja"] == "JASM第2工場（熊本）の生産"
    path = curated_dir / "alliance_tracker.csv"
    edit(path, ",ラピダスの2nm量産,", ",Rapidus 2nm mass production,")
    edit(path, ",JASM第2工場（熊本）の生産,", ",,")
    msgs = _errors(curated_dir)
    english = [m for m in msgs if "column 'title_ja'" in m and "'Rapidus 2nm mass production'" in m]
    assert len(english) == 1 and "alliance_tracker.csv" in english[0]
    assert "row 7" in english[0] and "translated into Japanese" in english[0]
    assert any("column 'title_ja'" in m and "row 19" in m for m in msgs)  # the blank one


def test_a_store_without_tracker_titles_in_japanese_asks_for_a_rebuild(
    built_store: Path, tmp_path: Path
) -> None:
    """A store built before title_ja (schema 3) is refused with the command that rebuilds it,
    rather than read without the Japanese titles the dashboard and the report show."""
    import shutil

    import duckdb

    from chipshock.errors import StoreError

    old = tmp_path / "old.duckdb"
    shutil.copy(built_store, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE alliance_tracker DROP COLUMN title_ja")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="rebuild it with `chipshock data build"):
        load_alliance(old)
    assert "title_ja" in load_alliance(built_store).alliance_tracker.columns


def test_audit_docstring_examples_run() -> None:
    """The audit's hand-checkable examples (label rules, counts) run as written."""
    import doctest

    from chipshock.data import audit

    result = doctest.testmod(audit)
    assert result.attempted > 0 and result.failed == 0


def test_audit_finds_a_mislabelled_row(curated_dir: Path) -> None:
    """A judgement row labelled medium is reported by the audit; the shipped data has none."""
    from chipshock.data.audit import label_issues

    clean = load_curated(default_paths().curated).tables
    assert label_issues(clean).empty
    path = curated_dir / "model_assumptions.csv"
    edit(path, ',low,"assumption: leontief', ',medium,"assumption: leontief')
    issues = label_issues(load_curated(curated_dir).tables)
    assert issues[["table", "row"]].values.tolist() == [
        ["model_assumptions", 15]
    ]  # release 18 turned one utilisation row into six (+5), release 24 removed five (-5)


def test_audit_rules_on_hand_made_rows() -> None:
    """Each label rule on one hand-made row; 'mixed confidence:' notes are accepted."""
    from chipshock.data.audit import label_issues

    rows = pd.DataFrame(
        {
            "confidence": ["medium", "medium", "medium", "high"],
            "note": [
                "Leontief assumption: products need all chips",
                "capacity figure (low confidence)",
                "mixed confidence: the loss rate is an assumption",
                "sourced figure",
            ],
        }
    )
    issues = label_issues({"t": rows})
    assert issues["row"].tolist() == [2, 3]
    assert "mixed confidence" in issues["issue"].iloc[0]


def test_cli_build_with_a_bad_new_row_exits_2_and_keeps_the_store(
    curated_dir: Path, tmp_path: Path
) -> None:
    """`data build` over a sourcing file with a misspelt market exits 2 and leaves the
    previous store byte for byte."""
    from chipshock.cli.main import main
    from chipshock.data.store import build_store

    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    edit(curated_dir / "sourcing_shares.csv", "foundry,lt10,tsmc,80", "foundri,lt10,tsmc,80")
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before


def test_changelog_has_an_entry_for_the_current_release() -> None:
    """`data info` states DATA_RELEASE; CHANGELOG.md says what that release changed, with the
    same date, and what numbers it moves."""
    from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
    from chipshock.data.store import default_paths

    text = (default_paths().curated / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = f"## Release {DATA_RELEASE} — {DATA_RELEASE_DATE}"
    assert heading in text
    entry = text.split(heading, 1)[1].split("\n## Release ", 1)[0]
    assert "move" in entry.lower() and "Added" in entry


def test_summaries_have_a_japanese_translation() -> None:
    """Every deliverable and partnership has a Japanese summary (chipshock's translation, its
    figures in Japanese units), next to the English one."""
    shipped = read_curated(default_paths().curated)
    for table in (shipped.deliverables, shipped.partnerships):
        assert table["summary_ja"].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").all()
        assert (table["summary_ja"] != table["summary"]).all()
    fy2025 = shipped.partnerships.set_index("partnership_id").loc["rapidus-subsidy-fy2025"]
    assert (
        fy2025["summary_ja"]
        == "2025年度に最大8,025億円。2022年度以降の補助金は累計1兆7,225億円に。"
    )
    assert len(shipped.deliverables) == 19 and len(shipped.partnerships) == 35


def test_a_summary_without_its_japanese_column_names_file_row_and_column(
    curated_dir: Path,
) -> None:
    """A partnerships.csv without the summary_ja column is refused at its header (row 1),
    naming the file and the column."""
    edit(curated_dir / "partnerships.csv", ",summary,summary_ja,", ",summary,summary_jp,")
    msgs = _errors(curated_dir)
    missing = [m for m in msgs if "column 'summary_ja'" in m and "missing column" in m]
    assert len(missing) == 1 and "partnerships.csv" in missing[0] and "row 1" in missing[0]


def test_a_blank_or_english_summary_ja_names_file_row_and_column(curated_dir: Path) -> None:
    """A blank summary_ja, or one left in English, is refused with file, row, column, value
    and what was expected."""
    deliverables = curated_dir / "alliance_deliverables.csv"
    edit(
        deliverables,
        ",持続可能な航空燃料（SAF）への支援が首脳会談の声明に盛り込まれる見込み。,",
        ",,",
    )
    partnerships = curated_dir / "partnerships.csv"
    edit(partnerships, ",Micronの広島工場に最大465億円（第1弾）。,", ",Up to JPY 46.5bn,")
    msgs = _errors(curated_dir)
    blank = [m for m in msgs if "column 'summary_ja'" in m and "alliance_deliverables.csv" in m]
    assert len(blank) == 1 and "row 19" in blank[0]
    english = [m for m in msgs if "column 'summary_ja'" in m and "'Up to JPY 46.5bn'" in m]
    assert len(english) == 1 and "partnerships.csv" in english[0] and "row 22" in english[0]
    assert "translated into Japanese" in english[0]


def test_a_store_without_japanese_summaries_asks_for_a_rebuild(
    built_store: Path, tmp_path: Path
) -> None:
    """A store built before summary_ja (schema 4) is refused with the command that rebuilds it,
    rather than read without the Japanese summaries the dashboard and the report show."""
    import shutil

    import duckdb

    from chipshock.errors import StoreError

    old = tmp_path / "old.duckdb"
    shutil.copy(built_store, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE partnerships DROP COLUMN summary_ja")
        con.execute("ALTER TABLE deliverables DROP COLUMN summary_ja")
        con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="rebuild it with `chipshock data build"):
        load_alliance(old)
    loaded = load_alliance(built_store)
    assert "summary_ja" in loaded.partnerships.columns
    assert "summary_ja" in loaded.deliverables.columns


def test_partnerships_name_the_fabs_they_bring_into_being() -> None:
    """fab_ids (review 4, finding 1): Rapidus' founding equity is Rapidus IIM-1, not the fabs
    of its eight shareholders; each JASM subsidy is its own fab; an R&D partnership none; every
    id is a fab of fabs.csv."""
    shipped = read_curated(default_paths().curated)
    fab_ids = shipped.partnerships.set_index("partnership_id")["fab_ids"].fillna("")
    ids = {p: [x for x in str(v).split(";") if x] for p, v in fab_ids.items()}
    assert ids["rapidus-founding-equity"] == ["rapidus-iim1"]
    assert ids["jasm-jv"] == ["jasm-kumamoto-fab1", "jasm-kumamoto-fab2"]
    assert ids["jasm-subsidy-fab1"] == ["jasm-kumamoto-fab1"]
    assert ids["jasm-subsidy-fab2"] == ["jasm-kumamoto-fab2"]
    assert ids["ibm-rapidus-chiplet"] == [] and ids["rapidus-imec"] == []
    assert ids["chips-tsmc-arizona"] == ["tsmc-arizona-p1", "tsmc-arizona-p2", "tsmc-arizona-p3"]
    assert ids["chips-samsung"] == ["samsung-taylor"]  # not the Austin fab it expands
    assert ids["micron-hiroshima-subsidy-2025"] == []  # new lines in a fab that ran before
    assert {x for v in ids.values() for x in v} <= set(shipped.fabs["fab_id"])
    assert sum(bool(v) for v in ids.values()) == 20
    notes = shipped.partnerships.set_index("partnership_id")["note"]
    assert all("fab_ids" in str(n) for n in notes)  # each row says why


def test_an_unknown_or_repeated_fab_of_a_partnership_names_file_row_column(
    curated_dir: Path,
) -> None:
    """A fab_ids entry that is not a fab of fabs.csv, or one named twice, is refused with file,
    row, column, value and what was expected."""
    partnerships = curated_dir / "partnerships.csv"
    edit(
        partnerships,
        ",active,rapidus-iim1,Joint development",
        ",active,rapidus-iim9,Joint development",
    )
    edit(
        partnerships,
        ",jasm-kumamoto-fab1;jasm-kumamoto-fab2,",
        ",jasm-kumamoto-fab1;jasm-kumamoto-fab1,",
    )
    msgs = [m for m in _errors(curated_dir) if "column 'fab_ids'" in m]
    assert len(msgs) == 2
    unknown = next(m for m in msgs if "'rapidus-iim9'" in m)
    assert "partnerships.csv" in unknown and "row 2" in unknown
    assert "unknown fab" in unknown and "a fab_id of fabs.csv" in unknown
    twice = next(m for m in msgs if "'jasm-kumamoto-fab1'" in m)
    assert "row 19" in twice and "named twice" in twice


def test_a_buffer_row_for_a_material_of_materials_csv_is_refused(curated_dir: Path) -> None:
    """A material's stock lives in materials.csv (the engine reads stockpile_weeks there); a
    second norm in inventory_buffers.csv would sit unread beside it (release 19 removed three
    such rows), so the loader refuses it, naming file, row, column, value and what to do."""
    path = curated_dir / "inventory_buffers.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("neon_stock,material:neon,10,6,26,https://example.org,2022-03,low,assumption: x\n")
    msgs = [m for m in _errors(curated_dir) if "inventory_buffers.csv" in m]
    assert len(msgs) == 1, msgs
    assert "column 'applies_to'" in msgs[0] and "'material:neon'" in msgs[0]
    assert "materials.csv stockpile_weeks" in msgs[0]
