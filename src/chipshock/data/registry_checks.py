"""Checks across the fab-registry files that a column spec alone cannot express.

- ``fabs.csv``: ``operator_id`` is a lowercase id; ``wafer_size_mm`` is 150, 200 or 300; a
  renamed status (``on_hold``) names its new spelling (``on-hold``).
- ``fab_names_ja.csv``: every fab of fabs.csv has a row and every row names a fab; ``name_ja``
  and ``operator_ja`` are written in Japanese (kana or kanji; Latin letters may stay where the
  operator writes its name so: Rapidus, JASM) and are not copies of ``name`` / ``operator``;
  a row without a source is chipshock's rendering, its note ``assumption: <how>`` and its
  confidence low; fabs.csv has no ``name_ja``
  column any more (releases 21-22 kept the names there).
- ``fab_capacity.csv``: every ``fab_id`` is in fabs.csv and not a packaging fab; ``method`` is
  ``reported``, ``press`` or ``estimate: <how>``, and an estimate has ``confidence=low``.
- ``closed`` fabs (operated and shut): each of the fab's classes ends with a 0 row in the closing
  year; and a fab whose every class ends at 0 is ``closed`` or ``cancelled``, not producing.
- ``on-hold`` fabs (construction paused): no capacity counted, so no fab_capacity.csv row above
  0; and a fab whose every row is 0 (it never produced) is ``on-hold`` or ``cancelled``.
- a fab that ran before the last observed anchor year ``Yo`` of its classes (from the anchor
  rows of ``regional_capacity.csv``; SIA/BCG's 2022), i.e. ``production_start_year < Yo`` and
  not ``cancelled`` or ``announced``, has a fab_capacity.csv row in or before ``Yo``: after
  ``Yo`` the engine holds a region's "other fabs" at no less than their ``Yo`` level
  (`chipshock.sim.network.remainders`), so a fab whose first row is later sits in that floor and
  again as itself (counted twice). Checked only when regional_capacity.csv is read.
- ``sourcing_shares.csv``: ``operator_id`` is a lowercase id; the shares of one
  (market, node_class) add up to at most 100 %.
- ``country_groups.csv``: ``group_code`` is 2-8 capitals/digits, and no group is named like one
  of its own members (a ``country_code`` the release does not know is `chipshock.data.curated`'s
  to refuse, with the closest known code).
- ``materials.csv``: ``input_ids`` are ETO-style ids (N12, S3), ``node_classes`` are node
  classes, and the low stockpile bound <= central <= high bound.
- ``inventory_buffers.csv``: no ``material:<id>`` row for a material of materials.csv, whose
  ``stockpile_weeks`` the engine reads instead (a second norm would sit unread beside it, as
  ``neon_stock``, ``gallium_stock`` and ``germanium_stock`` did until release 19).
- ``materials_ja.csv``: `chipshock.data.material_texts.check_material_texts`.
- ``material_supply.csv``: every ``material_id`` is in materials.csv; each (material, stage)
  sums to 100 (within 0.5) -- ``ROW`` holds the rest, so nothing is left implicit.
- ``alliance_tracker.csv``: a ``parent_item_id`` names another item (its ``event_date`` and
  ``status_as_of`` are checked with every date column: `chipshock.data.dates`); ``title_ja`` is
  written in Japanese (kana or kanji), not a copy of the English title; a ``status_note``
  comes with its ``status_note_ja`` (in Japanese) and none without the other.
- ``alliance_deliverables.csv`` and ``partnerships.csv``: ``summary_ja`` (deliverables'
  ``actor_ja`` and ``counterpart_ja`` too, and, where given, deliverables' ``location_ja`` and
  partnerships' ``technology_ja``; partnerships' ``parties_ja`` always) is written in Japanese
  (kana or kanji), not a copy of the English text; deliverables' ``counterpart_ja`` is given
  exactly where ``counterpart`` is.
- ``alliance_deliverables.csv``: a ``part_of`` names the ``deliverable_id`` of another row that
  is no part itself (its umbrella), and an umbrella's amount is at least its parts' known
  amounts together.
- ``operator_names.csv``: each ``operator_id`` is one of fabs.csv, ``name_ja`` is written in
  Japanese, and every operator a ``node_requirements.csv`` row exempts or a
  ``remainder_operators.csv`` row names has a row.
- ``place_names_ja.csv``: each ``region_or_city`` is one of fabs.csv, with the country of its
  fabs; ``region_or_city_ja`` is written in Japanese; a row without a source is not ``high``
  confidence. A fab in Japan whose place has no row is a warning (its Japanese surfaces show
  the place in romaji).
- ``partnerships.csv``: every id of ``fab_ids`` (separated by ';', may be blank) is a fab_id of
  fabs.csv, named once.
- ``regional_capacity.csv``: one anchor row (`chipshock.model.share_anchors`) per category,
  region and year, whatever its source name; a second one is refused, naming the first.

Every problem names file, row, column, value and what was expected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from chipshock.data.csvio import RawTable, check_japanese, parse_float
from chipshock.data.material_texts import check_material_texts
from chipshock.errors import Problem
from chipshock.model.country_names import known_country_codes
from chipshock.model.market_schema import NODE_CLASSES
from chipshock.model.registry_schema import (
    CAPACITY_METHODS,
    RENAMED_FAB_STATUSES,
    WAFER_SIZES_MM,
)
from chipshock.model.share_anchors import CATEGORY_CLASSES, is_anchor_row

__all__ = ["check_registry", "observed_anchor_years", "valid_group_codes"]

_OPERATOR_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_GROUP_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_INPUT_RE = re.compile(r"^[NS][0-9]+$")
_ESTIMATE = "estimate: "
_SHARE_TOLERANCE = 0.5  # percentage points of rounding allowed above 100
#: statuses of fabs that never ran (no capacity before the observed anchor year to ask for)
_NEVER_RAN = frozenset({"cancelled", "announced"})


def _check_fabs(fabs: RawTable, problems: list[Problem]) -> None:
    for row in fabs.rows:
        status = row.get("status", "").strip()
        if status in RENAMED_FAB_STATUSES:
            new = RENAMED_FAB_STATUSES[status]
            problems.append(
                fabs.problem_at(
                    row,
                    "status",
                    f"status {status!r} was renamed",
                    status,
                    f"{new} (the spelling since data release 7)",
                )
            )
        op = row.get("operator_id", "").strip()
        if op and not _OPERATOR_RE.match(op):
            problems.append(
                fabs.problem_at(
                    row,
                    "operator_id",
                    "not an operator id",
                    op,
                    "a lowercase id such as tsmc or skhynix (a-z, 0-9, _)",
                )
            )
        size = row.get("wafer_size_mm", "").strip()
        try:
            ok = float(size) in WAFER_SIZES_MM if size else True
        except ValueError:
            ok = True  # reported as "not a number" by the column check
        if not ok:
            problems.append(
                fabs.problem_at(
                    row,
                    "wafer_size_mm",
                    "unexpected wafer size",
                    size,
                    "one of " + ", ".join(str(s) for s in WAFER_SIZES_MM),
                )
            )


def _check_capacity(cap: RawTable, fabs: RawTable | None, problems: list[Problem]) -> None:
    segments = (
        {r.get("fab_id", "").strip(): r.get("segment", "").strip() for r in fabs.rows}
        if fabs is not None
        else None
    )
    for row in cap.rows:
        fab_id = row.get("fab_id", "").strip()
        if segments is not None and fab_id and fab_id not in segments:
            problems.append(
                cap.problem_at(row, "fab_id", "unknown fab", fab_id, "a fab_id of fabs.csv")
            )
        elif segments is not None and segments.get(fab_id) == "packaging":
            problems.append(
                cap.problem_at(
                    row,
                    "fab_id",
                    "packaging fab has no wafer capacity",
                    fab_id,
                    "a wafer fab (segment logic, foundry-mature or memory)",
                )
            )
        method = row.get("method", "").strip()
        is_estimate = method.startswith(_ESTIMATE) and len(method) > len(_ESTIMATE)
        if method and method not in CAPACITY_METHODS and not is_estimate:
            problems.append(
                cap.problem_at(
                    row,
                    "method",
                    "unexpected method",
                    method,
                    "reported, press, or 'estimate: <how it was estimated>'",
                )
            )
        conf = row.get("confidence", "").strip()
        if is_estimate and conf and conf != "low":
            problems.append(
                cap.problem_at(
                    row,
                    "confidence",
                    "an estimate must be labelled low confidence",
                    conf,
                    "low (the method is an estimate)",
                )
            )


def _last_rows(cap: RawTable) -> dict[str, dict[str, tuple[int, float, dict[str, str]]]]:
    """Per fab and class, the row with the greatest year (the class's end state)."""
    last: dict[str, dict[str, tuple[int, float, dict[str, str]]]] = defaultdict(dict)
    for row in cap.rows:
        fab_id, node = row.get("fab_id", "").strip(), row.get("node_class", "").strip()
        try:
            year = int(row.get("year", "").strip())
            value = parse_float(row.get("capacity_wspm", ""))
        except ValueError:
            continue  # reported by the column checks
        if value is None:
            continue
        seen = last[fab_id].get(node)
        if seen is None or year >= seen[0]:
            last[fab_id][node] = (year, value, row)
    return last


def _positive_rows(cap: RawTable) -> dict[str, list[dict[str, str]]]:
    """Per fab, its rows with capacity above 0 (capacity that the model counts)."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in cap.rows:
        try:
            value = parse_float(row.get("capacity_wspm", ""))
        except ValueError:
            continue  # reported by the column checks
        if value is not None and value > 0:
            out[row.get("fab_id", "").strip()].append(row)
    return out


def _check_on_hold(cap: RawTable, fab: dict[str, str], rows: list[dict[str, str]]) -> list[Problem]:
    """An ``on-hold`` fab counts no capacity: each of its rows above 0 is a problem."""
    fab_id = fab.get("fab_id", "").strip()
    return [
        cap.problem_at(
            row,
            "capacity_wspm",
            f"fab {fab_id} is on-hold (fabs.csv row {fab['__row__']}): its construction is "
            "paused, so no capacity is counted",
            f"{row.get('capacity_wspm', '').strip()} in {row.get('year', '').strip()}",
            "no fab_capacity.csv row above 0 for an on-hold fab (put the planned capacity in "
            "the fab's note), or another status",
        )
        for row in rows
    ]


def _check_closed(cap: RawTable, fabs: RawTable, problems: list[Problem]) -> None:
    """A ``closed`` fab's rows end at 0 in every class; rows ending at 0 mean closed/cancelled.
    An ``on-hold`` fab has no row above 0; rows that are all 0 mean on-hold/cancelled."""
    last = _last_rows(cap)
    positive = _positive_rows(cap)
    for fab in fabs.rows:
        fab_id, status = fab.get("fab_id", "").strip(), fab.get("status", "").strip()
        ends = last.get(fab_id, {})
        if status == "on-hold":
            problems.extend(_check_on_hold(cap, fab, positive.get(fab_id, [])))
        elif status == "closed" and not ends:
            problems.append(
                fabs.problem_at(
                    fab,
                    "status",
                    "a closed fab needs its closing year",
                    status,
                    f"a fab_capacity.csv row for {fab_id} with capacity_wspm 0 in the year it "
                    "closed (and its earlier capacity before it), or another status",
                )
            )
        elif status == "closed":
            for node, (year, value, row) in sorted(ends.items()):
                if value != 0:
                    problems.append(
                        cap.problem_at(
                            row,
                            "capacity_wspm",
                            f"fab {fab_id} is closed (fabs.csv row {fab['__row__']}) but its "
                            f"{node} capacity does not end at 0",
                            f"{value:g} in {year}",
                            "a last row per class with capacity_wspm 0 from the closing year",
                        )
                    )
        elif ends and status != "cancelled" and all(value == 0 for _, value, _ in ends.values()):
            closing = max(year for year, _, _ in ends.values())
            never = fab_id not in positive
            problems.append(
                fabs.problem_at(
                    fab,
                    "status",
                    f"fab {fab_id}'s capacity is 0 in every fab_capacity.csv row"
                    if never
                    else f"fab {fab_id}'s capacity ends at 0 in {closing} (fab_capacity.csv)",
                    status,
                    "on-hold (construction paused, no capacity counted) or cancelled"
                    if never
                    else "closed (a fab that operated and shut) or cancelled",
                )
            )


def _check_remainder_operators(
    rem: RawTable, fabs: RawTable, regions: Iterable[str], problems: list[Problem]
) -> None:
    """Each row of remainder_operators.csv names a capacity region of regional_capacity.csv and
    an operator_id of fabs.csv (a row naming an unknown one would attach the remainder to no
    one, or to a firm shock that cannot be written)."""
    codes = sorted(r for r in regions if r)
    for row in rem.rows:
        region = row.get("region", "").strip()
        if codes and region and region not in codes:
            problems.append(
                rem.problem_at(
                    row,
                    "region",
                    "unknown capacity region",
                    region,
                    "a region_code of regional_capacity.csv: " + ", ".join(codes),
                )
            )
    _check_operator_ids(rem, fabs, problems)


def _check_operator_ids(table: RawTable, fabs: RawTable, problems: list[Problem]) -> None:
    """Each ``operator_id`` of ``table`` is an operator_id of fabs.csv."""
    known = sorted({r.get("operator_id", "").strip() for r in fabs.rows} - {""})
    for row in table.rows:
        op = row.get("operator_id", "").strip()
        if op and op not in known:
            problems.append(
                table.problem_at(
                    row,
                    "operator_id",
                    "unknown operator",
                    op,
                    "an operator_id of fabs.csv, e.g. " + ", ".join(known[:12]) + ", ...",
                )
            )


def _check_sourcing(src: RawTable, problems: list[Problem]) -> None:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    last_row: dict[tuple[str, str], int] = {}
    for row in src.rows:
        op = row.get("operator_id", "").strip()
        if op and not _OPERATOR_RE.match(op):
            problems.append(
                src.problem_at(
                    row,
                    "operator_id",
                    "not an operator id",
                    op,
                    "a lowercase id such as tsmc or skhynix (a-z, 0-9, _)",
                )
            )
        key = (row.get("market", "").strip(), row.get("node_class", "").strip())
        try:
            share = parse_float(row.get("share_pct", ""))
        except ValueError:
            continue  # reported by the column check
        totals[key] += share or 0.0
        last_row[key] = int(row["__row__"])
    for key, total in totals.items():
        if total > 100.0 + _SHARE_TOLERANCE:
            problems.append(
                Problem(
                    f"shares of market {key[0]}, class {key[1]} add up to more than 100",
                    file=src.label,
                    row=last_row[key],
                    column="share_pct",
                    value=f"{total:g}",
                    expected="a sum of at most 100 per (market, node_class)",
                )
            )


def _check_requirement_operators(
    req: RawTable, fabs: RawTable, regions: Iterable[str], problems: list[Problem]
) -> None:
    """Each id of a node_requirements.csv ``except_operator_ids`` is an operator_id of
    fabs.csv, or ``other:<REGION>`` for a region's remainder with REGION a region code of
    regional_capacity.csv (a row that exempts an operator no fab has would exempt nothing)."""
    known = sorted({r.get("operator_id", "").strip() for r in fabs.rows} - {""})
    remainders = sorted({f"other:{r}" for r in regions if r})
    for row in req.rows:
        for op in _split(row.get("except_operator_ids", "")):
            if op not in known and op not in remainders:
                problems.append(
                    req.problem_at(
                        row,
                        "except_operator_ids",
                        "unknown operator",
                        op,
                        "blank, or operator_ids of fabs.csv or other:<REGION> (a region's "
                        "remainder: "
                        + ", ".join(remainders)
                        + ") separated by ';', e.g. "
                        + ", ".join(known[:12])
                        + ", ...",
                    )
                )


def _check_groups(groups: RawTable, problems: list[Problem]) -> None:
    for row in groups.rows:
        group = row.get("group_code", "").strip()
        country = row.get("country_code", "").strip()
        if group and not _GROUP_RE.match(group):
            problems.append(
                groups.problem_at(
                    row,
                    "group_code",
                    "not a group code",
                    group,
                    "2-8 capital letters or digits starting with a letter (EU27, G7)",
                )
            )
        # a member the release does not know is the curated check's (`_check_codes`), which
        # names the closest known code: one problem per cell
        if country and country == group and country in known_country_codes():
            problems.append(
                groups.problem_at(
                    row,
                    "country_code",
                    "a group cannot contain itself",
                    country,
                    "a member country other than the group code",
                )
            )


def _split(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(";") if c.strip()]


def _float(cell: str) -> float | None:
    try:
        return parse_float(cell)
    except ValueError:
        return None  # reported by the column check


def _check_materials(mats: RawTable, problems: list[Problem]) -> None:
    for row in mats.rows:
        for inp in _split(row.get("input_ids", "")):
            if not _INPUT_RE.match(inp):
                problems.append(
                    mats.problem_at(
                        row, "input_ids", "not an input id", inp, "ETO ids such as N26; S3"
                    )
                )
        for cls in _split(row.get("node_classes", "")):
            if cls not in NODE_CLASSES:
                problems.append(
                    mats.problem_at(
                        row,
                        "node_classes",
                        "unknown node class",
                        cls,
                        "';'-separated of " + ", ".join(NODE_CLASSES),
                    )
                )
        lo, mid, hi = (
            _float(row.get(c, ""))
            for c in ("stockpile_weeks_low", "stockpile_weeks", "stockpile_weeks_high")
        )
        if lo is not None and mid is not None and hi is not None and not lo <= mid <= hi:
            problems.append(
                mats.problem_at(
                    row,
                    "stockpile_weeks",
                    "stockpile bounds out of order",
                    f"{lo:g} / {mid:g} / {hi:g}",
                    "stockpile_weeks_low <= stockpile_weeks <= stockpile_weeks_high",
                )
            )


def _check_buffer_shadows(buffers: RawTable, mats: RawTable, problems: list[Problem]) -> None:
    materials = {r.get("material_id", "").strip() for r in mats.rows} - {""}
    for row in buffers.rows:
        applies = row.get("applies_to", "").strip()
        material = applies.removeprefix("material:")
        if applies.startswith("material:") and material in materials:
            problems.append(
                buffers.problem_at(
                    row,
                    "applies_to",
                    "a stock norm that materials.csv already holds (the engine reads that one)",
                    applies,
                    f"no inventory_buffers.csv row for {material}: give its stock in "
                    "materials.csv stockpile_weeks (low, high), with the source and note",
                )
            )


def _check_supply(supply: RawTable, mats: RawTable | None, problems: list[Problem]) -> None:
    known = {r.get("material_id", "").strip() for r in mats.rows} if mats is not None else None
    totals: dict[tuple[str, str], float] = defaultdict(float)
    last_row: dict[tuple[str, str], int] = {}
    for row in supply.rows:
        mid = row.get("material_id", "").strip()
        if known is not None and mid and mid not in known:
            problems.append(
                supply.problem_at(
                    row,
                    "material_id",
                    "unknown material",
                    mid,
                    "a material_id of materials.csv",
                )
            )
        key = (mid, row.get("stage", "").strip())
        totals[key] += _float(row.get("share_pct", "")) or 0.0
        last_row[key] = int(row["__row__"])
    for key, total in totals.items():
        if abs(total - 100.0) > _SHARE_TOLERANCE:
            problems.append(
                Problem(
                    f"shares of {key[0]} ({key[1]}) do not add up to 100",
                    file=supply.label,
                    row=last_row[key],
                    column="share_pct",
                    value=f"{total:g}",
                    expected="a sum of 100 per (material_id, stage); put the rest in ROW",
                )
            )


def _check_tracker(
    tracker: RawTable, problems: list[Problem], fabs: RawTable | None = None
) -> None:
    """Parents, dates, titles_ja and status notes (both languages or neither) of
    alliance_tracker.csv; a ``context`` item is a top item
    and no row under it names Japan (it holds what is not an item of the U.S.-Japan visit);
    ``fab_id`` names a fab of fabs.csv."""
    ids = {r.get("item_id", "").strip() for r in tracker.rows}
    parents = {
        r.get("item_id", "").strip(): r.get("parent_item_id", "").strip() for r in tracker.rows
    }
    kinds = {r.get("item_id", "").strip(): r.get("kind", "").strip() for r in tracker.rows}
    known = {r.get("fab_id", "").strip() for r in fabs.rows} if fabs is not None else None

    def top(item: str) -> str:
        seen: set[str] = set()
        while parents.get(item) and parents[item] in ids and item not in seen:
            seen.add(item)
            item = parents[item]
        return item

    for row in tracker.rows:
        parent = row.get("parent_item_id", "").strip()
        if row.get("kind", "").strip() == "context" and parent:
            problems.append(
                tracker.problem_at(
                    row,
                    "parent_item_id",
                    "a context item under another",
                    parent,
                    "blank: a context item is a top item",
                )
            )
        item = row.get("item_id", "").strip()
        countries = {c.strip().upper() for c in row.get("countries", "").split(";")}
        if parent and kinds.get(top(item)) == "context" and "JPN" in countries:
            problems.append(
                tracker.problem_at(
                    row,
                    "parent_item_id",
                    "a row naming Japan under a context item",
                    parent,
                    "an item of the visit (rows under a context item have no Japanese party)",
                )
            )
        fab_id = row.get("fab_id", "").strip()
        if fab_id and known is not None and fab_id not in known:
            problems.append(
                tracker.problem_at(
                    row, "fab_id", "unknown fab", fab_id, "a fab_id of fabs.csv, or blank"
                )
            )
        if parent and parent not in ids:
            problems.append(
                tracker.problem_at(
                    row,
                    "parent_item_id",
                    "unknown item",
                    parent,
                    "an item_id of this file",
                )
            )
        note, note_ja = row.get("status_note", "").strip(), row.get("status_note_ja", "").strip()
        if bool(note) != bool(note_ja):
            column, value = ("status_note_ja", note_ja) if note else ("status_note", note)
            problems.append(
                tracker.problem_at(
                    row,
                    column,
                    "a status note in one language only",
                    value,
                    "status_note and status_note_ja both given, or both blank",
                )
            )
    check_japanese(tracker, "title_ja", "the title", problems)
    check_japanese(tracker, "status_note_ja", "the status note", problems)


def _check_paired(table: RawTable, english: str, japanese: str, problems: list[Problem]) -> None:
    """``japanese`` is given exactly where ``english`` is: a blank one would show the English
    text in Japanese, one without its English text says what English does not."""
    for row in table.rows:
        en, ja = row.get(english, "").strip(), row.get(japanese, "").strip()
        if bool(en) != bool(ja):
            problems.append(
                table.problem_at(
                    row,
                    japanese,
                    f"{japanese} without {english}" if ja else f"{english} without {japanese}",
                    ja,
                    f"{english} in Japanese where {english} is given (blank where it is blank: "
                    f"{en!r})",
                )
            )


def _check_place_names(places: RawTable, fabs: RawTable | None, problems: list[Problem]) -> None:
    """Japanese place names name places of fabs.csv (with their country); a Japanese fab's place
    without one is a warning."""
    check_japanese(places, "region_or_city_ja", "the place name", problems)
    for row in places.rows:
        if not row.get("source_url", "").strip() and row.get("confidence", "").strip() == "high":
            problems.append(
                places.problem_at(
                    row,
                    "confidence",
                    "a name without a source is not high confidence",
                    "high",
                    "medium or low, or a source_url stating the Japanese form",
                )
            )
    if fabs is None:
        return
    countries: dict[str, set[str]] = defaultdict(set)
    for fab in fabs.rows:
        countries[fab.get("region_or_city", "").strip()].add(fab.get("country", "").strip())
    named = set()
    for row in places.rows:
        place, country = row.get("region_or_city", "").strip(), row.get("country", "").strip()
        named.add(place)
        if place and place not in countries:
            problems.append(
                places.problem_at(
                    row,
                    "region_or_city",
                    "not a place of fabs.csv",
                    place,
                    "a region_or_city of fabs.csv, written exactly as there",
                )
            )
        elif place and country and country not in countries[place]:
            problems.append(
                places.problem_at(
                    row,
                    "country",
                    f"not the country of the fabs at {place!r}",
                    country,
                    " or ".join(sorted(countries[place])),
                )
            )
    for fab in fabs.rows:
        place = fab.get("region_or_city", "").strip()
        if fab.get("country", "").strip() == "JPN" and place and place not in named:
            problem = fabs.problem_at(
                fab,
                "region_or_city",
                "a fab in Japan without a Japanese place name (shown in romaji in Japanese)",
                place,
                "a row for this place in place_names_ja.csv",
            )
            problems.append(replace(problem, severity="warning"))


def _check_fab_names(names: RawTable, fabs: RawTable | None, problems: list[Problem]) -> None:
    """fab_names_ja.csv names every fab of fabs.csv, and only those, in Japanese (kana or
    kanji), not by a copy of its English name; a name without a source is chipshock's rendering:
    its note starts ``assumption:`` and its confidence is low. A fabs.csv that still has the
    ``name_ja`` column of releases 21-22 is refused (its names would go unread)."""
    check_japanese(names, "name_ja", "the fab's name", problems)
    check_japanese(names, "operator_ja", "the operator", problems)
    for row in names.rows:
        if row.get("source_url", "").strip():
            continue
        if not row.get("note", "").strip().startswith("assumption:"):
            problems.append(
                names.problem_at(
                    row,
                    "note",
                    "a name without a source says how it was made",
                    row.get("note", "").strip(),
                    "a source_url, or a note 'assumption: <how>'",
                )
            )
        if row.get("confidence", "").strip() != "low":
            problems.append(
                names.problem_at(
                    row,
                    "confidence",
                    "a name without a source is an assumption",
                    row.get("confidence", "").strip(),
                    "low, or a source_url",
                )
            )
    if fabs is None:
        return
    if "name_ja" in fabs.header:
        problems.append(
            Problem(
                "the fabs' Japanese names moved to fab_names_ja.csv (data release 23)",
                file=fabs.label,
                row=1,
                column="name_ja",
                expected="no name_ja column: a row per fab in fab_names_ja.csv",
            )
        )
    english = {r.get("fab_id", "").strip(): r for r in fabs.rows}
    named = set()
    for row in names.rows:
        fab = row.get("fab_id", "").strip()
        named.add(fab)
        if fab not in english:
            problems.append(
                names.problem_at(
                    row, "fab_id", "not a fab of fabs.csv", fab, "a fab_id of fabs.csv"
                )
            )
            continue
        for column, of in (("name_ja", "name"), ("operator_ja", "operator")):
            japanese = row.get(column, "").strip()
            if japanese and japanese == english[fab].get(of, "").strip():
                problems.append(
                    names.problem_at(
                        row,
                        column,
                        f"a copy of the English {of}",
                        japanese,
                        f"fabs.csv's {of} in Japanese",
                    )
                )
    for fab_row in fabs.rows:
        if fab_row.get("fab_id", "").strip() not in named:
            problems.append(
                fabs.problem_at(
                    fab_row,
                    "fab_id",
                    "a fab without a Japanese name",
                    fab_row.get("fab_id", "").strip(),
                    "a row for this fab in fab_names_ja.csv (name_ja, source or assumption:)",
                )
            )


def _check_operator_names(
    names: RawTable,
    fabs: RawTable | None,
    req: RawTable | None,
    remainders: RawTable | None,
    problems: list[Problem],
) -> None:
    """operator_names.csv names operators of fabs.csv in Japanese (kana or kanji), and every
    operator a node_requirements.csv row exempts or a remainder_operators.csv row counts a
    remainder as has a row: the texts name them in both languages (review 16, finding 8),
    never by their ids."""
    check_japanese(names, "name_ja", "the operator's name", problems)
    named = {r.get("operator_id", "").strip() for r in names.rows}
    operated: set[str] | None = None  # None: no registry to tell unknown ids from unnamed ones
    if fabs is not None:
        _check_operator_ids(names, fabs, problems)
        operated = {r.get("operator_id", "").strip() for r in fabs.rows}
    # the operators the texts name: those a requirement exempts and those a remainder counts as
    for table, column in ((req, "except_operator_ids"), (remainders, "operator_id")):
        if table is None:
            continue
        for row in table.rows:
            for op in _split(row.get(column, "")):
                if op.startswith("other:") or op in named:
                    continue
                if operated is not None and op not in operated:
                    continue  # no fab's operator: its own check names it once (not twice)
                problems.append(
                    table.problem_at(
                        row,
                        column,
                        "an operator without a name",
                        op,
                        f"a row for {op} in operator_names.csv (name, name_ja)",
                    )
                )


def _amount(row: dict[str, str]) -> float | None:
    """A row's ``amount_usd`` as a number (None: blank or not a number, the column spec's to
    refuse)."""
    try:
        return float(row.get("amount_usd", "").strip())
    except ValueError:
        return None


def _check_umbrella_parts(deliverables: RawTable, problems: list[Problem]) -> None:
    """A deliverable's ``part_of`` names the ``deliverable_id`` of another row that is itself
    no part (an umbrella), and the known amounts of an umbrella's parts add up to at most its
    own (it counts for the rest: `chipshock.analysis.alliance.counted_in_totals`)."""
    by_id = {r.get("deliverable_id", "").strip(): r for r in deliverables.rows}
    parts: dict[str, list[dict[str, str]]] = {}
    for row in deliverables.rows:
        umbrella = row.get("part_of", "").strip()
        if not umbrella:
            continue
        own = row.get("deliverable_id", "").strip()
        target = by_id.get(umbrella)
        if target is None or umbrella == own or target.get("part_of", "").strip():
            problems.append(
                deliverables.problem_at(
                    row,
                    "part_of",
                    "not an umbrella row" if target is not None else "unknown deliverable",
                    umbrella,
                    "the deliverable_id of another row that is no part itself (the umbrella), "
                    "or blank",
                )
            )
            continue
        parts.setdefault(umbrella, []).append(row)
    for umbrella, rows in parts.items():
        total = by_id[umbrella]
        whole = _amount(total)
        known = [a for a in map(_amount, rows) if a is not None]
        if whole is not None and sum(known) > whole:
            named = ", ".join(r.get("deliverable_id", "").strip() for r in rows)
            problems.append(
                deliverables.problem_at(
                    total,
                    "amount_usd",
                    "an umbrella smaller than its parts",
                    total.get("amount_usd", "").strip(),
                    f"at least its parts' amounts ({named}: USD {sum(known):,.0f} together)",
                )
            )


def _check_partnership_fabs(
    partnerships: RawTable, fabs: RawTable | None, problems: list[Problem]
) -> None:
    """Each id of a partnership's ``fab_ids`` names a fab of fabs.csv, once."""
    known = {r.get("fab_id", "").strip() for r in fabs.rows} if fabs is not None else None
    for row in partnerships.rows:
        cell = row.get("fab_ids", "")
        ids = _split(cell)
        if cell.strip() and not ids:
            problems.append(
                partnerships.problem_at(
                    row,
                    "fab_ids",
                    "no fab id between the separators",
                    cell,
                    "fab_ids of fabs.csv separated by ';', or blank",
                )
            )
        for i, fab_id in enumerate(ids):
            if known is not None and fab_id not in known:
                problems.append(
                    partnerships.problem_at(
                        row,
                        "fab_ids",
                        "unknown fab",
                        fab_id,
                        "a fab_id of fabs.csv (fab_ids separated by ';', or blank)",
                    )
                )
            elif fab_id in ids[:i]:
                problems.append(
                    partnerships.problem_at(
                        row,
                        "fab_ids",
                        "fab named twice",
                        fab_id,
                        "each fab once",
                    )
                )


def _check_anchors(shares: RawTable, problems: list[Problem]) -> None:
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in shares.rows:
        category = row.get("category", "").strip()
        if not is_anchor_row(row.get("source_name", ""), category):
            continue
        key = (category, row.get("region_code", "").strip(), row.get("year", "").strip())
        first = seen.get(key)
        if first is None:
            seen[key] = row
            continue
        problems.append(
            shares.problem_at(
                row,
                "source_name",
                f"a second anchor share for {' / '.join(key)}: the engine would use whichever "
                "comes first in the file",
                row.get("source_name", ""),
                f"one anchor row per category, region and year (row {first['__row__']}, "
                f"{first.get('source_name', '')!r}, already gives {first.get('share_pct', '')}%); "
                "remove one, or rename a reference row's source so that it does not start "
                "with 'SIA/BCG' or end with 'share derived by chipshock'",
            )
        )


def _year(cell: str) -> int | None:
    """The year of a cell ``2022`` or ``2024-05`` (None when it is not one)."""
    head = cell.strip()[:4]
    return int(head) if head.isdigit() else None


def observed_anchor_years(shares: RawTable) -> dict[str, int]:
    """Per node class, the last year of an anchor row of ``regional_capacity.csv`` that is an
    observation (its year not after its ``as_of`` year), as
    `chipshock.sim.network.regional.anchor_span` reads it."""
    out: dict[str, int] = {}
    for row in shares.rows:
        category = row.get("category", "").strip()
        if category not in CATEGORY_CLASSES or not is_anchor_row(
            row.get("source_name", ""), category
        ):
            continue
        year, as_of = _year(row.get("year", "")), _year(row.get("as_of", ""))
        if year is None or as_of is None or year > as_of:
            continue
        for c in CATEGORY_CLASSES[category]:
            out[c] = max(out.get(c, year), year)
    return out


def _check_backdated(
    cap: RawTable, fabs: RawTable, observed: dict[str, int], problems: list[Problem]
) -> None:
    """A fab that ran before the observed anchor year of its classes has a row by then."""
    first: dict[str, tuple[int, dict[str, str]]] = {}
    classes: dict[str, set[str]] = defaultdict(set)
    for row in cap.rows:
        fab_id = row.get("fab_id", "").strip()
        year = _year(row.get("year", ""))
        if year is None:
            continue  # reported by the column checks
        classes[fab_id].add(row.get("node_class", "").strip())
        if fab_id not in first or year < first[fab_id][0]:
            first[fab_id] = (year, row)
    for fab in fabs.rows:
        fab_id, status = fab.get("fab_id", "").strip(), fab.get("status", "").strip()
        start = _year(fab.get("production_start_year", ""))
        anchors = [observed[c] for c in classes.get(fab_id, ()) if c in observed]
        if start is None or status in _NEVER_RAN or fab_id not in first or not anchors:
            continue
        yo = min(anchors)
        year, row = first[fab_id]
        if start < yo < year:
            problems.append(
                cap.problem_at(
                    row,
                    "year",
                    f"fab {fab_id} ran from {start} (fabs.csv row {fab['__row__']}, "
                    f"production_start_year) but its first fab_capacity.csv row is in {year}: "
                    f"the engine holds each region's 'other fabs' at no less than their {yo} "
                    "level (the last observed regional share), which already holds this fab, "
                    "so it would be counted twice",
                    str(year),
                    f"a row for {fab_id} in or before {yo} (a sourced level, or 'estimate: "
                    "<how>' with confidence low), or the production_start_year it really has",
                )
            )


def check_registry(files: dict[str, RawTable], problems: list[Problem]) -> None:
    """Run the cross-file checks on whichever registry files were read."""
    fabs = files.get("fabs")
    if fabs is not None:
        _check_fabs(fabs, problems)
    if "fab_capacity" in files:
        _check_capacity(files["fab_capacity"], fabs, problems)
        if fabs is not None:
            _check_closed(files["fab_capacity"], fabs, problems)
        if fabs is not None and "regional_capacity" in files:
            observed = observed_anchor_years(files["regional_capacity"])
            _check_backdated(files["fab_capacity"], fabs, observed, problems)
    if "sourcing_shares" in files:
        _check_sourcing(files["sourcing_shares"], problems)
    if "node_requirements" in files and fabs is not None:
        regions = (
            {r.get("region_code", "").strip() for r in files["regional_capacity"].rows}
            if "regional_capacity" in files
            else set()
        )
        _check_requirement_operators(files["node_requirements"], fabs, regions, problems)
    if "remainder_operators" in files and fabs is not None:
        _check_remainder_operators(
            files["remainder_operators"],
            fabs,
            {r.get("region_code", "").strip() for r in files["regional_capacity"].rows}
            if "regional_capacity" in files
            else set(),
            problems,
        )
    if "country_groups" in files:
        _check_groups(files["country_groups"], problems)
    if "materials" in files:
        _check_materials(files["materials"], problems)
        if "inventory_buffers" in files:
            _check_buffer_shadows(files["inventory_buffers"], files["materials"], problems)
    if "alliance_tracker" in files:
        _check_tracker(files["alliance_tracker"], problems, fabs)
    for name in ("deliverables", "partnerships"):
        if name in files:
            check_japanese(files[name], "summary_ja", "the summary", problems)
    if "partnerships" in files:
        check_japanese(files["partnerships"], "technology_ja", "the technology", problems)
        check_japanese(files["partnerships"], "parties_ja", "the parties", problems)
        _check_partnership_fabs(files["partnerships"], fabs, problems)
    if "deliverables" in files:
        check_japanese(files["deliverables"], "location_ja", "the location", problems)
        check_japanese(files["deliverables"], "actor_ja", "the actor", problems)
        check_japanese(files["deliverables"], "counterpart_ja", "the counterpart", problems)
        _check_paired(files["deliverables"], "counterpart", "counterpart_ja", problems)
        _check_umbrella_parts(files["deliverables"], problems)
    if "place_names_ja" in files:
        _check_place_names(files["place_names_ja"], fabs, problems)
    if "fab_names_ja" in files:
        _check_fab_names(files["fab_names_ja"], fabs, problems)
    if "operator_names" in files:
        _check_operator_names(
            files["operator_names"],
            fabs,
            files.get("node_requirements"),
            files.get("remainder_operators"),
            problems,
        )
    if "material_supply" in files:
        _check_supply(files["material_supply"], files.get("materials"), problems)
    if "materials_ja" in files:
        check_material_texts(files["materials_ja"], files.get("materials"), problems)
    if "regional_capacity" in files:
        _check_anchors(files["regional_capacity"], problems)


def valid_group_codes(groups: RawTable) -> tuple[str, ...]:
    """Group codes of a country_groups table, sorted."""
    return tuple(sorted({r.get("group_code", "").strip() for r in groups.rows} - {""}))
