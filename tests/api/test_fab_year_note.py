"""``GET /api/fabs?year=`` outside the model's years (2022–2040) says, in ``year_note`` and
``year_note_ja``, that each fab's capacity then is the registry's figure, not the model's, as
`chipshock fabs --year`'s caption does (session 33); a year of the model has no note."""

from __future__ import annotations

from tests.api.conftest import AsgiClient

from chipshock.present.coverage_notes import fab_year_note


def test_a_year_outside_the_model_has_its_note_in_both_languages(api: AsgiClient) -> None:
    """2050 and 2020 (the map slider's first year) are answered with the note; 2027 without."""
    for year in (2050, 2020):
        body = api.get(f"/api/fabs?year={year}").json()
        assert body["rows"], year
        assert body["year_note"] == fab_year_note(year, "en")
        assert "not the model's" in body["year_note"] and "2022–2040" in body["year_note"]
        assert "モデルの値ではなく登録簿の値です" in body["year_note_ja"]
        assert "（英語）" not in body["year_note_ja"]
    body = api.get("/api/fabs?year=2027").json()
    assert body["year_note"] is None and body["year_note_ja"] is None
