"""Who makes each market's chips, on the command line (`chipshock sourcing`) and the API
(GET /api/sourcing): the same rows, each (market, class) adding up to the whole market, the
sourced shares as `sourcing_shares.csv` writes them and the served shares the engine runs.

Before, the shares existed only inside the engine: a reader could not see that Renesas,
sourced at 14 % of cars' 28-45 nm wafers (2 % from data release 16), served about 2 % (Naka's
capacity), or that the capacity rule moves a third of AI's leading-edge orders from Taiwan to
other regions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main
from chipshock.data.curated import read_curated
from chipshock.data.store import default_paths, load_alliance
from chipshock.present.labels import fab_names, operator_names
from chipshock.sim import sourcing_table
from chipshock.sim.data import ModelData, load_model_data


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store))
    yield client
    client.close()


@pytest.fixture(scope="module")
def real_data(built_store: Path) -> ModelData:
    return load_model_data(built_store)


def _cli(built_store: Path, *args: str) -> Any:
    result = CliRunner().invoke(
        cli_app, ["sourcing", *args, "--db", str(built_store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _bare(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The API's rows without ``name_ja``, the Japanese name it adds for the dashboard (an
    operator's, a fab's); the CLI's JSON names them in English only."""
    return [{k: v for k, v in row.items() if k != "name_ja"} for row in rows]


def test_cli_and_api_show_the_same_rows(client: AsgiClient, built_store: Path) -> None:
    """Cars' 28-45 nm and AI's DRAM in 2027: every row and number the same on both surfaces,
    with the data release, the source files and the latest as-of of the rows cited."""
    cli = _cli(
        built_store,
        "--market",
        "automotive",
        "--market",
        "ai_datacenter",
        "--node",
        "n28_45",
        "--node",
        "dram",
    )
    r = client.get(
        "/api/sourcing",
        params={
            "year": 2027,
            "markets": ["automotive", "ai_datacenter"],
            "nodes": ["n28_45", "dram"],
        },
    )
    assert r.status_code == 200, r.text
    api = r.json()
    assert cli["rows"] == _bare(api["rows"]) and len(api["rows"]) > 20
    assert {(x["market"], x["node_class"]) for x in api["rows"]} == {
        (m, c) for m in ("automotive", "ai_datacenter") for c in ("n28_45", "dram")
    }
    assert cli["data_release"] and "sourcing_shares.csv" in cli["source"]
    assert "sourcing_shares.csv" in api["meta"]["source"] and api["meta"]["as_of"]
    assert api["caption"].startswith("sourced: the share sourcing_shares.csv gives")


def test_shares_add_up_and_the_sourced_ones_are_the_file_rows(real_data: ModelData) -> None:
    """Shipped data, 2027, every market and class: sourced and served shares each add up to
    100 % and the orders to the market's class demand; an operator the file lists carries
    its row's share, source, date and confidence (Renesas 2 % of cars' 28-45 nm, TSMC 33 %),
    and Renesas serves only what Naka can make (below 3 %)."""
    t = sourcing_table(real_data, 2027).table
    sums = t.groupby(["market", "node_class"])[["sourced_pct", "served_pct"]].sum()
    assert (sums - 100.0).abs().max().max() < 1e-9
    assert len(sums) == 6 * 6
    rows = read_curated(default_paths().curated).sourcing_shares
    for r in rows[rows["market"] == "automotive"].itertuples():
        got = t[
            (t.market == "automotive")
            & (t.node_class == r.node_class)
            & (t.operator == r.operator_id)
        ]
        assert len(got) == 1, r
        row = got.iloc[0]
        assert row.sourced_pct == pytest.approx(float(r.share_pct)), r
        assert (row.source_url, row.as_of, row.confidence) == (r.source_url, r.as_of, r.confidence)
        assert (row.method_kind, row.row_share_pct) == ("market_rows", float(r.share_pct))
    renesas = t[
        (t.market == "automotive") & (t.node_class == "n28_45") & (t.operator == "renesas")
    ].iloc[0]
    assert renesas.sourced_pct == pytest.approx(2.0) and 0 < renesas.served_pct < 3
    assert renesas.regions == "JPN"
    # an operator no row lists gets its part of the rest by capacity, with no source of its own
    smic = t[(t.market == "automotive") & (t.node_class == "n28_45") & (t.operator == "smic")].iloc[
        0
    ]
    assert smic.method_kind == "rest" and np.isnan(smic.row_share_pct) and smic.source_url == ""
    # DRAM: the makers' class-wide rows apply to every market alike
    dram = t[(t.node_class == "dram") & (t.operator == "samsung")]
    assert set(dram["sourced_pct"].round(9)) == {35.5}
    assert set(dram["method_kind"]) == {"all_rows"}


def test_groupings_agree(real_data: ModelData) -> None:
    """The producer rows of an operator add up to its operator row, and the region rows to the
    producers of that region (AI's sub-10 nm, 2030)."""
    kw = {"markets": ["ai_datacenter"], "classes": ["lt10"]}
    by_op = sourcing_table(real_data, 2030, by="operator", **kw).table
    by_prod = sourcing_table(real_data, 2030, by="producer", **kw).table
    by_reg = sourcing_table(real_data, 2030, by="region", **kw).table
    ops = dict(zip(real_data.fabs["fab_id"], real_data.fabs["operator_id"], strict=True))
    tsmc = by_prod[[ops.get(p.split(":")[0]) == "tsmc" for p in by_prod["producer"]]]
    assert len(tsmc) >= 5
    assert tsmc["served_pct"].sum() == pytest.approx(
        by_op.loc[by_op.operator == "tsmc", "served_pct"].iloc[0]
    )
    prod_region = by_prod.groupby("regions")["served_pct"].sum()
    reg = by_reg.set_index("region")["served_pct"]
    pd.testing.assert_series_equal(
        prod_region.sort_index(), reg.sort_index(), check_names=False, atol=1e-9
    )


def test_switching_a_fab_off_moves_its_share_and_says_so(real_data: ModelData) -> None:
    """Without Renesas Naka, Renesas has no 28-45 nm fab: its sourced 2 % of cars' wafers goes
    to the other producers by capacity. It keeps a row (sourced and served 0, no region) whose
    method is "unplaced" with the file's 2 %, and the row's source; the shares
    still add up to 100 % (review 7, finding 4: the row had vanished without a word)."""
    t = sourcing_table(real_data, 2027, ["automotive"], ["n28_45"], fabs_off=["renesas-naka"]).table
    assert t["sourced_pct"].sum() == pytest.approx(100.0)
    assert t["served_pct"].sum() == pytest.approx(100.0)
    renesas = t[t.operator == "renesas"]
    assert len(renesas) == 1
    row = renesas.iloc[0]
    assert (row.sourced_pct, row.served_pct, row.served_kwspm, row.regions) == (0.0, 0.0, 0.0, "")
    assert (row.method_kind, row.row_share_pct) == ("unplaced", 2.0)
    assert row.confidence == "low" and "renesas" in row.source_url.lower()
    # with Naka on, the same table has no such row: Renesas serves Naka's wafers
    on = sourcing_table(real_data, 2027, ["automotive"], ["n28_45"]).table
    assert on.loc[on.operator == "renesas", "served_pct"].iloc[0] > 0


def test_the_caption_names_the_switched_fabs_and_the_operator_without_capacity(
    client: AsgiClient, built_store: Path
) -> None:
    """CLI JSON and API: the caption says which fabs were switched and that Renesas, sourced
    2 %, has no fab with capacity in 2027; by region, where Renesas has no row, the caption
    still says it. The API's Japanese caption says the same, and echoes ``fabs_on``."""
    expected = (
        "Switched off: renesas-naka. renesas: sourced 2 % of automotive's n28_45 wafers "
        "(sourcing_shares.csv), no fab with capacity in 2027; its share goes to the class's "
        "other fabs by capacity."
    )
    for by in ("operator", "region"):
        cli = _cli(
            built_store,
            "--market",
            "automotive",
            "--node",
            "n28_45",
            "--by",
            by,
            "--fabs-off",
            "renesas-naka",
        )
        r = client.get(
            "/api/sourcing",
            params={
                "markets": "automotive",
                "nodes": "n28_45",
                "by": by,
                "fabs_off": "renesas-naka",
            },
        )
        assert r.status_code == 200, r.text
        api = r.json()
        assert cli["caption"] == api["caption"]
        assert api["caption"].endswith(" " + expected), api["caption"]
        assert cli["rows"] == _bare(api["rows"])
        assert api["params"]["fabs_off"] == ["renesas-naka"] and api["params"]["fabs_on"] == []
        assert "停止した工場：renesas-naka。" in api["caption_ja"]
        assert (
            "renesas：sourcing_shares.csv は automotive の n28_45 のウェーハの 2% を割り当てるが、"
            "2027年に生産能力のある工場がない。"
        ) in api["caption_ja"]
    plain = client.get("/api/sourcing", params={"markets": "automotive"}).json()
    assert plain["caption"] == sourcing_note() and "停止" not in plain["caption_ja"]


def sourcing_note() -> str:
    from chipshock.sim import SOURCING_NOTE

    return SOURCING_NOTE


def test_fab_switches_are_checked_as_capacity_checks_them(
    built_store: Path, client: AsgiClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """`chipshock sourcing` (and --check) refuse the switches `chipshock capacity` refuses,
    exit 2 naming the option, the fab and why: a cancelled fab without capacity switched on,
    a running fab switched on, a cancelled fab switched off. The API's fabs_on / fabs_off: an
    unknown fab is a 404, a switch that changes nothing a 422, both naming the field (review
    7, finding 4: these ran, exit 0, with the same numbers)."""
    for args, field, fab, why in (
        (["--fabs-on", "intel-magdeburg"], "--fabs-on", "intel-magdeburg", "no capacity"),
        (["--fabs-on", "renesas-naka"], "--fabs-on", "renesas-naka", "already runs"),
        (["--fabs-off", "intel-magdeburg"], "--fabs-off", "intel-magdeburg", "no capacity"),
    ):
        for extra in ([], ["--check"]):
            code = main(["sourcing", *args, *extra, "--db", str(built_store)])
            err = capsys.readouterr().err
            assert code == 2, (args, extra, err)
            assert f"{field}: this fab" in err and repr(fab) in err and why in err, err
            assert "in 2027" in err
        code = main(["capacity", "--year", "2027", *args, "--db", str(built_store)])
        assert code == 2 and why in capsys.readouterr().err
    for route in ("/api/sourcing", "/api/sourcing/check"):
        for params, status, field, words in (
            ({"fabs_on": "intel-magdeburg"}, 422, "fabs_on", "no capacity in the model in 2027"),
            ({"fabs_on": "renesas-naka"}, 422, "fabs_on", "already runs"),
            ({"fabs_off": "intel-magdeburg"}, 422, "fabs_off", "no capacity"),
            ({"fabs_on": "renesas-nakka"}, 404, "fabs_on", "renesas-naka"),
        ):
            r = client.get(route, params=params)
            assert r.status_code == status, (route, params, r.text)
            assert r.json()["field"] == field and words in r.json()["detail"], r.text


def test_regions_are_those_with_capacity_in_the_year(real_data: ModelData) -> None:
    """An operator's regions are those of its fabs with capacity in the class that year: TSMC's
    sub-10 nm for AI is made in Taiwan and the U.S. in 2027 (no JASM Fab 2 until 2028), and
    Japan joins when JASM Fab 2 counts (review 7, finding 8: 2027 listed JPN). Every operator
    row's regions are those of its producer rows."""
    for year, tsmc in ((2027, {"TWN", "USA"}), (2030, {"TWN", "USA", "JPN"})):
        kw = {"markets": ["ai_datacenter"], "classes": ["lt10"]}
        by_op = sourcing_table(real_data, year, by="operator", **kw).table
        row = by_op[by_op.operator == "tsmc"].iloc[0]
        assert set(row.regions.split(", ")) == tsmc, (year, row.regions)
    t = sourcing_table(real_data, 2027).table
    prod = sourcing_table(real_data, 2027, by="producer").table
    ops = dict(zip(real_data.fabs["fab_id"], real_data.fabs["operator_id"], strict=True))
    prod = prod.assign(op=[ops.get(p.split(":")[0]) for p in prod["producer"]])
    itemised = t[~t["operator"].str.startswith("other fabs")]
    for r in itemised.itertuples():
        mine = prod[(prod.market == r.market) & (prod.node_class == r.node_class)]
        regions = set(mine.loc[mine.op == r.operator, "regions"])
        assert set(r.regions.split(", ")) == regions, r


def test_operators_carry_the_japanese_names_of_sourcing_lang_ja(
    client: AsgiClient, built_store: Path
) -> None:
    """By operator (the dashboard's default), each operator with a Japanese name carries it as
    ``name_ja``, the name `chipshock sourcing --lang ja` prints (audit28: the Japanese page
    showed "Sony Semiconductor Solutions" where the CLI says ソニーセミコンダクタソリューションズ);
    a region's other fabs carry none (the dashboard words them)."""
    rows = client.get("/api/sourcing", params={"year": 2027}).json()["rows"]
    expected = operator_names(load_alliance(built_store).fabs, "ja")
    named = [r for r in rows if "name_ja" in r]
    assert len(named) >= 10
    for row in named:
        assert row["name_ja"] == expected[row["operator"]], row
    assert any(re.search(r"[\u3040-\u30ff]", r["name_ja"]) for r in named)
    others = [r for r in rows if str(r["operator"]).startswith("other fabs ")]
    assert others and all("name_ja" not in r for r in others)
    japanese = CliRunner().invoke(
        cli_app, ["sourcing", "--db", str(built_store), "--lang", "ja", "--year", "2027"],
        env={"COLUMNS": "400"},
    )  # fmt: skip
    assert japanese.exit_code == 0, japanese.output
    sony = [r["name_ja"] for r in named if "sony" in str(r["operator"])]
    assert sony and sony[0] in japanese.stdout
    # the English table names operators as the dashboard does (it printed the ids tsmc, ti)
    english = CliRunner().invoke(
        cli_app, ["sourcing", "--db", str(built_store), "--year", "2027"], env={"COLUMNS": "400"}
    )
    assert english.exit_code == 0, english.output
    cells = {c.strip() for line in english.stdout.splitlines() for c in line.split("│")}
    by_id = {str(r["operator"]): str(r["name"]) for r in rows}
    assert by_id["tsmc"] == "TSMC" and "TSMC" in cells and "tsmc" not in cells
    # the id a [[sourcing]] table takes, after the name where the two differ
    assert by_id["ti"] == "Texas Instruments" and "Texas Instruments (ti)" in cells


def test_the_api_answers_by_producer_as_the_cli_does(client: AsgiClient, built_store: Path) -> None:
    """The dashboard's "by fab" choice asks ``by=producer``: the API answered 500 (it read the
    table's ``key`` column, named ``producer`` since the grouping names its column). Now the
    rows equal `chipshock sourcing --by producer`'s, and each fab's producer carries its
    Japanese name from fab_names_ja.csv (JASM's fab among them)."""
    r = client.get(
        "/api/sourcing", params={"year": 2027, "by": "producer", "markets": ["automotive"]}
    )
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    cli = _cli(built_store, "--by", "producer", "--market", "automotive")
    assert cli["rows"] == _bare(rows) and len(rows) > 20
    names = fab_names(load_alliance(built_store).fabs, "ja")
    jasm = [x for x in rows if str(x["producer"]).startswith("jasm-kumamoto-fab1:")]
    assert jasm and all(x["name_ja"] == names["jasm-kumamoto-fab1"] == "JASM第1工場" for x in jasm)
    others = [x for x in rows if str(x["producer"]).startswith("other:")]
    assert others and all(x["name_ja"] == x["name"] for x in others)


def test_the_api_says_its_choices_and_its_caption_in_japanese(client: AsgiClient) -> None:
    """The answer names what a request may ask for (every market and class of the whole table,
    in the engine's order; the groupings; the model's years), the same for any request, and
    its caption in Japanese as well, naming the same file and the same docs section."""
    whole = client.get("/api/sourcing", params={"year": 2027}).json()
    one = client.get(
        "/api/sourcing", params={"year": 2030, "markets": "pcs", "nodes": "dram", "by": "region"}
    ).json()
    choices = whole["choices"]
    assert one["choices"] == choices
    assert choices["markets"] == list(dict.fromkeys(r["market"] for r in whole["rows"]))
    assert choices["nodes"] == list(dict.fromkeys(r["node_class"] for r in whole["rows"]))
    assert choices["markets"][0] == "ai_datacenter" and "automotive" in choices["markets"]
    assert choices["by"] == ["operator", "region", "producer"]
    assert choices["years"] == [2022, 2040]
    ja = whole["caption_ja"]
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ja)
    for term in ("sourcing_shares.csv", "docs/scenarios.md", "Sourcing", "sourced", "served"):
        assert term in whole["caption"] and term in ja, term


def test_bad_values_name_the_option(
    built_store: Path, client: AsgiClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown market, class or grouping is exit 2 on the command line and 404 on the API
    (the API's answer to an unknown code, as for an unknown fab), a year out of range 422,
    each naming the option, the value and the valid choices."""
    for args, field, bad, valid in (
        (["--market", "cars"], "--market", "cars", "automotive"),
        (["--node", "n7"], "--node", "n7", "lt10"),
        (["--by", "fab"], "--by", "fab", "producer"),
    ):
        code = main(["sourcing", *args, "--db", str(built_store)])
        err = capsys.readouterr().err
        assert code == 2, err
        assert field in err and bad in err and valid in err
    for params, status, field, valid in (
        ({"markets": "cars"}, 404, "markets", "automotive"),
        ({"nodes": "n7"}, 404, "nodes", "lt10"),
        ({"by": "fab"}, 404, "by", "producer"),
        ({"year": 2050}, 422, "year", "2040"),
    ):
        r = client.get("/api/sourcing", params=params)
        assert r.status_code == status, r.text
        assert r.json()["field"] == field and valid in r.json()["detail"], r.text


def test_an_everyday_word_for_a_market_suggests_its_id_first(
    built_store: Path, client: AsgiClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """uxr2, finding 7: "cars" suggests automotive first (not pcs, the nearest spelling), on the
    command line and the API alike; a suggestion only: the word is still refused."""
    for word, market in (
        ("cars", "automotive"),
        ("phones", "smartphones"),
        ("AI", "ai_datacenter"),
    ):
        assert main(["sourcing", "--market", word, "--db", str(built_store)]) == 2
        err = " ".join(capsys.readouterr().err.split())
        assert f"(did you mean {market}" in err, err
        r = client.get("/api/sourcing", params={"markets": word})
        assert r.status_code == 404 and f"(did you mean {market}" in r.json()["detail"], r.text
