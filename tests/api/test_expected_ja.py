"""Every problem says what was expected in Japanese too (``expected_ja``, and in
``detail_ja``), built from the English text's parts: a list of valid names stays that list,
its items joined with 「、」 (apija2: where the English ``expected`` was free text, the Japanese
left it out; api31: the Japanese lists were joined with ", ")."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.present.expected_text import (
    EXPECTED_KINDS,
    LIST_PARTS,
    expected_parts,
    expected_text_ja,
    list_ja,
)
from chipshock.present.labels import eto_label
from chipshock.present.messages import has_message, message

SHOCK = """[scenario]
id = "x"
title = "x"
start_year = 2027
end_year = 2028
[[shock]]
kind = "{kind}"
targets = ["{target}"]
start = "2027-W10"
duration_weeks = {weeks}
"""
FLAGSHIP = "taiwan-blockade-2027-6m"

#: bad requests of each sort: an input name, a shock kind, numbers (request and file)
REQUESTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/shares?input=zzzzqqq", None),
    ("GET", "/api/trace/zzzzqqq", None),
    ("GET", "/api/coalition?countries=XXX", None),
    ("GET", "/api/fabs?operator=zzzqq", None),
    ("GET", "/api/capacity/buildout?node_class=zz", None),
    ("GET", "/api/chokepoints?threshold=500", None),
    ("POST", "/api/scenarios/run", {"scenario": "zzz", "runs": 10}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "fabs_off": ["nofab"]}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "runs": 0}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "runs": "x", "seedd": 1}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "duration_weeks": -1}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "start_year": 1990}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "bands": "columns"}),
    ("GET", "/api/fabs?year=1900", None),
    (
        "POST",
        "/api/scenarios/run",
        {"toml": SHOCK.format(kind="blockadee", target="TWN", weeks=10)},
    ),
    ("POST", "/api/scenarios/run", {"toml": SHOCK.format(kind="country", target="TWN", weeks=-3)}),
    (
        "POST",
        "/api/scenarios/run",
        {"toml": SHOCK.format(kind="country", target="TWN", weeks='"x"')},
    ),
    ("POST", "/api/scenarios/run", {"toml": SHOCK.format(kind="input", target="zzzq", weeks=10)}),
    # not finite, a malformed job id, no body at all (fin33: these said nothing of what was
    # expected, or a percent that is NaN was "above 100")
    ("GET", "/api/chokepoints?min_share=nan", None),
    ("GET", "/api/criticality?threshold=inf", None),
    ("GET", "/api/jobs/nope", None),
    ("POST", "/api/scenarios/run", None),
    # a well-formed job id the server does not have, a field missing inside a body (ap33: these
    # expected nothing)
    ("GET", "/api/jobs/0123456789ab", None),
    ("POST", "/api/coalition", {}),
    ("POST", "/api/scenarios/run", {"scenario": FLAGSHIP, "sourcing": [{"market": "x"}]}),
]


def _problems(api: AsgiClient, method: str, url: str, payload: Any) -> list[dict[str, Any]]:
    response = api.request(method, url, **({"json": payload} if payload is not None else {}))
    assert response.status_code in (404, 422), response.text[:300]
    body = response.json()
    problems: list[dict[str, Any]] = body["problems"]
    assert problems and all(p["expected"] for p in problems), body
    for p in problems:
        assert p["expected_ja"], p
        if p["code"] not in ("too_many_runs", "repeated"):  # their own notes say it
            assert p["expected_ja"] in body["detail_ja"], body["detail_ja"]
    return problems


@pytest.mark.parametrize(("method", "url", "payload"), REQUESTS)
def test_each_expected_has_its_japanese_from_its_parts(
    api: AsgiClient, method: str, url: str, payload: Any
) -> None:
    """A known kind of text (none left in English), every part of it kept as written in the
    Japanese (a list's items joined with 「、」), and the English wording of the kind gives back
    the English text."""
    for p in _problems(api, method, url, payload):
        parts = expected_parts(p["expected"])
        assert parts is not None, p["expected"]
        kind, fields = parts
        for name, text in fields.items():
            written = list_ja(text) if name in LIST_PARTS else text
            if name == "dataset":  # the ETO release's name, in Japanese (err33)
                written = eto_label(text, "ja")
            assert written in p["expected_ja"], (name, p["expected_ja"])
        english = message(f"api_expected.{kind}", "en", **fields)
        assert english == p["expected"].split("; did you mean")[0].split(" (did you mean")[0]


def test_a_list_of_valid_names_stays_a_list(api: AsgiClient) -> None:
    """An unknown shock kind and an unknown input in a shock: the same names, in the same
    order, in both languages, joined with 「、」 in Japanese; only the words around them
    differ (an input's name keeps a comma of its own: N65 Film, stack, and shape...)."""
    kind = _problems(api, *REQUESTS[14])[0]
    assert kind["expected"] == "one of country, firm, fab, input, export_control, demand"
    assert kind["expected_ja"] == "country、firm、fab、input、export_control、demand のいずれか"
    target = _problems(api, *REQUESTS[17])[0]
    names = target["expected"].removeprefix("an input id or name, one of: ")
    assert names.startswith("N0 Chip design, N1 Advanced CPUs, ")
    listed = target["expected_ja"].removeprefix("投入物の ID または名前。").split(" のいずれか")
    items = listed[0].split("、")
    assert ", ".join(items) == names and listed[1] == ""
    assert "N65 Film, stack, and shape metrology tools" in items and "S3" in items
    assert "advanced_packaging (Advanced packaging (2.5D/3D, CoWoS-class))" in items


def test_numbers_say_their_bound_in_japanese(api: AsgiClient) -> None:
    """``runs: 0``, ``duration_weeks: -1`` (request) and ``duration_weeks = -3`` (file): the
    bound in both languages; a moved horizon names the years; ``runs: "x"`` wants an integer."""
    runs = _problems(api, *REQUESTS[8])[0]
    assert (runs["expected"], runs["expected_ja"]) == ("value ≥ 1", "1 以上")
    assert runs["field"] == "runs"
    weeks = _problems(api, *REQUESTS[10])[0]
    assert (weeks["expected"], weeks["expected_ja"]) == ("value ≥ 0", "0 以上")
    in_file = _problems(api, *REQUESTS[15])[0]
    assert in_file["expected_ja"] == "0 以上 988 以下"  # the longest horizon, 2022–2040 (scen34)
    year = _problems(api, *REQUESTS[11])[0]
    assert (
        year["expected_ja"]
        == "2022〜2040年に収まる期間（このシナリオで指定できる年：2023〜2037年）"
    )
    assert _problems(api, *REQUESTS[9])[0]["expected_ja"] == "整数"


def test_the_japanese_detail_says_what_an_input_may_be(api: AsgiClient) -> None:
    """An unknown input with no close name: the Japanese detail lists the materials and the
    id range the English gives (it stopped at the value given)."""
    body = api.get("/api/shares?input=zzzzqqq").json()
    assert body["detail_ja"].endswith(
        "（入力値：zzzzqqq、指定できる値：ETO の投入物の ID または名前（"
        "ETO Chip Explorer データセット 2026年8月更新版の126件、"
        "ID は N0〜N138。一覧は `GET /api/inputs`）、または原材料・先端パッケージングの ID または"
        "名前（gallium、germanium、neon、rare_earths、high_purity_quartz、fluorspar、tungsten、"
        "advanced_packaging。一覧は `GET /api/chokepoints?materials=true`））"
    )


def test_a_text_of_no_known_kind_is_kept_and_marked_english() -> None:
    """Never dropped: given as it is, marked（英語）; every kind has both wordings."""
    assert expected_text_ja("a widget with blue knobs") == "a widget with blue knobs（英語）"
    for kind in (*EXPECTED_KINDS, "untranslated"):
        assert has_message(f"api_expected.{kind}", "en"), kind
        assert has_message(f"api_expected.{kind}", "ja"), kind


def test_a_percent_that_is_not_finite_is_refused_as_such(api: AsgiClient) -> None:
    """NaN or infinity for a percent, in a query or a JSON body, or for a run's duration:
    "a finite number" in both languages (a percent was refused as above 100, "value ≤ 100";
    the duration's problem expected nothing)."""
    for url in ("/api/chokepoints?min_share=nan", "/api/chokepoints?min_share=inf"):
        share = _problems(api, "GET", url, None)[0]
        assert (share["field"], share["code"]) == ("min_share", "out_of_range")
        assert (share["expected"], share["expected_ja"]) == ("a finite number", "有限の数値")
    for route, body in (
        ("/api/coalition", '{"countries": ["USA"], "threshold": NaN}'),
        ("/api/synergy", '{"a": ["USA"], "b": ["JPN"], "threshold": Infinity}'),
        ("/api/scenarios/run", f'{{"scenario": "{FLAGSHIP}", "duration_weeks": NaN}}'),
    ):
        response = api.post(route, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text[:300]
        finite = [p for p in response.json()["problems"] if p["expected"] == "a finite number"]
        assert [p["field"] for p in finite] in (["threshold"], ["duration_weeks"]), response.text


def test_a_malformed_job_id_and_a_missing_body_say_what_was_expected(api: AsgiClient) -> None:
    """A job id not of 12 hex digits names the form and where the id comes from; a POST with
    no body asks for a JSON object and lists the route's fields, in both languages."""
    job = _problems(api, "GET", "/api/jobs/nope", None)[0]
    assert (job["field"], job["code"], job["value"]) == ("job_id", "malformed", "nope")
    assert job["expected"] == (
        "a job_id as a POST /api/jobs/... answers it: 12 characters, each 0-9 or a-f"
    )
    assert job["expected_ja"] == "POST /api/jobs/... が返した `job_id`（0〜9、a〜f の12文字）"
    body = _problems(api, "POST", "/api/scenarios/run", None)[0]
    assert (body["field"], body["code"]) == ("body", "missing")
    assert body["expected"].startswith("a JSON object of the fields: scenario, start_year, ")
    assert "toml" in body["expected"].split(": ")[1].split(", ")
    assert body["expected_ja"].startswith("JSON オブジェクト（項目：scenario、start_year、")
    coalition = _problems(api, "POST", "/api/coalition", None)[0]
    assert coalition["expected"] == (
        "a JSON object of the fields: countries, groups, threshold, level"
    )


def test_an_unknown_job_says_which_jobs_the_server_keeps(api: AsgiClient) -> None:
    """A job id of the right form that this server never answered, or no longer keeps: the
    route that answers job ids, since the server started, and how many jobs it keeps."""
    for method in ("GET", "DELETE"):
        job = _problems(api, method, "/api/jobs/0123456789ab", None)[0]
        assert (job["field"], job["code"], job["value"]) == ("job_id", "unknown", "0123456789ab")
        assert job["expected"] == (
            "a job_id a POST /api/jobs/... answered on this server since it started; it keeps "
            "the last 32 jobs"
        )
        assert job["expected_ja"] == (
            "このサーバーが起動してから POST /api/jobs/... が返した `job_id`"
            "（保持するのは直近の32件のジョブ）"
        )


def test_a_missing_field_expects_what_its_wrong_type_does(api: AsgiClient) -> None:
    """A field missing inside a body expects what a value of the wrong type there is told: a
    list for ``countries``, a string and a number inside a sourcing row, in both languages."""
    for route, body, field in (
        ("/api/coalition", {}, "countries"),
        ("/api/synergy", {"a": ["USA"]}, "b"),
    ):
        missing = _problems(api, "POST", route, body)[0]
        wrong = _problems(api, "POST", route, {**body, field: 5})[0]
        assert (missing["field"], missing["code"]) == (field, "missing")
        assert wrong["code"] == "wrong_type"
        assert (missing["expected"], missing["expected_ja"]) == ("a list", "リスト")
        assert (wrong["expected"], wrong["expected_ja"]) == ("a list", "リスト")
    row = {"scenario": FLAGSHIP, "sourcing": [{"market": "x"}]}
    expected = {
        p["field"]: (p["expected"], p["expected_ja"])
        for p in _problems(api, "POST", "/api/scenarios/run", row)
    }
    assert expected == {
        "sourcing[0].node_class": ("a string", "文字列"),
        "sourcing[0].operator": ("a string", "文字列"),
        "sourcing[0].share_pct": ("a number", "数値"),
    }
