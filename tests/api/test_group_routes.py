"""Country groups in the API: GET /api/groups, group codes and request-defined groups in the
coalition, Shapley and synergy routes (GET and POST), and 422s that name the field."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import AsgiClient


def _without_params(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in ("params", "expanded", "note", "note_ja")}


def test_groups_route_lists_members_and_sources(api: AsgiClient) -> None:
    r = api.get("/api/groups")
    assert r.status_code == 200
    body = r.json()
    rows = {row["group_code"]: row for row in body["rows"]}
    assert {"EU27", "CHIP4", "QUAD", "G7"} <= set(rows)
    assert rows["CHIP4"]["members"] == ["USA", "JPN", "KOR", "TWN"]
    assert rows["EU27"]["n_members"] == 27 and len(rows["EU27"]["members"]) == 27
    assert "BEL" in rows["EU27"]["members_without_data"]
    assert "NLD" in rows["EU27"]["members_with_data"]
    assert rows["G7"]["source_url"].startswith("http") and rows["G7"]["as_of"]
    assert "USA" in body["countries"] and "EU27" not in body["countries"]
    assert body["meta"]["source"].startswith("chipshock curated country_groups.csv")
    # EUR's own rows, which EU27 (same members) does not count (review 7, finding 6)
    assert [(r["code"], len(r["rows"])) for r in body["regions"]] == [("EUR", 2)]


def test_group_code_equals_its_members(api: AsgiClient) -> None:
    """CHIP4 is USA, JPN, KOR and TWN: same coverage, same Shapley players."""
    g = api.get("/api/coalition", params={"countries": "CHIP4"}).json()
    m = api.get("/api/coalition", params={"countries": "USA,JPN,KOR,TWN"}).json()
    assert g["expanded"] == {"CHIP4": ["USA", "JPN", "KOR", "TWN"]}
    assert _without_params(g) == _without_params(m)
    s = api.get("/api/shapley", params={"countries": "CHIP4"}).json()
    assert [row["member"] for row in s["rows"]] == ["USA", "JPN", "KOR", "TWN"]


def test_user_group_in_query_and_body_equals_its_members(api: AsgiClient) -> None:
    members = api.get("/api/coalition", params={"countries": "USA,JPN,NLD"}).json()
    query = api.get(
        "/api/coalition", params={"countries": "MYBLOC", "group": "MYBLOC=USA,JPN,NLD"}
    ).json()
    body = api.post(
        "/api/coalition",
        json={"countries": ["MYBLOC"], "groups": {"MYBLOC": ["USA", "JPN", "NLD"]}},
    ).json()
    assert query["expanded"] == body["expanded"] == {"MYBLOC": ["USA", "JPN", "NLD"]}
    assert _without_params(query) == _without_params(members) == _without_params(body)


def test_synergy_with_groups_equals_synergy_of_members(api: AsgiClient) -> None:
    a = api.post(
        "/api/synergy", json={"a": ["USA"], "b": ["NL_JP"], "groups": {"NL_JP": ["NLD", "JPN"]}}
    ).json()
    b = api.get("/api/synergy", params={"a": "USA", "b": "NLD,JPN"}).json()
    assert a["group_b"] == ["NLD", "JPN"]
    keys = ("v_a_pct", "v_b_pct", "v_union_pct", "synergy_pct")
    assert [a[k] for k in keys] == [b[k] for k in keys]


def test_synergy_of_overlapping_groups_is_a_422_with_the_overlap(api: AsgiClient) -> None:
    """Review 4, finding 3: a=QUAD&b=CHIP4 answered synergy_pct −66.67 (USA and JPN counted in
    both). GET and POST now answer 422 naming field b, the shared countries and the disjoint
    question, with the parts in ``overlap`` for a client's own wording; that question answers."""
    want = {
        "a": "QUAD",
        "b": "CHIP4",
        "shared": ["USA", "JPN"],
        "a_only": [],
        "b_only": ["KOR", "TWN"],
        "a_without_data": ["IND", "AUS"],
        "b_without_data": [],
        "a_ask": [],
        "b_ask": ["KOR", "TWN"],
        "not_askable": [],
    }
    for r in (
        api.get("/api/synergy", params={"a": "QUAD", "b": "CHIP4"}),
        api.post("/api/synergy", json={"a": ["QUAD"], "b": ["CHIP4"]}),
    ):
        body = r.json()
        assert r.status_code == 422 and body["field"] == "b" and body["overlap"] == want
        assert body["detail"].startswith("b: QUAD and CHIP4 share USA, JPN:")
        assert "GET /api/synergy?a=QUAD&b=KOR,TWN." in body["detail"]
        assert "synergy_pct" not in body
    r = api.get("/api/synergy", params={"a": "MY", "b": "KOR", "group": "MY=JPN,KOR"})
    assert r.status_code == 422 and r.json()["overlap"]["a_only"] == ["JPN"]
    assert "GET /api/synergy?a=JPN&b=KOR&group=MY=JPN,KOR." in r.json()["detail"]
    ok = api.get("/api/synergy", params={"a": "QUAD", "b": "KOR,TWN"}).json()
    assert (ok["v_union_pct"], ok["synergy_pct"]) == (73.333333, 4.0)


def test_eu27_answers_say_europes_own_rows_are_left_out(api: AsgiClient) -> None:
    """Review 7, finding 6: EU27 and EUR have the same members, but EUR also counts the ETO's
    Europe-level rows (chip design). EU27's answers name those rows, with their shares from the
    data (``regions_left_out``, ``note``, as the CLI prints it); EUR's do not."""
    eu = api.get("/api/coalition", params={"countries": "EU27,USA"}).json()
    eur = api.get("/api/coalition", params={"countries": "EUR,USA"}).json()
    (left,) = eu["regions_left_out"]
    assert left["code"] == "EUR" and left["name"] == "Europe"
    assert [(r["input_id"], r["share_pct"]) for r in left["rows"]] == [("N6", 9.0), ("N13", 17.0)]
    words = "the ETO's Europe-level rows (EUR: Logic chip design 9%, DAO chip design 17%)"
    assert left["note"].startswith(words) and left["note"].endswith("use EUR to count them")
    assert eu["note"].startswith("EU27 = AUT BEL") and eu["note"].endswith(left["note"])
    assert eur["regions_left_out"] == [] and "Europe-level" not in eur["note"]
    assert (eu["summary"]["n_covered"], eur["summary"]["n_covered"]) == (39, 40)
    syn = api.get("/api/synergy", params={"a": "EU27", "b": "USA"}).json()
    assert [x["code"] for x in syn["regions_left_out"]] == ["EUR"]
    shap = api.post("/api/shapley", json={"countries": ["EU27", "CHIP4"]}).json()
    assert shap["regions_left_out"] == eu["regions_left_out"]


def test_the_note_in_japanese(api: AsgiClient) -> None:
    """``note_ja`` says what ``note`` says, in the words of the coalition briefing's first page:
    the group and its members by name, the members without data, and for EU27 (not EUR) the
    Europe-level rows with their inputs' Japanese names; empty, as ``note``, when no group was
    asked for (the Quad's two members with data, named one by one)."""
    eu = api.get("/api/coalition", params={"countries": "EU27,USA"}).json()
    eur = api.get("/api/coalition", params={"countries": "EUR,USA"}).json()
    ja = eu["note_ja"]
    assert ja.startswith("グループでの指定：EU27 = オーストリア・ベルギー・")
    assert "データがないため除外（18か国・地域）：ベルギー・" in ja
    assert ja.endswith(
        "ETOの欧州全体の行（EUR：ロジックチップ設計 9%、ディスクリート・アナログ・その他（DAO）"
        "チップ設計 17%）はどの加盟国にも帰属できないため除外しています。含めるにはEURを指定して"
        "ください。"
    )
    assert (
        eur["note_ja"].startswith("グループでの指定：EUR = ") and "欧州全体" not in eur["note_ja"]
    )
    syn = api.get("/api/synergy", params={"a": "EU27", "b": "USA"}).json()
    assert syn["note_ja"] == ja
    plain = api.get("/api/shapley", params={"countries": "USA,JPN"}).json()
    assert plain["note"] == plain["note_ja"] == ""


def test_nested_user_group_is_expanded(api: AsgiClient) -> None:
    r = api.post(
        "/api/shapley",
        json={"countries": ["BIG"], "groups": {"BIG": ["CHIP4", "SMALL"], "SMALL": ["NLD"]}},
    )
    assert r.status_code == 200
    assert r.json()["members"] == ["USA", "JPN", "KOR", "TWN", "NLD"]


@pytest.mark.parametrize(
    ("groups", "field", "words"),
    [
        ({"USA": ["JPN"]}, "groups.USA", "is a country code"),
        ({"EU27": ["JPN"]}, "groups.EU27", "built-in group"),
        ({"MY": ["JPN", "XXX"]}, "groups.MY", "EU27"),
        ({"A1": ["B1"], "B1": ["A1"]}, "groups.", "contain each other"),
        ({"MY": []}, "groups.MY", "empty group"),
        ({"my bloc": ["JPN"]}, "groups.MY BLOC", "malformed group name"),
    ],
)
def test_bad_user_groups_are_422_naming_the_field(
    api: AsgiClient, groups: dict[str, list[str]], field: str, words: str
) -> None:
    r = api.post("/api/coalition", json={"countries": ["JPN"], "groups": groups})
    assert r.status_code == 422, r.text
    assert r.json()["field"].startswith(field)
    assert words in r.json()["detail"]


def test_unknown_code_is_422_listing_valid_codes(api: AsgiClient) -> None:
    r = api.get("/api/coalition", params={"countries": "EU28"})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert r.json()["field"] == "countries"
    assert "EU28" in detail and "CHIP4" in detail and "USA" in detail and "EU27" in detail


def test_malformed_group_query_is_422(api: AsgiClient) -> None:
    r = api.get("/api/coalition", params={"countries": "JPN", "group": "MYBLOC"})
    assert r.status_code == 422 and r.json()["field"] == "group"


def test_fab_filter_takes_a_group(api: AsgiClient) -> None:
    eu = api.get("/api/fabs", params={"country": "EU27"}).json()
    assert eu["rows"], "the registry has fabs in the EU"
    assert {row["country"] for row in eu["rows"]} <= set(
        next(g for g in api.get("/api/groups").json()["rows"] if g["group_code"] == "EU27")[
            "members"
        ]
    )
    deu = api.get("/api/fabs", params={"country": "DEU"}).json()
    assert len(deu["rows"]) <= len(eu["rows"])


def test_eur_in_a_request_group_and_the_overlap_suggestions(api: AsgiClient) -> None:
    """Review 8, findings 4 and 5 on the API: a request group naming EUR counts the ETO's
    Europe-level rows as EUR does (40 of 75 inputs with the U.S.); an overlap never suggests the
    refused question again (EU27/EUR offered a=EU27&b=EUR): EUR, which also names the group,
    is left out of the questions (``a_ask``/``b_ask``, ``not_askable``) with words saying why."""
    west = api.post(
        "/api/coalition", json={"countries": ["WEST"], "groups": {"WEST": ["USA", "EUR"]}}
    )
    direct = api.get("/api/coalition", params={"countries": "USA,EUR"}).json()
    assert west.status_code == 200 and sorted(west.json()["members"]) == sorted(direct["members"])
    assert west.json()["summary"]["n_covered"] == direct["summary"]["n_covered"] == 40
    assert west.json()["regions_left_out"] == []
    r = api.get("/api/synergy", params={"a": "EU27", "b": "EUR"})
    body = r.json()
    assert r.status_code == 422 and body["overlap"]["b_only"] == ["EUR"]
    assert (body["overlap"]["b_ask"], body["overlap"]["not_askable"]) == ([], ["EUR"])
    assert "GET /api/synergy?" not in body["detail"] and "no disjoint question" in body["detail"]
    r = api.get("/api/synergy", params={"a": "EUR", "b": "DEU"})
    body = r.json()
    assert r.status_code == 422 and body["overlap"]["a_ask"] == [
        "AUT",
        "CZE",
        "FRA",
        "HUN",
        "ITA",
        "LUX",
        "NLD",
        "SWE",
    ]
    assert "GET /api/synergy?a=AUT,CZE,FRA,HUN,ITA,LUX,NLD,SWE&b=DEU." in body["detail"]
    ok = api.get("/api/synergy", params={"a": "AUT,CZE,FRA,HUN,ITA,LUX,NLD,SWE", "b": "DEU"})
    assert ok.status_code == 200
