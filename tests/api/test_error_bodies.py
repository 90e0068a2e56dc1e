"""Every error the dashboard can cause answers with its parts (``code``, ``problems``) and in
Japanese (``detail_ja``) beside the English ``detail`` (apija: the Japanese page showed English)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api.error_bodies import exception_body
from chipshock.api.runner import RunTimeout, ServerBusy
from chipshock.errors import ChipshockError, StoreError
from chipshock.present.expected_text import LIST_PARTS, expected_parts, list_ja

BAD_TOML = """[scenario]
id = "x"
name = "x"
start_year = 2027
end_year = 2028
[[shock]]
kind = "blockadee"
targets = ["TWN", "TWN"]
start = "2027-W10"
duration_weeks = -3
"""


def _japanese_only(body: dict[str, Any]) -> str:
    """``detail_ja`` without what the user typed (fields and values), the ids it suggests and
    the parts of what is expected (lists of names, numbers, commands: typed as they are):
    what is left must hold no English word."""
    text = str(body["detail_ja"])
    typed: list[str] = []
    for part in body["problems"]:
        typed += [part["field"] or "", part["value"] or ""]
        typed += [list_ja(part["value"])] if part["value"] else []  # a list of ids, in Japanese
        parts = expected_parts(part["expected"]) if part["expected"] else None
        # a list's items as written, joined with 「、」 in Japanese (`list_ja`)
        typed += (
            [list_ja(v) if k in LIST_PARTS else v for k, v in parts[1].items()] if parts else ()
        )
    for words in sorted(typed, key=len, reverse=True):  # a list before a name in it
        if words:
            text = text.replace(words, " ")
    # the closest ids (a list joined with 「、」), up to the next note or the closing bracket
    text = re.sub(
        r"候補：.*?(?=、指定できる値：|、上限：|）)|`[^`]*`|/api/\S*|[A-Z]+ を", " ", text
    )
    return text


def _assert_japanese(body: dict[str, Any]) -> None:
    text = _japanese_only(body)
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), body["detail_ja"]
    # proper names: formats, the API, the dataset ("ETO Chip Explorer", named as it calls itself)
    names = r"\b(JSON|API|ETO|Chip Explorer)\b"
    assert re.findall(r"[A-Za-z]{3,}", re.sub(names, "", text)) == [], body["detail_ja"]


CASES = [
    ("POST", "/api/scenarios/run", {"toml": BAD_TOML, "runs": 10}, 422, "invalid_scenario"),
    (
        "POST",
        "/api/scenarios/run",
        {"scenario": "taiwan-blockade-2027-6m", "runs": 5000},
        422,
        "invalid_input",
    ),
    ("POST", "/api/scenarios/run", {"scenario": "nope", "runs": 10}, 404, "unknown_id"),
    (
        "POST",
        "/api/scenarios/run",
        {"scenario": "taiwan-blockade-2027-6m", "runs": "x", "seedd": 1},
        422,
        "invalid_request",
    ),
    (
        "POST",
        "/api/scenarios/run",
        {"scenario": "taiwan-blockade-2027-6m", "fabs_off": ["nofab"]},
        404,
        "unknown_id",
    ),
    ("GET", "/api/scenarios/nope", None, 404, "unknown_id"),
    ("GET", "/api/shares?input=galium", None, 404, "unknown_id"),
    ("GET", "/api/capacity?year=2027", None, 422, "invalid_request"),
    ("GET", "/api/coalition?countries=XXX", None, 422, "invalid_input"),
    ("GET", "/api/results/nope", None, 404, "unknown_id"),
    ("GET", "/api/jobs/abc", None, 422, "invalid_request"),
    ("GET", "/api/nothing", None, 404, "not_found"),
    ("DELETE", "/api/fabs", None, 405, "method_not_allowed"),
    ("GET", "/api/fabs?" + "x" * 9000, None, 414, "query_too_long"),
]


@pytest.mark.parametrize(("method", "url", "payload", "status", "code"), CASES)
def test_each_error_has_its_parts_and_japanese(
    api: AsgiClient, method: str, url: str, payload: Any, status: int, code: str
) -> None:
    """The status and English detail as before; the kind, the problems and Japanese text."""
    response = api.request(method, url, **({"json": payload} if payload is not None else {}))
    body = response.json()
    assert (response.status_code, body["code"]) == (status, code), body
    assert body["detail"] and set(body) >= {"detail", "field", "code", "problems", "detail_ja"}
    if body["problems"]:
        assert body["field"] == body["problems"][0]["field"]
    _assert_japanese(body)


def test_a_scenario_files_problems_each_have_a_japanese_line(api: AsgiClient) -> None:
    """Four problems: four lines after the lead, each with the file and its path in it
    (``toml.shock[0].kind``, as ``field`` gives it), the value given and, for an unknown kind,
    the choices (joined with 「、」); the repeated target counted in both languages."""
    body = api.post("/api/scenarios/run", json={"toml": BAD_TOML, "runs": 10}).json()
    lines = body["detail_ja"].split("\n")
    assert lines[0] == "シナリオに問題が4件あります"
    assert [p["code"] for p in body["problems"]] == [
        "unknown_key",
        "unknown",
        "repeated",
        "out_of_range",
    ]
    assert lines[1].startswith(
        "・toml.scenario.name：この項目名はありません（指定できる値：id、title、"
    )
    assert lines[2] == (
        "・toml.shock[0].kind：該当するショックの種類がありません（入力値：blockadee、指定できる値："
        "country、firm、fab、input、export_control、demand のいずれか）"
    )
    assert lines[3] == "・toml.shock[0].targets：同じ ID が1件重複しています（TWN）"
    assert lines[4] == (
        "・toml.shock[0].duration_weeks：範囲外の値です（入力値：-3、指定できる値："
        "0 以上 988 以下）"
    )
    assert body["field"] == "toml.scenario.name"
    assert "shock[0].targets: repeated id (got 'TWN'; expected each id once)" in body["detail"]


def test_two_repeated_ids_are_counted(api: AsgiClient) -> None:
    """Two ids repeated: "2 repeated ids" and 2件 (no "id(s)"), the ids joined with 「、」 in
    Japanese."""
    toml = BAD_TOML.replace('["TWN", "TWN"]', '["TWN", "KOR", "TWN", "KOR"]')
    body = api.post("/api/scenarios/run", json={"toml": toml, "runs": 10}).json()
    assert "shock[0].targets: 2 repeated ids (got 'KOR, TWN'" in body["detail"]
    assert "・toml.shock[0].targets：同じ ID が2件重複しています（KOR、TWN）" in body["detail_ja"]


def test_the_run_limit_names_the_limit_in_japanese(api: AsgiClient) -> None:
    """The server's run cap (200 here) appears in the Japanese text."""
    body = api.post(
        "/api/scenarios/run", json={"scenario": "taiwan-blockade-2027-6m", "runs": 5000}
    ).json()
    assert body["detail_ja"] == (
        "入力値が正しくありません\n・runs：シミュレーションした未来の数がこのサーバーの上限を超えています"
        "（入力値：5000、上限：200）"
    )


def test_a_close_value_is_suggested_in_japanese(api: AsgiClient) -> None:
    """``galium``: the Japanese text suggests gallium, as the English does, then says what
    the input may be."""
    body = api.get("/api/shares?input=galium").json()
    assert (
        "・input：該当する投入物がありません（入力値：galium、候補：gallium (Gallium)、"
        "指定できる値：ETO の投入物の ID または名前"
    ) in body["detail_ja"]


def test_the_middleware_refusals_have_the_same_body(make_client: Any) -> None:
    """400 (host), 413 (body) come from the middleware with the same parts."""
    client = make_client(allowed_hosts={"localhost"}, warm=False)
    body = client.get("/api/health").json()
    assert body["code"] == "host_not_allowed"
    assert body["detail_ja"].endswith("ホスト名 testserver には応答しません")
    big = client.post(
        "/api/scenarios/run",
        content=b"x" * 70_000,
        headers={"content-type": "application/json", "host": "localhost"},
    )
    assert (big.status_code, big.json()["code"]) == (413, "too_large")
    assert big.json()["detail_ja"] == "リクエストの本文が大きすぎます（上限 65,536 バイト）"


def test_openapi_describes_the_error_body(api: AsgiClient) -> None:
    """``/openapi.json``'s ErrorResponse has the new parts, and a route's 422 points at it."""
    spec = api.get("/openapi.json").json()
    schema = spec["components"]["schemas"]["ErrorResponse"]
    assert {"detail", "field", "code", "problems", "detail_ja"} <= set(schema["properties"])
    assert "invalid_scenario" in schema["properties"]["code"]["description"]
    ref = spec["paths"]["/api/scenarios/run"]["post"]["responses"]["422"]
    assert ref["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")


@pytest.mark.parametrize(
    ("exc", "status", "code", "ja"),
    [
        (ServerBusy("server busy: 8 scenario jobs are running", 5), 503, "busy", "5秒後に"),
        (RunTimeout("the run went over the server's time budget"), 504, "timeout", "制限時間"),
        (StoreError("store missing"), 503, "unavailable", "データベース"),
    ],
)
def test_a_jobs_failure_has_the_same_body(
    exc: ChipshockError, status: int, code: str, ja: str
) -> None:
    """What a failed job shows as ``error`` (and a route answers) for the server's own limits."""
    got_status, body, headers = exception_body(exc)
    assert (got_status, body["code"], body["detail"]) == (status, code, str(exc))
    assert ja in body["detail_ja"]
    assert headers == ({"Retry-After": "5"} if code == "busy" else {})
