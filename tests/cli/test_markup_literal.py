"""Text in brackets reaches the terminal as written. Rich reads "[word]" as markup and swallowed
it (session 34: the caveat ``caveat.automotive_binding_weighted`` printed "a weight of 5 (; a
market it does not name has 1)", and a scenario titled "… [draft]" lost the word): a scenario
file's title, description and labels, a path, and every catalogue message with a bracket print
whole, in English and Japanese, in sentences, table cells, headers, titles and captions."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from tests.cli.conftest import Runner

from chipshock.cli.output import Format, emit
from chipshock.present.messages import catalogue

#: a scenario whose words hold brackets rich would read as markup ("[draft]", "[bold]…[/bold]",
#: "[red]") beside ones it would not ("[priorities]" is a tag name too); 3 runs, 2026–2028
SCENARIO = """
[scenario]
id = "brackets"
title = "Blockade [draft] [bold]v2[/bold]"
title_ja = "封鎖 [draft] [bold]v2[/bold]"
description = "Cars first [priorities]; see [bold]notes[/bold] and [red]."
description_ja = "自動車を優先 [priorities]。[bold]注[/bold] と [red] を参照。"
start_year = 2026
end_year = 2028
runs = 3
seed = 1

[[shock]]
kind = "country"
label = "Strait [closed] [bold]now[/bold]"
label_ja = "海峡 [closed] [bold]now[/bold]"
targets = ["TWN"]
start = "2027-01"
duration_weeks = 26
severity = 0.9

[priorities]
automotive = 5
"""

#: the other side of a comparison: another title, and an intervention whose label is printed
OTHER = (
    SCENARIO.replace('id = "brackets"', 'id = "brackets-b"')
    .replace("Blockade [draft]", "Other [side]")
    .replace("封鎖 [draft]", "別 [side]")
    + """
[[intervention]]
kind = "fabs_off"
label = "No [rapidus] [bold]fab[/bold]"
label_ja = "ラピダスなし [rapidus] [bold]fab[/bold]"
fabs = ["rapidus-iim1"]
"""
)

TITLE = {"en": "Blockade [draft] [bold]v2[/bold]", "ja": "封鎖 [draft] [bold]v2[/bold]"}
OTHER_TITLE = {"en": "Other [side] [bold]v2[/bold]", "ja": "別 [side] [bold]v2[/bold]"}
DESCRIPTION = {
    "en": "Cars first [priorities]; see [bold]notes[/bold] and [red].",
    "ja": "自動車を優先 [priorities]。[bold]注[/bold] と [red] を参照。",
}
LABEL = {"en": "No [rapidus] [bold]fab[/bold]", "ja": "ラピダスなし [rapidus] [bold]fab[/bold]"}


def _flat(text: str) -> str:
    """``text`` without its spaces and line breaks (the terminal wraps where it likes)."""
    return "".join(text.split())


def _weight_clause(lang: str) -> str:
    """The caveat's clause on the scenario's weight, as the catalogue writes it, with the
    weight 5: "5 ([priorities]; a market it does not name has 1)" (to the bracket's close)."""
    text = catalogue(lang)["caveat.automotive_binding_weighted"]
    clause = re.match(r"[^)）]*[)）]", text.split("{weight}", 1)[1])
    assert clause is not None and "[priorities]" in clause.group(), text
    return "5" + clause.group()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The two scenario files, in a folder whose name holds a bracket too."""
    folder = tmp_path / "runs [x]"
    folder.mkdir()
    a, b = folder / "brackets.toml", folder / "brackets-b.toml"
    a.write_text(SCENARIO, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    return a, b


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_run_prints_title_description_and_caveat_whole(
    cli: Runner, files: tuple[Path, Path], lang: str
) -> None:
    """`scenario run`: the heading and the summary name the title with its brackets, the
    description reads whole, and the cars caveat keeps "[priorities]"."""
    code, out, err = cli("scenario", "run", str(files[0]), "--lang", lang)
    assert code == 0, err
    flat = _flat(out)
    assert flat.startswith(_flat(TITLE[lang])), out[:200]
    assert flat.count(_flat(TITLE[lang])) >= 2  # the heading and the summary
    assert _flat(DESCRIPTION[lang]) in flat
    assert _flat(_weight_clause(lang)) in flat


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_prints_both_titles_and_the_label_whole(
    cli: Runner, files: tuple[Path, Path], lang: str
) -> None:
    """`scenario compare`: the heading, verdict, summary and settings name both sides and the
    intervention's label with their brackets, and the caveat keeps "[priorities]"."""
    code, out, err = cli("scenario", "compare", *map(str, files), "--runs", "3", "--lang", lang)
    assert code == 0, err
    flat = _flat(out)
    assert flat.count(_flat(TITLE[lang])) >= 3 and flat.count(_flat(OTHER_TITLE[lang])) >= 3
    assert _flat(LABEL[lang]) in flat
    assert _flat(_weight_clause(lang)) in flat
    # the medians table's header holds each title (wrapped in its column: its words are there)
    header = "".join(line for line in out.splitlines() if line.startswith("┃"))
    assert "[draft]" in header and "[side]" in header and header.count("[bold]v2[/bold]") == 2


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_validate_prints_the_path_and_bad_values_whole(
    cli: Runner, files: tuple[Path, Path], lang: str
) -> None:
    """`scenario validate`: a valid file's path with its "[x]", and a bad target written as
    "[bold]TWN[/bold]" quoted as written in the error."""
    code, out, err = cli("scenario", "validate", str(files[0]), "--lang", lang)
    assert code == 0, err
    assert _flat(str(files[0])) in _flat(out)
    bad = files[0].with_name("bad.toml")
    bad.write_text(
        SCENARIO.replace('targets = ["TWN"]', 'targets = ["[bold]TWN[/bold]"]'), encoding="utf-8"
    )
    code, _, err = cli("scenario", "validate", str(bad), "--lang", lang)
    assert code == 2
    assert "[bold]TWN[/bold]" in err and _flat(str(bad)) in _flat(err)


#: every catalogue message holding a bracket, in both languages
BRACKETED = [
    (lang, key) for lang in ("en", "ja") for key, text in catalogue(lang).items() if "[" in text
]


def test_the_catalogue_has_bracketed_messages() -> None:
    """The next test sees the messages it is about (the cars caveat among them)."""
    assert ("en", "caveat.automotive_binding_weighted") in BRACKETED
    assert ("ja", "caveat.automotive_binding_weighted") in BRACKETED


@pytest.mark.parametrize(("lang", "key"), BRACKETED)
def test_bracketed_messages_print_as_written(
    capsys: pytest.CaptureFixture[str], lang: str, key: str
) -> None:
    """A catalogue text with "[" printed by `emit` as a table's caption reads whole, and each
    of its bracketed words as a table's title, header and cells."""
    text = catalogue(lang)[key]
    words = re.findall(r"\[[^\]\[]*\]", text) or ["["]
    frame = pd.DataFrame({words[0]: words})
    emit(frame, Format.table, title=words[-1], caption=text, lang=lang)
    out = capsys.readouterr().out
    assert _flat(text) in _flat(out)
    lines = out.splitlines()
    assert words[-1] in lines[0]  # the title
    for word in words:  # the header (a column's name has "_" as a space) and each cell
        assert any(word in line and "│" in line for line in lines), (word, out)
    assert any(words[0].replace("_", " ") in line and "┃" in line for line in lines), out
