"""Registry routes check their country codes as the CLI does: an unknown code is a 422 that
names the field, the code and the close valid ones, never 200 with no rows (which reads
"Japan has no fabs" for a typo); group codes and lower case still work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api import create_app
from chipshock.cli.main import main

ROUTES = ("/api/fabs", "/api/partnerships", "/api/deliverables")


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store))
    yield client
    client.close()


@pytest.mark.parametrize("route", ROUTES)
def test_an_unknown_code_is_a_422_naming_it(client: AsgiClient, route: str) -> None:
    response = client.get(route, params={"country": "JAP"})
    assert response.status_code == 422
    text = response.text
    assert "country" in text and "JAP" in text and "JPN" in text


@pytest.mark.parametrize("route", ROUTES)
def test_known_codes_groups_and_lower_case_still_answer(client: AsgiClient, route: str) -> None:
    for code in ("JPN", "jpn", "EU27", "CHIP4"):
        assert client.get(route, params={"country": code}).status_code == 200, code


def test_the_cli_and_the_api_refuse_the_same_code(
    client: AsgiClient, built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fabs", "--country", "JAP", "--db", str(built_store)]) == 2
    err = capsys.readouterr().err
    assert "JAP" in err and "JPN" in err
    assert client.get("/api/fabs", params={"country": "JAP"}).status_code == 422
    jpn = client.get("/api/fabs", params={"country": "jpn"}).json()["rows"]
    assert jpn and {r["country"] for r in jpn} == {"JPN"}
