"""A query parameter that an ``/api`` route does not declare is refused with a 422 that names
it, the route's parameters and the closest one, instead of being silently ignored (review 2,
finding 6: ``/api/capacity?year=2027`` answered all 14 years)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chipshock.api import create_app

from .conftest import AsgiClient

JS = Path(__file__).parents[2] / "src" / "chipshock" / "web" / "static" / "js"


@pytest.mark.parametrize(
    ("url", "name", "expected", "suggestion"),
    [
        ("/api/capacity?year=2027", "year", "years, fabs_off, fabs_on", "years"),
        ("/api/fabs?yaer=2027", "yaer", "country, status", "year"),
        ("/api/shares?input=N20&by=both&hightlight=JPN", "hightlight", "input, by", "highlight"),
        ("/api/coalition?countries=JPN&treshold=50", "treshold", "countries", "threshold"),
        ("/api/trace/N20?depth=2", "depth", "", None),
    ],
)
def test_unknown_parameter_is_a_422_naming_it(
    api: AsgiClient, url: str, name: str, expected: str, suggestion: str | None
) -> None:
    """Each route names the unknown parameter, the ones it takes and the closest, in the
    shape of the API's other 422s (detail, field, errors)."""
    r = api.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["field"] == name
    assert body["errors"] == [{"field": name, "message": body["errors"][0]["message"]}]
    message = body["errors"][0]["message"]
    assert message.startswith(f"unknown query parameter {name!r}")
    assert message in body["detail"]
    if expected:
        assert f"expected one of: {expected}" in message
    else:
        assert "this route takes no query parameters" in message
    if suggestion:
        assert message.endswith(f"did you mean {suggestion}?")


def test_every_unknown_parameter_is_listed_before_values_are_checked(api: AsgiClient) -> None:
    """Two unknown names are both reported, ahead of a bad value of a known one."""
    r = api.get("/api/capacity?year=2027&years=abc&fab_off=x")
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["year", "fab_off"]


def test_a_valid_request_is_unaffected(api: AsgiClient) -> None:
    """Declared parameters, repeated list parameters and none at all answer as before."""
    r = api.get("/api/capacity?years=2027&years=2028")
    assert r.status_code == 200
    assert {row["year"] for row in r.json()["rows"]} == {2027, 2028}
    assert api.get("/api/fabs?year=2027&country=JPN").status_code == 200
    assert api.get("/api/health").status_code == 200


def test_pages_docs_and_static_files_take_any_query(api: AsgiClient) -> None:
    """The dashboard (``/?lang=ja``), the API docs, the OpenAPI schema and static files are not
    API routes: a query string there is not refused."""
    for url in (
        "/?lang=ja",
        "/docs?x=1",
        "/openapi.json?x=1",
        "/static/js/boot.js?v=1",
        "/static/i18n/en.json?v=1",
    ):
        assert api.get(url).status_code == 200, url


def _names(query: str) -> set[str]:
    return set(re.findall(r"(?:^|&)([a-z_]+)=", re.sub(r"\$\{[^}]*\}", "", query)))


def _dashboard_queries() -> list[tuple[str, set[str]]]:
    """The dashboard's GET requests with a query string: (path, parameter names), read from
    the URLs its JavaScript writes (``/api/x?a=${...}&b=...``, or ``/api/x?${q}`` with
    ``const q = `a=...&b=...``` in the same file, or ``const q = new URLSearchParams({ a, b: x })``
    and ``q.append("c", ...)``)."""
    found = []
    for js in sorted(JS.glob("*.js")):
        text = js.read_text(encoding="utf-8")
        consts = {k: _names(v) for k, v in re.findall(r"const (\w+) = `([^`]*)`", text)}
        for var, body in re.findall(r"const (\w+) = new URLSearchParams\(\{([^}]*)\}\)", text):
            keys = {part.split(":")[0].strip() for part in body.split(",") if part.strip()}
            keys |= set(re.findall(rf"\b{var}\.append\(\"(\w+)\"", text))
            consts[var] = keys
        for m in re.finditer(r"`(/api/[a-z_/]+)\?([^`]*)`", text):
            whole = re.fullmatch(r"\$\{(\w+)\}", m[2])
            found.append((m[1], consts[whole[1]] if whole else _names(m[2])))
    return found


def test_the_dashboard_sends_only_declared_parameters(store_path: Path) -> None:
    """Every query parameter the dashboard's scripts put in an API URL is one the route
    declares (otherwise the new check would break the page)."""
    schema = create_app(store_path, warm=False).openapi()
    queries = _dashboard_queries()
    assert {"/api/shares", "/api/coalition", "/api/synergy"} <= {p for p, _ in queries}
    assert ("/api/sourcing", {"year", "markets", "nodes", "by", "fabs_off"}) in queries
    for path, names in queries:
        declared = {
            p["name"]
            for p in schema["paths"][path]["get"].get("parameters", [])
            if p["in"] == "query"
        }
        assert names and names <= declared, (path, names - declared)
