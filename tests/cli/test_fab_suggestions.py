"""An unknown fab id suggests the same operator's fabs first (review 9a, finding 6:
`--fabs-off tsmc-nonexistent` suggested esmc-dresden first, a fuzzy match on the tail)."""

from __future__ import annotations

import pytest

from chipshock.cli.checks import check_fab_ids, packaged_fab_ids
from chipshock.errors import UnknownCodeError
from chipshock.model.fab_ids import close_fab_ids


def test_an_unknown_tsmc_id_suggests_tsmc_fabs_first() -> None:
    fabs = packaged_fab_ids()
    with pytest.raises(UnknownCodeError) as err:
        check_fab_ids(fabs, ["tsmc-nonexistent"], "--fabs-off")
    hint = str(err.value).split("did you mean ", 1)[1].rstrip("?)").split(", ")
    assert len(hint) == 3 and all(h.startswith("tsmc-") for h in hint), hint
    assert set(hint) <= set(fabs["fab_id"])


def test_a_misspelt_id_still_gets_its_close_spelling() -> None:
    """No operator shares the first word: the close spellings of the whole id, as before."""
    known = ["esmc-dresden", "tsmc-fab18", "rapidus-iim1"]
    assert close_fab_ids("rapidos-iim1", known) == ["rapidus-iim1"]
    assert close_fab_ids("esmc-dresdn", known)[0] == "esmc-dresden"
