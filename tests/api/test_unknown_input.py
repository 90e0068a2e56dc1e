"""An unknown input answers in the CLI's words on the API (uxr2 finding 5): ``GET
/api/trace/galium`` said only "one of the known inputs", where `chipshock trace galium` names the
kinds of valid input, where they are listed and the close matches, raw materials included."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.present.input_errors import API_LISTINGS, cli_listings

from .conftest import AsgiClient


def _cli_error(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> str:
    capsys.readouterr()
    code = main([*args, "--db", str(store)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    return " ".join(err.split())  # Rich wraps stderr at the terminal's width


@pytest.mark.parametrize(
    ("command", "url", "field"),
    [
        ("trace", "/api/trace/{q}", "input_id"),
        ("shares", "/api/shares?input={q}", "input"),
    ],
)
@pytest.mark.parametrize(
    ("query", "suggested"),
    [("galium", "gallium (Gallium)"), ("N999", "N99 Finished logic chip"), ("xyzzy", None)],
)
def test_api_gives_the_clis_words_for_an_unknown_input(
    api: AsgiClient,
    capsys: pytest.CaptureFixture[str],
    store_path: Path,
    command: str,
    url: str,
    field: str,
    query: str,
    suggested: str | None,
) -> None:
    """404 naming the field; the detail is the CLI's message word for word, but for the field's
    name and the listings: the routes that answer as `chipshock inputs` and
    `chipshock chokepoints --materials` do. A typo of a raw material suggests it."""
    r = api.get(url.format(q=query))
    assert r.status_code == 404, r.text
    body = r.json()
    assert body["field"] == field
    detail = " ".join(body["detail"].split())
    assert detail.startswith(f"{field}: unknown input (got {query!r}; expected an ETO input")
    assert "126 in the ETO Chip Explorer dataset, Aug 2026 update, ids N0 to N138;" in detail
    assert "`GET /api/inputs` lists them all" in detail
    assert "`GET /api/chokepoints?materials=true` lists them" in detail
    assert "chipshock" not in detail  # no command: the API's user has routes
    if suggested is None:
        assert "did you mean" not in detail
    else:
        assert suggested in detail.split("did you mean", 1)[1]
    cli = _cli_error(capsys, store_path, command, query)
    words = cli[cli.index("INPUT: ") :]  # after "chipshock trace:"
    cli_words = words.replace(cli_listings().eto, API_LISTINGS.eto).replace(
        cli_listings().materials, API_LISTINGS.materials
    )
    assert cli_words == detail.replace(f"{field}: ", "INPUT: ", 1)


def test_the_listed_routes_list_the_inputs(api: AsgiClient) -> None:
    """The routes the error names answer: every ETO input by id and name (126, the finished
    chip too), and the raw materials (gallium among them)."""
    eto = api.get("/api/inputs").json()["rows"]
    assert {"input_id", "name"} <= set(eto[0]) and len(eto) == 126
    assert {"N20", "N99"} <= {r["input_id"] for r in eto}
    mats = api.get("/api/chokepoints?materials=true").json()["rows"]
    assert "gallium" in {r["material_id"] for r in mats}
