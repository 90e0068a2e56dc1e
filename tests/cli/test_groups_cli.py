"""`chipshock groups`, `chipshock countries` and `--group NAME=CODES` end to end: the same
answer for a group as for its members, exit 2 with the valid codes on bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from .conftest import Runner


def _strip(payload: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in payload.items() if k != "groups"}


def test_groups_json_and_csv(cli: Runner) -> None:
    code, out, _ = cli("groups", "--format", "json")
    assert code == 0
    rows = {r["group_code"]: r for r in json.loads(out)["rows"]}
    assert rows["QUAD"]["members"] == ["USA", "JPN", "IND", "AUS"]
    assert rows["QUAD"]["members_without_data"] == ["IND", "AUS"]
    assert rows["G7"]["n_members"] == 7 and rows["G7"]["source_url"]
    code, out, _ = cli("groups", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and next(r for r in table if r["group_code"] == "CHIP4")["members"] == (
        "USA JPN KOR TWN"
    )


def test_countries_lists_codes_and_their_groups(cli: Runner) -> None:
    code, out, _ = cli("countries", "--format", "json")
    rows = {r["country_code"]: r["groups"] for r in json.loads(out)["rows"]}
    assert code == 0 and "CHIP4" in rows["KOR"] and "EU27" in rows["NLD"]
    assert "EU27" not in rows


def test_countries_says_where_each_code_is_accepted(cli: Runner) -> None:
    """The table lists every code some command takes, and where: a code a shock accepts but
    the ETO does not assess (India) is listed as such, a pooled ETO provider is not listed, and
    each flag agrees with what the commands do."""
    code, out, _ = cli("countries", "--format", "json")
    assert code == 0
    rows = {r["country_code"]: r for r in json.loads(out)["rows"]}
    assert "Various countries" not in rows
    assert rows["JPN"]["eto_data"] and rows["JPN"]["shocks"] and rows["JPN"]["registry"]
    india = rows["IND"]
    assert india["shocks"] and not india["eto_data"]
    code, out, _ = cli("coalition", "USA", "IND")  # as the table says: India supplies nothing
    assert code == 0 and "no supply-chain data (supply nothing here): IND" in " ".join(out.split())
    assert cli("fabs", "--country", "IND", "--format", "json")[0] == 0


def test_user_group_equals_its_members(cli: Runner) -> None:
    """coalition MYBLOC --group MYBLOC=USA,JPN,NLD == coalition USA JPN NLD."""
    _, bloc, _ = cli("coalition", "MYBLOC", "--group", "MYBLOC=USA,JPN,NLD", "-f", "json")
    _, plain, _ = cli("coalition", "USA", "JPN", "NLD", "-f", "json")
    a, b = json.loads(bloc), json.loads(plain)
    assert a["groups"] == {"MYBLOC": ["USA", "JPN", "NLD"]} and b["groups"] == {}
    assert _strip(a) == _strip(b)
    _, s1, _ = cli(
        "shapley", "BIG", "--group", "BIG=CHIP4,SMALL", "--group", "SMALL=NLD", "-f", "json"
    )
    assert [r["member"] for r in json.loads(s1)["rows"]] == ["USA", "JPN", "KOR", "TWN", "NLD"]
    code, syn, _ = cli("synergy", "USA", "NJ", "--group", "NJ=NLD,JPN", "-f", "json")
    _, syn2, _ = cli("synergy", "USA", "NLD,JPN", "-f", "json")
    assert code == 0 and json.loads(syn)["rows"][-1] == json.loads(syn2)["rows"][-1]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("coalition", "EU28"), ["CODES: unknown country or group code", "EU27", "USA"]),
        (("coalition", "X", "--group", "USA=JPN"), ["--group.USA: group name is a country"]),
        (("coalition", "X", "--group", "G7=JPN"), ["--group.G7: group name is a built-in"]),
        (("coalition", "XX", "--group", "XX=JPN,ZZZ"), ["--group.XX: unknown", "CHIP4"]),
        (("coalition", "X", "--group", "X"), ["--group: malformed group definition"]),
        (("coalition", "AA", "--group", "AA=BB", "--group", "BB=AA"), ["contain each other"]),
    ],
)
def test_bad_codes_exit_2_naming_the_option(
    cli: Runner, args: tuple[str, ...], words: list[str]
) -> None:
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    text = " ".join(err.split())
    for w in words:
        assert w in text


def test_help_says_where_the_codes_are(cli: Runner) -> None:
    for command in ("coalition", "shapley", "synergy"):
        code, out, _ = cli(command, "--help", db=False)
        text = " ".join(out.split())
        assert code == 0 and "chipshock groups" in text and "--group" in text


def test_scenario_run_shows_the_expansion(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "eu.toml"
    path.write_text(
        '[scenario]\nid = "eu"\nstart_year = 2026\nend_year = 2027\nruns = 2\n'
        '[[shock]]\nkind = "country"\ntargets = ["EU27"]\nstart = "2026-03"\n',
        encoding="utf-8",
    )
    code, out, _ = cli("scenario", "run", str(path), "-f", "json")
    groups = json.loads(out)["groups"]
    assert code == 0 and groups[0].startswith("shock[0].targets: EU27 = AUT")
    path.write_text(path.read_text(encoding="utf-8").replace("EU27", "EU28"), encoding="utf-8")
    code, out, err = cli("scenario", "run", str(path))
    text = " ".join(err.split())
    assert code == 2 and f"{path}, shock[0].targets: unknown country or group code" in text
    assert "'EU28'" in text and "CHIP4" in text


def test_fab_filter_takes_a_group(cli: Runner) -> None:
    """`fabs --country EU27` is the union of `fabs --country` over the EU members."""
    _, out, _ = cli("fabs", "--country", "EU27", "-f", "json")
    eu = {r["fab_id"] for r in json.loads(out)}
    by_member: set[str] = set()
    for code in ("DEU", "IRL", "FRA", "ITA", "NLD", "AUT"):
        _, one, _ = cli("fabs", "--country", code, "-f", "json")
        by_member |= {r["fab_id"] for r in json.loads(one)}
    assert by_member and by_member <= eu
    assert "esmc-dresden" in eu


def test_eu27_and_eur_differ_by_europes_own_rows_and_say_so(cli: Runner) -> None:
    """Review 7, finding 6: EU27 and EUR have the same members, but only EUR counts the ETO's
    Europe-level rows; the groups caption, EU27's expansion note (table and JSON) and the
    synergy's caption say so, with the shares read from the data."""
    words = "the ETO's Europe-level rows (EUR: Logic chip design 9%, DAO chip design 17%)"
    _, out, _ = cli("groups")
    assert "Europe-level rows (Logic chip design 9%, DAO chip design 17%)" in " ".join(out.split())
    code, out, _ = cli("coalition", "EU27", "USA")
    flat = " ".join(out.split())
    assert code == 0 and "of 39 of 75 inputs" in flat
    assert f"{words} are not attributable to a member and are left out; use EUR to count" in flat
    code, out, _ = cli("coalition", "EUR", "USA")
    assert code == 0 and "of 40 of 75 inputs" in " ".join(out.split())
    assert "Europe-level" not in out
    _, out, _ = cli("coalition", "EU27", "USA", "-f", "json")
    (left,) = json.loads(out)["regions_left_out"]
    assert left["code"] == "EUR" and [r["share_pct"] for r in left["rows"]] == [9.0, 17.0]
    _, out, _ = cli("synergy", "EU27", "USA")
    assert words in " ".join(out.split())


def test_eur_inside_a_user_group_counts_europes_own_rows(cli: Runner) -> None:
    """Review 8, finding 4: ``--group WEST=USA,EUR`` expanded EUR to its 27 members only, so
    WEST covered 39 of 75 inputs where ``USA EUR`` covers 40, and the note told the user to
    "use EUR", which they had. A member EUR now counts the ETO's Europe-level rows as EUR
    does asked for directly: the same members, the same 40 inputs, the same synergy."""
    code, out, _ = cli("coalition", "--group", "WEST=USA,EUR", "WEST", "-f", "json")
    _, out2, _ = cli("coalition", "USA", "EUR", "-f", "json")
    west, direct = json.loads(out), json.loads(out2)
    assert code == 0 and "EUR" in west["members"]
    assert sorted(west["members"]) == sorted(direct["members"])
    assert west["summary"]["n_covered"] == direct["summary"]["n_covered"] == 40
    assert west["summary"]["n_inputs"] == 75 and west["regions_left_out"] == []
    code, out, _ = cli("coalition", "--group", "WEST=USA,EUR", "WEST")
    flat = " ".join(out.split())
    assert code == 0 and "of 40 of 75 inputs" in flat and "use EUR to count" not in flat
    _, syn, _ = cli("synergy", "--group", "WW=EUR", "WW", "USA", "-f", "json")
    _, syn2, _ = cli("synergy", "EUR", "USA", "-f", "json")
    keys = ("v_a_pct", "v_b_pct", "v_union_pct", "synergy_pct")
    a, b = json.loads(syn), json.loads(syn2)
    assert [a[k] for k in keys] == [b[k] for k in keys] == [14.666667, 36.0, 53.333333, 2.666667]
    _, out, _ = cli("synergy", "--group", "WW=EUR", "WW", "USA")
    assert "use EUR to count" not in " ".join(out.split())
    # EU27 in a group keeps meaning the 27 members only (and says what it leaves out)
    _, out, _ = cli("coalition", "--group", "W27=USA,EU27", "W27")
    flat = " ".join(out.split())
    assert "of 39 of 75 inputs" in flat and "use EUR to count" in flat


def test_synergy_never_suggests_a_question_refused_again(cli: Runner) -> None:
    """Review 8, finding 5: ``synergy EU27 EUR`` suggested ``synergy EU27 EUR`` and ``synergy
    EUR DEU`` suggested ``AUT,…,SWE,EUR DEU`` (EUR brings DEU back). A code that also names a
    group is left out of the suggestion, with words saying why; the suggestion runs."""
    code, _, err = cli("synergy", "EU27", "EUR")
    flat = " ".join(err.split())
    # the line starts "error: chipshock synergy: ..." (review 16 #13); no synergy is suggested
    assert code == 2 and "chipshock synergy" not in flat.removeprefix("error: chipshock synergy:")
    assert "EUR cannot be asked for alone" in flat and "no disjoint question to ask" in flat
    code, _, err = cli("synergy", "EUR", "DEU")
    flat = " ".join(err.split())
    assert code == 2 and "EUR cannot be asked for alone" in flat
    suggested = flat.split(": chipshock synergy ")[1].split(". ")[0].split()
    assert suggested == ["AUT,CZE,FRA,HUN,ITA,LUX,NLD,SWE", "DEU"]
    code, out, _ = cli("synergy", *suggested, "-f", "json")
    assert code == 0 and json.loads(out)["group_b"] == ["DEU"]


def test_row_meanings_and_a_country_that_supplies_nothing(cli: Runner, tmp_path: Path) -> None:
    """Review 8, finding 9: ROW is a group, a capacity region and the loss tables' residual;
    `chipshock groups` says so, and a shock on THA (a loss-table row, no supply) is refused
    with the reason, where THA sits and the codes a shock can target, not "did you mean ITA?"."""
    _, out, _ = cli("groups")
    flat = " ".join(out.split())
    assert "ROW has three meanings" in flat and "'other fabs'" in flat
    path = tmp_path / "tha.toml"
    path.write_text(
        '[scenario]\nid = "tha"\ntitle = "THA"\nstart_year = 2026\nend_year = 2027\nruns = 2\n'
        '[[shock]]\nkind = "country"\ntargets = ["THA"]\nstart = "2026-06"\n'
        "duration_weeks = 4\nseverity = 1.0\n",
        encoding="utf-8",
    )
    code, _, err = cli("scenario", "run", str(path))
    flat = " ".join(err.split())
    assert code == 2 and "a shock on this code hits nothing: THA has no fab" in flat
    assert "did you mean" not in flat and "capacity region ROW" in flat
    assert "or a capacity region (TWN, KOR, JPN, CHN, USA, EUR, ROW)" in flat


def test_eurs_expansion_names_its_own_rows_as_a_member(cli: Runner, tmp_path: Path) -> None:
    """Review 8, finding 4: the briefing's first page read "EUR = Austria, …, Sweden" while its
    Shapley table had a 14th member, "Europe" (the ETO's Europe-level rows, which EUR counts).
    EUR's expansion now lists that member too, on every surface (CLI note, JSON, report)."""
    code, out, _ = cli("coalition", "EUR", "USA", "-f", "json")
    body = json.loads(out)
    assert code == 0 and body["groups"]["EUR"][-1] == "EUR" and "EUR" in body["members"]
    assert body["groups"]["EUR"][:-1] == _eu27(cli)
    out_html = tmp_path / "rc.html"
    code, _, err = cli("report", "--coalition", "EUR", "CHIP4", "-o", str(out_html))
    assert code == 0 and "SWE EUR" in " ".join(err.split())
    page = out_html.read_text("utf-8")
    first = " ".join(re.sub(r"<[^>]+>", " ", page[: page.index("<h2>")]).split())
    assert "Sweden and Europe; CHIP4 = United States" in first
    assert "Europe" in " ".join(re.sub(r"<[^>]+>", " ", page[page.index("<h2>") :]).split())


def _eu27(cli: Runner) -> list[str]:
    _, out, _ = cli("groups", "--format", "json")
    return next(r["members"] for r in json.loads(out)["rows"] if r["group_code"] == "EU27")
