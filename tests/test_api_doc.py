"""docs/api.md (and every other page that names a route) agrees with the app's OpenAPI: each
`GET /api/...` or `POST /api/...` it shows is a route with that method, each query parameter in
its query string is one the route takes, each key of a JSON body it shows is a field of the
route's request model, and the route table of docs/api.md lists every route the app serves."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from chipshock.api import create_app

ROOT = Path(__file__).resolve().parents[1]
API_DOC = ROOT / "docs" / "api.md"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: a route as the docs write it: `GET /api/fabs?country=&year=2027` (a table's `\|` kept out)
MENTION = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) +`?(/api/[\w{}/.-]*)(\?[^\s`),;]*)?")
#: a JSON body shown under a route in a fenced block: `POST /api/coalition` then `{...}`
BODY = re.compile(
    r"^(POST|PUT|PATCH) +(/api/[\w{}/.-]*)\s*(\{.*?)(?=^(?:POST|PUT|PATCH) |\Z)",
    flags=re.DOTALL | re.MULTILINE,
)
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", flags=re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    """The app's OpenAPI, built without a store (the routes do not depend on the data)."""
    return create_app(Path("/nonexistent/chipshock.duckdb"), warm=False).openapi()


def _pages(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def _route(spec: dict[str, Any], method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """The OpenAPI path and operation that serve ``method path``: a literal segment must match
    (`/api/scenarios/run`), a template segment of the spec takes any segment of the docs
    (`/api/trace/gallium`, `/api/results/{id}`); literal paths win over templates."""
    wanted = path.rstrip("/").split("/")
    matches = []
    for template, operations in spec["paths"].items():
        parts = template.split("/")
        if len(parts) != len(wanted) or method.lower() not in operations:
            continue
        literal = all(p == w for p, w in zip(parts, wanted, strict=True) if not p.startswith("{"))
        documented_template = all(
            p.startswith("{") for p, w in zip(parts, wanted, strict=True) if w.startswith("{")
        )
        if literal and documented_template:
            templated = sum(p.startswith("{") for p in parts)
            matches.append((templated, template, operations[method.lower()]))
    if not matches:
        return None
    _, template, operation = min(matches, key=lambda m: m[0])
    return template, operation


def _body_fields(spec: dict[str, Any], operation: dict[str, Any]) -> set[str]:
    """Every property name of the operation's JSON request model, nested models included."""
    schemas = spec["components"]["schemas"]
    fields: set[str] = set()

    def walk(schema: Any) -> None:
        if isinstance(schema, dict):
            ref = schema.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen:
                    seen.add(name)
                    walk(schemas[name])
            fields.update(schema.get("properties", {}))
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for value in schema:
                walk(value)

    seen: set[str] = set()
    walk(operation.get("requestBody", {}))
    return fields


def route_problems(spec: dict[str, Any], pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per route, method or query parameter the pages show that the app lacks, routes
    checked)."""
    problems: list[str] = []
    checked = 0
    for page in pages:
        text = page.read_text("utf-8")
        for match in MENTION.finditer(text):
            method, path, query = match.groups()
            where = f"{page.relative_to(root)}:{text.count(chr(10), 0, match.start()) + 1}"
            checked += 1
            found = _route(spec, method, path)
            if found is None:
                problems.append(f"{where}: the app has no route {method} {path}")
                continue
            template, operation = found
            taken = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            for name in re.findall(r"[?&]([^=&]+)=?", (query or "").replace("\\|", "|")):
                if name not in taken:
                    problems.append(f"{where}: {method} {template} takes no query parameter {name}")
    return problems, checked


def body_problems(spec: dict[str, Any], pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per key of a JSON body the pages show that the route's request model lacks,
    keys checked)."""
    problems: list[str] = []
    checked = 0
    for page in pages:
        text = page.read_text("utf-8")
        for fence in FENCE.finditer(text):
            block = fence.group(1)
            for match in BODY.finditer(block):
                method, path, body = match.groups()
                found = _route(spec, method, path)
                if found is None:
                    continue  # route_problems reports it
                fields = _body_fields(spec, found[1])
                line = text.count("\n", 0, fence.start(1) + match.start()) + 1
                for key in re.findall(r'"([a-z_][a-z0-9_]*)"\s*:', body):
                    checked += 1
                    if key not in fields:
                        problems.append(
                            f"{page.relative_to(root)}:{line}: {method} {found[0]} has no body "
                            f"field {key}"
                        )
    return problems, checked


def untabled_routes(spec: dict[str, Any], doc: Path) -> list[str]:
    """The app's `/api` routes (method and path) that docs/api.md's route table does not list."""
    rows = [line for line in doc.read_text("utf-8").splitlines() if line.startswith("| `")]
    listed = set()
    for row in rows:
        head = row.split(" | ", 1)[0]
        for method, path, _ in MENTION.findall(head):
            found = _route(spec, method, path)
            if found is not None:
                listed.add((method, found[0]))
    served = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        if path.startswith("/api/")
        for method in operations
        if method.upper() in METHODS
    }
    return sorted(f"{method} {path}" for method, path in served - listed)


def test_every_route_shown_exists(spec: dict[str, Any]) -> None:
    """Each `METHOD /api/...` in README.md and docs/*.md is a route of the app with that method,
    and each query parameter it shows is one the route takes."""
    problems, checked = route_problems(spec, _pages(), ROOT)
    assert problems == []
    assert checked >= 80


def test_every_body_field_shown_exists(spec: dict[str, Any]) -> None:
    """Each key of a JSON body shown under `POST /api/...` is a field of that route's request
    model (the models refuse unknown fields, so a stale key would be a 422)."""
    problems, checked = body_problems(spec, _pages(), ROOT)
    assert problems == []
    assert checked >= 30


def test_route_table_lists_every_route(spec: dict[str, Any]) -> None:
    """docs/api.md's route table has a row for every `/api` route the app serves."""
    assert untabled_routes(spec, API_DOC) == []


def test_a_wrong_route_parameter_or_field_is_caught(spec: dict[str, Any], tmp_path: Path) -> None:
    """In a copy of docs/api.md, a renamed route, a wrong method, an unknown query parameter, an
    unknown body field and a dropped table row are each reported."""
    text = API_DOC.read_text("utf-8")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "api.md"
    for old, broken, needle in (
        ("`GET /api/shares/stages`", "`GET /api/share/stages`", "no route GET /api/share/stages"),
        ("`GET /api/names/ja`", "`POST /api/names/ja`", "no route POST /api/names/ja"),
        (
            "/api/capacity/buildout?node_class=all",
            "/api/capacity/buildout?node=all",
            "takes no query parameter node",
        ),
        (
            '"alliance_fabs": false, "fabs_off"',
            '"alliance_fab": false, "fabs_off"',
            "has no body field alliance_fab",
        ),
    ):
        assert old in text, old
        page.write_text(text.replace(old, broken, 1), "utf-8")
        routes, _ = route_problems(spec, [page], tmp_path)
        bodies, _ = body_problems(spec, [page], tmp_path)
        assert [needle in line for line in routes + bodies].count(True) == 1, (
            needle,
            routes,
            bodies,
        )
    row = next(line for line in text.splitlines() if line.startswith("| `GET /api/datasets`"))
    page.write_text(text.replace(row + "\n", "", 1), "utf-8")
    assert untabled_routes(spec, page) == ["GET /api/datasets"]
