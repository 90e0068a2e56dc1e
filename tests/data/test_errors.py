"""Bad input: one test per error case; each names file, row and column, value and expectation."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.data.csvio import read_raw
from chipshock.data.curated import read_curated
from chipshock.data.eto import load_eto, read_eto
from chipshock.errors import (
    ChipshockError,
    CycleError,
    DataFileError,
    SchemaError,
    UnknownCodeError,
    ValidationFailed,
)
from chipshock.examples import tiny_chain

from .conftest import edit


def test_missing_column_names_file_and_column(tiny_dir: Path) -> None:
    """A missing column is reported with the file, the header row and the column name."""
    edit(tiny_dir / "provision.csv", ",share_provided,", ",share,")
    with pytest.raises(ValidationFailed) as err:
        read_eto(tiny_dir)
    msg = str(err.value)
    assert "provision.csv" in msg and "row 1" in msg and "'share_provided'" in msg
    assert "missing column" in msg


def test_renamed_column_gets_a_hint(tiny_dir: Path) -> None:
    """A renamed column is recognised and the message suggests which header was meant."""
    edit(tiny_dir / "inputs.csv", "input_name,", "input_nmae,")
    with pytest.raises(SchemaError) as err:
        read_eto(tiny_dir)
    assert "is 'input_nmae' a renamed 'input_name'?" in str(err.value)


def test_duplicated_id(tiny_dir: Path) -> None:
    """A duplicated input id names the row, the id and where it was first used."""
    edit(tiny_dir / "inputs.csv", "N15,Bonder", "N14,Bonder")
    with pytest.raises(ValidationFailed) as err:
        read_eto(tiny_dir)
    msg = str(err.value)
    assert "duplicated input id" in msg and "'N14'" in msg and "row 11" in msg
    assert "first used in row 10" in msg


def test_duplicated_provider_id_with_conflicting_data(tiny_dir: Path) -> None:
    """A repeated provider id is an alias only if name, type and country agree; else an error."""
    edit(
        tiny_dir / "providers.csv",
        "ResistCo,ResistCo Holdings,P12,organization,JPN",
        "OtherCo,,P12,organization,USA",
    )
    with pytest.raises(ValidationFailed, match="duplicated provider id"):
        read_eto(tiny_dir)


def test_share_outside_range(tiny_dir: Path) -> None:
    """A share above 100 is rejected with the row, column, value and the expected range."""
    edit(tiny_dir / "provision.csv", "NLD,P3,Scanner,N11,80.0", "NLD,P3,Scanner,N11,180.0")
    with pytest.raises(ValidationFailed) as err:
        read_eto(tiny_dir)
    msg = str(err.value)
    assert "row 12" in msg and "'share_provided'" in msg and "'180.0'" in msg
    assert "between 0 and 100" in msg


def test_negative_share(tiny_dir: Path) -> None:
    """A negative share is out of range too."""
    edit(tiny_dir / "provision.csv", "JPN,P2,Scanner,N11,20.0", "JPN,P2,Scanner,N11,-20.0")
    with pytest.raises(ValidationFailed, match="between 0 and 100"):
        read_eto(tiny_dir)


def test_unknown_id_reference(tiny_dir: Path) -> None:
    """A provision row pointing at an unknown provider id is an error naming the id."""
    edit(tiny_dir / "provision.csv", "KOR,P6,Bonder,N15", "KOR,P66,Bonder,N15")
    with pytest.raises(ValidationFailed) as err:
        read_eto(tiny_dir)
    assert "unknown provider id" in str(err.value) and "'P66'" in str(err.value)


def test_unknown_input_in_sequence(tiny_dir: Path) -> None:
    """An edge to an input that does not exist is an error naming the column."""
    edit(tiny_dir / "sequence.csv", "Bonder,N15,Assembly,N2", "Bonder,N15,Assembly,N77")
    with pytest.raises(ValidationFailed, match=r"'goes_into_id'.*unknown input id.*'N77'"):
        read_eto(tiny_dir)


def test_cycle_in_sequence(tiny_dir: Path) -> None:
    """A cycle in the sequence graph raises CycleError and shows the loop."""
    with (tiny_dir / "sequence.csv").open("a", encoding="utf-8") as fh:
        fh.write("Chip,N3,Design,N0,,\n")
    with pytest.raises(CycleError) as err:
        read_eto(tiny_dir)
    assert "N0 -> N1 -> N2 -> N3 -> N0" in str(err.value)


def test_unreadable_file(tiny_dir: Path) -> None:
    """A file that is not UTF-8 is reported with its path and the byte offset."""
    (tiny_dir / "stages.csv").write_bytes(b"stage_id,stage_name\nS1,\xff\xfe\n")
    with pytest.raises(DataFileError) as err:
        read_raw(tiny_dir / "stages.csv")
    assert "stages.csv" in str(err.value) and "not valid UTF-8" in str(err.value)


def test_missing_file(tiny_dir: Path) -> None:
    """A missing file is listed as a problem and the load fails."""
    (tiny_dir / "stages.csv").unlink()
    loaded = load_eto(tiny_dir)
    assert loaded.chain is None
    assert any("file not found" in p.message for p in loaded.errors)


def test_all_problems_reported_not_just_the_first(tiny_dir: Path) -> None:
    """Several problems in several files are all reported in one pass."""
    edit(tiny_dir / "provision.csv", "NLD,P3,Scanner,N11,80.0", "NLD,P3,Scanner,N11,180.0")
    edit(tiny_dir / "provision.csv", "JPN,P2,Scanner,N11,20.0", "JPN,P2,Scanner,N11,abc")
    edit(tiny_dir / "inputs.csv", "tool_resource,,,Wire", "widget,,,Wire")
    loaded = load_eto(tiny_dir)
    assert len(loaded.errors) == 3


def test_unknown_country_code_in_query() -> None:
    """An unknown country code in a query names the argument and suggests close codes."""
    with pytest.raises(UnknownCodeError) as err:
        tiny_chain().resolve_countries(["USA", "JPNN"])
    msg = str(err.value)
    assert "'JPNN'" in msg and "CODES" in msg and "JPN" in msg
    assert isinstance(err.value, ChipshockError) and isinstance(err.value, KeyError)


def test_curated_duplicated_fab_id(curated_dir: Path) -> None:
    """A duplicated fab id in the curated registry is an error naming both rows."""
    edit(curated_dir / "fabs.csv", "jasm-kumamoto-fab2,", "jasm-kumamoto-fab1,")
    with pytest.raises(ValidationFailed) as err:
        read_curated(curated_dir)
    assert "fabs.csv" in str(err.value) and "duplicated id" in str(err.value)
    assert "first used in row 3" in str(err.value)


def test_curated_bad_status_and_country(curated_dir: Path) -> None:
    """A status outside the allowed list and a country's name in a code cell are both
    reported (the name with its code: JPN)."""
    edit(curated_dir / "fabs.csv", ",ramping,2025,", ",ramp-up,2025,")
    edit(curated_dir / "fabs.csv", ',TWN,JPN,"Kikuyo', ',TWN,Japan,"Kikuyo')
    with pytest.raises(ValidationFailed) as err:
        read_curated(curated_dir)
    msg = str(err.value)
    assert "'ramp-up'" in msg and "one of operating" in msg
    assert "'Japan'" in msg and "expected JPN, the closest known code" in msg
