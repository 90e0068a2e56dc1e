"""Country groups (EU27, CHIP4, QUAD, G7, region codes, user-defined) usable wherever a code is.

Built-in groups are the rows of ``country_groups.csv`` (``group_code``, ``country_code`` and the
row's source). A user may define more, ``NAME = [codes]``: in a scenario's ``[groups]`` table, a
``--group NAME=USA,JPN`` option on the CLI or a ``groups`` object in an API request body.

A code is resolved in this order:

1. a user group -> its members (its own codes resolved in turn: a user group may name
   built-in groups and other user groups; a cycle is an error);
2. a built-in group -> its members that the supply-chain data knows, plus the code itself if
   the data knows it too (``EUR`` is both the ETO's Europe provider and the EU-27 region); with
   ``prefer_country=True`` (scenario shocks) a code the data knows is taken as itself instead,
   so ``EUR`` stays the capacity model's Europe region;
3. a country code the data knows -> itself;
4. an ISO code listed in a group but absent from the data (e.g. ``BEL``) -> nothing, with a
   note saying it supplies no assessed input;
5. anything else -> `UnknownCodeError` listing the valid country and group codes.

A code that is both a built-in group and a provider of the data (``EUR``: the ETO's "Europe",
which has shares of its own, e.g. in chip design) is counted only when asked for by that code.
When a group is expanded and the coalition holds every member of such a region that the data
knows, but not the region's own code (``EU27``, ``EMEA``), the region's rows are left out; the
caller passes them (`RegionRows`, from the data) and the note says so, with their shares.

A user group's name is 2-16 capital letters, digits or ``_``, starting with a letter; it may
not be a country code the data knows, an ISO code listed in a group, or a built-in group code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from chipshock.errors import InputError, Problem, UnknownCodeError
from chipshock.model.chain import AGGREGATE_PROVIDER_NAMES
from chipshock.model.country_names import code_for_country_name

__all__ = [
    "GROUP_NAME",
    "RegionRows",
    "ResolvedCodes",
    "check_user_groups",
    "group_members",
    "parse_group_spec",
    "resolve_codes",
    "unknown_code_error",
    "valid_codes_text",
]

#: the shape of a user group's name (and of any code: ISO alpha-3 countries match it too)
GROUP_NAME = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_NAME_HINT = "2-16 capital letters, digits or '_' starting with a letter, e.g. MYBLOC"
#: where a user sees every valid code
WHERE_CODES = "`chipshock countries` and `chipshock groups` (GET /api/groups) list them"


def _share_text(pct: float) -> str:
    """``9.0`` -> ``9%``, ``2.5`` -> ``2.5%``."""
    return f"{pct:.1f}".removesuffix(".0") + "%"


@dataclass(frozen=True)
class RegionRows:
    """A provider of the data that is also a group (``EUR``, "Europe") and the inputs where it
    has a share of its own: rows no member country owns (``rows``: input id, input name, share
    in percent).

    >>> r = RegionRows("EUR", "Europe", (("N6", "Logic chip design", 9.0),))
    >>> r.note()
    "the ETO's Europe-level rows (EUR: Logic chip design 9%) are not attributable to a member \
and are left out; use EUR to count them"
    """

    code: str
    name: str
    rows: tuple[tuple[str, str, float], ...]

    def rows_text(self) -> str:
        """``Logic chip design 9%, DAO chip design 17%``."""
        return ", ".join(f"{name} {_share_text(pct)}" for _, name, pct in self.rows)

    def as_dict(self) -> dict[str, object]:
        """``{code, name, rows: [{input_id, input_name, share_pct}], note}`` for JSON."""
        return {
            "code": self.code,
            "name": self.name,
            "rows": [{"input_id": i, "input_name": n, "share_pct": v} for i, n, v in self.rows],
            "note": self.note(),
        }

    def note(self) -> str:
        """Why the region's rows are not counted for its members, and how to count them."""
        return (
            f"the ETO's {self.name}-level rows ({self.code}: {self.rows_text()}) are not "
            f"attributable to a member and are left out; use {self.code} to count them"
        )


@dataclass(frozen=True)
class ResolvedCodes:
    """Country codes after group expansion, and what was expanded or left out: members without
    data, and the rows of a region whose members the coalition holds (``regions_left_out``)."""

    codes: list[str]
    expanded: dict[str, list[str]]
    without_data: list[str]
    regions_left_out: tuple[RegionRows, ...] = ()

    def note(self) -> str:
        """One line for a caption: which groups were expanded, which members have no data and
        which regions' own rows are left out."""
        parts = [f"{g} = {' '.join(m)}" for g, m in self.expanded.items()]
        if self.without_data:
            parts.append(
                "no supply-chain data (supply nothing here): " + " ".join(self.without_data)
            )
        parts += [r.note() for r in self.regions_left_out]
        return "; ".join(parts)


def group_members(groups: pd.DataFrame) -> dict[str, list[str]]:
    """``{group_code: [member codes in file order]}``."""
    out: dict[str, list[str]] = {}
    for g, c in zip(
        groups["group_code"].astype(str), groups["country_code"].astype(str), strict=True
    ):
        out.setdefault(g, []).append(c)
    return out


def valid_codes_text(known: Iterable[str], group_codes: Iterable[str]) -> str:
    """``country codes (...) or groups (...)``: the valid codes, for an error's *expected*.

    Aggregate buckets of the data ("Various countries") are left out: no command takes them
    (a coalition refuses them), so offering them would send the user to a second error."""
    countries = sorted(set(known) - AGGREGATE_PROVIDER_NAMES)
    return (
        f"a country code ({', '.join(countries)}) or a group "
        f"({', '.join(sorted(set(group_codes)))}); {WHERE_CODES}"
    )


def parse_group_spec(spec: str, field: str = "--group") -> tuple[str, list[str]]:
    """``"MYBLOC=USA,JPN,NLD"`` -> ``("MYBLOC", ["USA", "JPN", "NLD"])`` (names upper-cased).

    >>> parse_group_spec("mybloc = usa, jpn")
    ('MYBLOC', ['USA', 'JPN'])
    """
    name, sep, rest = spec.partition("=")
    members = [m.strip().upper() for m in rest.split(",") if m.strip()]
    if not sep or not name.strip() or not members:
        raise InputError(
            Problem(
                "malformed group definition",
                field=field,
                value=spec,
                expected="NAME=CODE,CODE,..., e.g. MYBLOC=USA,JPN,NLD",
            )
        )
    return name.strip().upper(), members


def unknown_code_error(
    code: str,
    raw: str,
    known: Sequence[str],
    groups: Iterable[str],
    *,
    file: str | None = None,
    field: str | None = None,
    listing: str | None = None,
) -> UnknownCodeError:
    """`UnknownCodeError` for ``raw`` listing the valid codes (and the closest ones);
    ``listing``: the valid codes in words, instead of `valid_codes_text` (scenario shocks say
    countries apart from capacity regions)."""
    valid = [c for c in dict.fromkeys([*known, *groups]) if c not in AGGREGATE_PROVIDER_NAMES]
    named = code_for_country_name(raw)  # "Japan" -> JPN, before look-alike codes
    close = [named] if named in valid else difflib.get_close_matches(code, valid, n=3, cutoff=0.5)
    return UnknownCodeError(
        Problem(
            "unknown country or group code",
            value=raw,
            expected=(listing or valid_codes_text(known, groups))
            + (f"; did you mean {', '.join(close)}?" if close else ""),
            file=file,
            field=field,
        )
    )


def check_user_groups(
    user: Mapping[str, Sequence[str]],
    known: Sequence[str],
    builtin: Mapping[str, Sequence[str]],
    field: str = "groups",
    file: str | None = None,
    *,
    keep_region: bool = True,
) -> dict[str, list[str]]:
    """User groups checked and expanded to country codes (nested groups expanded).

    A member that is a built-in group and also a code of the data (``EUR``: the EU-27 region
    and the ETO's Europe provider) becomes its members plus the code itself, as `resolve_codes`
    expands it when asked for directly: ``--group WEST=USA,EUR`` counts the ETO's Europe-level
    rows as ``USA EUR`` does (review 8, finding 4). ``keep_region=False`` (scenario shocks,
    whose ``[groups]`` keep their earlier meaning) gives the members only.

    Raises `InputError` naming ``field``.NAME (and ``file``) for a malformed or clashing
    name, an empty group, an unknown member (listing the valid codes) or a cycle.

    >>> check_user_groups({"AB": ["USA", "CD"], "CD": ["JPN", "CHIP2"]}, ["USA", "JPN", "KOR"],
    ...                   {"CHIP2": ["KOR", "USA"]})
    {'AB': ['USA', 'JPN', 'KOR'], 'CD': ['JPN', 'KOR', 'USA']}
    >>> check_user_groups({"WE": ["USA", "EUR"]}, ["USA", "DEU", "EUR"], {"EUR": ["DEU", "BEL"]})
    {'WE': ['USA', 'DEU', 'BEL', 'EUR']}
    >>> check_user_groups({"WE": ["USA", "EUR"]}, ["USA", "DEU", "EUR"], {"EUR": ["DEU", "BEL"]},
    ...                   keep_region=False)
    {'WE': ['USA', 'DEU', 'BEL']}
    """
    known_upper = {k.upper() for k in known}
    listed = {c for ms in builtin.values() for c in ms}
    names = {str(n).strip().upper(): [str(m).strip().upper() for m in ms] for n, ms in user.items()}

    def bad(name: str, message: str, value: object, expected: str) -> InputError:
        return InputError(
            Problem(
                message, file=file, field=f"{field}.{name}", value=str(value), expected=expected
            )
        )

    for name, members in names.items():
        if not GROUP_NAME.match(name):
            raise bad(name, "malformed group name", name, _NAME_HINT)
        if name in known_upper or name in listed:
            raise bad(name, "group name is a country code", name, "a name that is no country code")
        if name in builtin:
            raise bad(
                name,
                "group name is a built-in group",
                name,
                f"a name other than {', '.join(sorted(builtin))}",
            )
        if not members:
            raise bad(name, "empty group", "[]", "at least one country or group code")

    out: dict[str, list[str]] = {}

    def expand(name: str, path: tuple[str, ...]) -> list[str]:
        if name in out:
            return out[name]
        codes: list[str] = []
        for m in names[name]:
            if m in path or m == name:
                raise bad(
                    name,
                    "groups contain each other",
                    " -> ".join((*path, name, m)),
                    "groups that do not contain themselves",
                )
            if m in names:
                got = expand(m, (*path, name))
            elif m in builtin:
                got = list(builtin[m])
                if keep_region and m in known_upper:  # EUR: its own rows too, as resolve_codes
                    got.append(m)
            elif m in known_upper or m in listed:
                got = [m]
            else:
                raise InputError(  # a bad definition: 422 on the API
                    Problem(
                        "unknown country or group code in a group",
                        file=file,
                        field=f"{field}.{name}",
                        value=m,
                        expected=valid_codes_text(known, [*builtin, *names]),
                    )
                )
            codes += [c for c in got if c not in codes]
        out[name] = codes
        return codes

    return {name: expand(name, ()) for name in names}


def resolve_codes(
    codes: Iterable[str],
    known: Sequence[str],
    groups: pd.DataFrame,
    argument: str = "CODES",
    user_groups: Mapping[str, Sequence[str]] | None = None,
    *,
    file: str | None = None,
    prefer_country: bool = False,
    regions: Mapping[str, RegionRows] | None = None,
) -> ResolvedCodes:
    """Expand group codes (built-in and ``user_groups``, already checked by
    `check_user_groups`) and check country codes against ``known`` (the data's codes).
    ``regions``: the data's providers that are also groups, with their own rows; one whose
    members (those in ``known``) an expanded group brings in, while its own code is not asked
    for, is listed in ``regions_left_out``.

    >>> g = pd.DataFrame({"group_code": ["CHIP4"] * 4 + ["EU27", "EU27"],
    ...     "country_code": ["USA", "JPN", "KOR", "TWN", "DEU", "BEL"]})
    >>> r = resolve_codes(["chip4", "EU27"], ["USA", "JPN", "KOR", "TWN", "DEU", "CHN"], g)
    >>> r.codes, r.without_data
    (['USA', 'JPN', 'KOR', 'TWN', 'DEU'], ['BEL'])
    >>> resolve_codes(["MY"], ["USA", "JPN"], g, user_groups={"MY": ["JPN", "USA"]}).codes
    ['JPN', 'USA']
    >>> g = pd.DataFrame({"group_code": ["EU2", "EU2", "EUR", "EUR"],
    ...     "country_code": ["DEU", "BEL", "DEU", "BEL"]})
    >>> eur = {"EUR": RegionRows("EUR", "Europe", (("N6", "Logic chip design", 9.0),))}
    >>> [r.code for r in resolve_codes(["EU2"], ["DEU", "EUR"], g, regions=eur).regions_left_out]
    ['EUR']
    >>> r = resolve_codes(["EU2", "EUR"], ["DEU", "EUR"], g, regions=eur)
    >>> r.regions_left_out, r.expanded["EUR"]  # EUR's expansion names its own rows' code too
    ((), ['DEU', 'BEL', 'EUR'])
    >>> resolve_codes(["DEU"], ["DEU", "EUR"], g, regions=eur).regions_left_out  # no group
    ()
    """
    members = group_members(groups)
    user = {k.upper(): list(v) for k, v in (user_groups or {}).items()}
    known_upper = {k.upper(): k for k in known}
    listed = {c for ms in members.values() for c in ms}
    out: list[str] = []
    expanded: dict[str, list[str]] = {}
    without: list[str] = []

    def add(code: str) -> None:
        if code in known_upper:
            if known_upper[code] not in out:
                out.append(known_upper[code])
        elif code not in without:
            without.append(code)

    for raw in codes:
        code = raw.strip().upper()
        if code in user:
            expanded[code] = user[code]
            for m in user[code]:
                add(m)
        elif code in members and not (prefer_country and code in known_upper):
            # a code that is also a provider (EUR) counts itself too, and its expansion says so
            own = [code] if code in known_upper and code not in members[code] else []
            expanded[code] = [*members[code], *own]
            for m in expanded[code]:
                add(m)
        elif code in known_upper or code in listed:
            add(code)
        else:
            raise unknown_code_error(
                code,
                raw,
                sorted(known_upper.values()),
                [*members, *user],
                file=file,
                field=argument,
            )
    left_out: list[RegionRows] = []
    for code, rows in (regions or {}).items():
        own = [known_upper[m] for m in members.get(code, []) if m in known_upper]
        asked = code in known_upper and known_upper[code] in out
        if expanded and code in known_upper and not asked and own and set(own) <= set(out):
            left_out.append(rows)
    return ResolvedCodes(out, expanded, without, tuple(left_out))
