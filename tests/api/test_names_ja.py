"""/api/names/ja names every country and region code of the data in Japanese, as the CLI does
(`chipshock.present.labels.country_label`: the one table of Japanese country names)."""

from __future__ import annotations

from tests.api.conftest import AsgiClient

from chipshock.present.labels import country_label


def test_names_ja_gives_every_country_code_of_the_explorer_its_japanese_name(
    api: AsgiClient,
) -> None:
    """Each country code the explorer lists (and the capacity regions ROW, EUR) has the CLI's
    Japanese name in ``countries``: 台湾 for TWN, その他の地域 for ROW, never the code itself."""
    countries = api.get("/api/names/ja").json()["countries"]
    rows = api.get("/api/explorer/inputs").json()["rows"]
    codes = {c for r in rows for c in r["countries"]} | {"ROW", "EUR"}
    assert len(codes) > 15
    for code in codes:
        assert countries[code] == country_label(code, "ja") != code, code
    assert countries["TWN"] == "台湾" and countries["ROW"] == "その他の地域"
