"""A table's caption names a column either as cut short (its cells end in "…") or as left out
at a narrow terminal, never as both."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.cli import output

#: a key column and a long remark (cut at 48 characters with "…"); the remark's least width
#: (16) and the id's (27) do not fit 40 columns together
FRAME = pd.DataFrame(
    {
        "fab_id": ["a-rather-long-identifier-01"],
        "remark": ["this remark runs on for well over forty-eight characters of text"],
    }
)


def _caption(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], width: int, lang: str
) -> str:
    monkeypatch.setattr(output.console, "width", width)
    output.emit(FRAME, output.Format.table, narrow=["fab_id"], lang=lang)
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("lang", "cut", "left_out"),
    [
        ("en", "are cut short", "Left out at this terminal width: remark"),
        ("ja", "「…」で終わるセルは省略", "この端末幅では省略：remark"),
    ],
)
def test_a_left_out_column_is_not_also_called_cut_short(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    cut: str,
    left_out: str,
) -> None:
    """At 40 columns the remark is left out: the caption says so and does not call it cut
    short; at 100 columns it is shown, cut short, and the caption says that instead."""
    narrow = _caption(monkeypatch, capsys, 40, lang)
    assert left_out in narrow and cut not in narrow
    wide = _caption(monkeypatch, capsys, 100, lang)
    assert cut in wide and "…" in wide and left_out not in wide
