"""The alliance tracker's stale flag: an open status checked more than `STALE_AFTER_MONTHS`
(12) months before the data release's date; a month read as its last possible day, a bare year
as its first (review 3 #11: "2025" may mean January 2025, so it is not taken as fresh)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from chipshock.analysis.registry import (
    STALE_AFTER_MONTHS,
    DataRelease,
    stale_cutoff,
    tracker_view,
)
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.data.store import load_alliance, load_table
from chipshock.errors import InputError, StoreError

RELEASE = DataRelease("8", "2026-12-02")


def _tracker(as_of: list[str], status: list[str]) -> pd.DataFrame:
    n = len(as_of)
    return pd.DataFrame(
        {
            "item_id": [f"i{k}" for k in range(n)],
            "parent_item_id": [None] * n,
            "event_date": [f"2024-01-{k + 1:02d}" for k in range(n)],
            "status": status,
            "status_as_of": as_of,
            "countries": ["JPN"] * n,
        }
    )


def test_the_convention_is_twelve_months() -> None:
    """The threshold is the stated convention: 12 months, the cutoff a year before release 8."""
    assert STALE_AFTER_MONTHS == 12
    assert stale_cutoff("2026-12-02") == dt.date(2025, 12, 2)
    assert stale_cutoff("2026-03-31", months=1) == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("as_of", "stale"),
    [
        ("2025-12-01", True),  # one day before the cutoff
        ("2025-12-02", False),  # exactly 12 months before the release: not more than 12
        ("2025-11", True),  # November 2025 ends on the 30th, before the cutoff
        ("2025-12", False),  # December 2025 may mean the 31st
        ("2025", True),  # a bare year counts from 1 January: it may mean January 2025
        ("2026", False),  # 2026-01-01 is after the cutoff
        ("2024", True),
    ],
)
def test_boundaries_of_an_open_status(as_of: str, stale: bool) -> None:
    """Against release 8 (2026-12-02), an under-way status is stale only if surely checked
    before 2025-12-02."""
    view = tracker_view(_tracker([as_of], ["under-way"]), release=RELEASE)
    assert view["stale"].tolist() == [stale]


def test_final_statuses_are_never_stale() -> None:
    """A done or cancelled status cannot move: never flagged however old; the open statuses
    (announced, under-way, delayed) of the same date are."""
    statuses = ["done", "cancelled", "announced", "under-way", "delayed"]
    view = tracker_view(_tracker(["2023-09"] * 5, statuses), release=RELEASE)
    assert view["stale"].tolist() == [False, False, True, True, True]


def test_a_later_release_flags_more_and_the_clock_plays_no_part() -> None:
    """The flag follows the release date given, not today's date."""
    t = _tracker(["2025-06", "2026-06"], ["under-way", "under-way"])
    assert tracker_view(t, release=DataRelease("8", "2026-12-02"))["stale"].tolist() == [
        True,
        False,
    ]
    assert tracker_view(t, release=DataRelease("9", "2027-07-01"))["stale"].tolist() == [
        True,
        True,
    ]
    assert tracker_view(t, release=DataRelease("7", "2026-06-30"))["stale"].tolist() == [
        False,
        False,
    ]


def test_a_bad_date_names_the_column() -> None:
    """A status_as_of that is no date is an input error naming the column and the form."""
    with pytest.raises(InputError, match=r"status_as_of.*YYYY"):
        tracker_view(_tracker(["Sept 2025"], ["under-way"]), release=RELEASE)


def test_release_of_the_store(built_store: Path) -> None:
    """The store says the release it was built from, as `chipshock data info`; a store without
    it is a store error that says to rebuild."""
    meta = load_table(built_store, "meta")
    assert DataRelease.from_meta(meta) == DataRelease(DATA_RELEASE, DATA_RELEASE_DATE)
    with pytest.raises(StoreError, match="chipshock data build"):
        DataRelease.from_meta(meta[meta["key"] != "data_release_date"])


def test_real_tracker_rows(built_store: Path) -> None:
    """The shipped tracker: 10 of the 15 open rows are stale, listed here by hand from
    alliance_tracker.csv (status_as_of before 2025-12-06, the bare year 2025 read as
    2025-01-01); the open rows checked from 2025-12 on are not. Release 22 re-checked the
    Rapidus/IBM rows (review 16, finding 6): four left the list (the visit's item, IBM-Rapidus
    2nm and Rapidus' mass production seen again in 2026-02, the state equity done); the three
    still stale say in their status_note that no later source was found."""
    release = DataRelease.from_meta(load_table(built_store, "meta"))
    view = tracker_view(load_alliance(built_store).alliance_tracker, release=release)
    assert (
        release == DataRelease(DATA_RELEASE, DATA_RELEASE_DATE) == DataRelease("28", "2026-12-07")
    )
    stale = sorted(view.loc[view["stale"], "item_id"])
    assert stale == sorted(
        [
            "ibm-rapidus-chiplet",  # under-way, 2025-07-03
            "ibm-rapidus-sub1nm",  # under-way, 2025-11-26
            "lstc-nstc-cooperation",  # delayed, 2025-08
            "lstc-tenstorrent-edge-ai",  # under-way, 2024-02
            "micron-hiroshima-euv",  # under-way, 2025-09
            "tsmc-arizona-p2",  # under-way, 2025-10
            "samsung-taylor",  # delayed, 2025-09
            "intel-ohio",  # delayed, 2025-03
            "micron-idaho-id1",  # under-way, 2025-06
            "lstc-tenstorrent-training",  # under-way, 2025 (a bare year: from 2025-01-01)
        ]
    )
    not_stale = set(
        view.loc[~view["stale"] & ~view["status"].isin(["done", "cancelled"]), "item_id"]
    )
    assert not_stale == {
        "jasm-fab2",
        "micron-new-york",
        "visit-2024-semiconductor-cooperation",  # under-way, 2026-02
        "ibm-rapidus-2nm",  # under-way, 2026-02
        "rapidus-mass-production",  # announced, 2026-02-27
    }
    # every stale Rapidus/IBM/LSTC row says why in both languages
    notes = view.set_index("item_id")
    for item in ("ibm-rapidus-chiplet", "ibm-rapidus-sub1nm", "lstc-nstc-cooperation"):
        assert "no later public source found" in notes.loc[item, "status_note"], item
        assert "新しい公開情報は見つからない" in notes.loc[item, "status_note_ja"], item


def test_a_bare_year_is_said_to_be_imprecise() -> None:
    """The caption that every surface shares counts the stale rows dated only by a year and
    says the date is imprecise, in English and Japanese."""
    from chipshock.present.charts_structure import tracker_stale_caption

    view = tracker_view(_tracker(["2025", "2025-06", "2026"], ["under-way"] * 3), release=RELEASE)
    assert view["stale"].tolist() == [True, True, False]
    en = tracker_stale_caption(view, RELEASE, "en")
    assert "1 of them is dated only by a year (date imprecise)" in en
    assert "年だけ" in tracker_stale_caption(view, RELEASE, "ja")
    precise = tracker_view(_tracker(["2025-06"], ["under-way"]), release=RELEASE)
    assert "imprecise" not in tracker_stale_caption(precise, RELEASE, "en")


def test_an_item_long_past_its_own_date_is_stale_however_fresh_its_check() -> None:
    """Review 9a, finding 8: the shipped LSTC-NSTC item (event 2022-07-29, still "announced",
    checked 2025-08) was not flagged: its check is recent. An item still announced 24 months,
    or under way 48 months, after its own date is stale too (`OVERDUE_AFTER_MONTHS`); at a
    release of June 2026 the check alone (2025-08, within 12 months) would not flag it."""
    from chipshock.analysis.registry import OVERDUE_AFTER_MONTHS
    from chipshock.present.charts_structure import tracker_stale_caption

    assert OVERDUE_AFTER_MONTHS == {"announced": 24, "under-way": 48}
    shipped = pd.read_csv(
        Path(__file__).parents[2] / "src/chipshock/data/files/curated/alliance_tracker.csv",
        dtype=str,
        keep_default_na=False,
    ).replace({"": None})
    # the row as release 21 shipped it (release 22 set it delayed: Natcast lost its agreement)
    shipped.loc[shipped["item_id"] == "lstc-nstc-cooperation", "status"] = "announced"
    release = DataRelease("x", "2026-06-01")
    view = tracker_view(shipped, release=release).set_index("item_id")
    lstc = view.loc["lstc-nstc-cooperation"]
    assert (lstc["event_date"], lstc["status"], lstc["status_as_of"]) == (
        "2022-07-29",
        "announced",
        "2025-08",
    )
    assert bool(lstc["stale"])
    # the same row one month inside each limit is not overdue; a final status never is
    fresh = _tracker(["2026-05"] * 3, ["announced", "under-way", "done"])
    fresh["event_date"] = ["2024-07", "2022-07", "2010"]
    stale = tracker_view(fresh, release=release).set_index("item_id")["stale"]
    assert stale.to_dict() == {"i0": False, "i1": False, "i2": False}
    fresh["event_date"] = ["2024-05", "2022-05", "2010"]
    stale = tracker_view(fresh, release=release).set_index("item_id")["stale"]
    assert stale.to_dict() == {"i0": True, "i1": True, "i2": False}
    caption = tracker_stale_caption(view.reset_index(), release, "en")
    assert "announced more than 24 months, or under way more than 48 months, after its own" in (
        caption
    )
    assert "24か月" in tracker_stale_caption(view.reset_index(), release, "ja")
