"""Close fab ids to suggest for an unknown one, the same on every surface.

`chipshock fabs`-style options on the CLI, ``fabs_off``/``fabs_on`` of the API and a
scenario's fab targets, overrides and interventions all answer an unknown fab id with the ids
this module picks: the same operator's fabs first (the same first word of the id, ``tsmc-…``),
closest first, then close spellings of the whole id (review 9a, finding 6: "tsmc-nonexistent"
suggested esmc-dresden first, on its tail).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

__all__ = ["CLOSE_FAB_IDS", "close_fab_ids"]

#: how many close fab ids an unknown one suggests
CLOSE_FAB_IDS = 3


def close_fab_ids(fab: str, known: Sequence[str], n: int = CLOSE_FAB_IDS) -> list[str]:
    """The fab ids to suggest for an unknown ``fab``, at most ``n``.

    >>> close_fab_ids("tsmc-nonexistent", ["esmc-dresden", "tsmc-fab16-nanjing", "tsmc-fab18"])
    ['tsmc-fab16-nanjing', 'tsmc-fab18', 'esmc-dresden']
    >>> close_fab_ids("rapidos-iim1", ["rapidus-iim1", "tsmc-fab18"])
    ['rapidus-iim1']

    A fab written as its name is read as an id first (lower case, spaces and '_' as '-'):

    >>> close_fab_ids("TSMC Fab 18", ["esmc-dresden", "tsmc-fab14-tainan", "tsmc-fab18-tainan"])
    ['tsmc-fab18-tainan', 'tsmc-fab14-tainan']
    """
    written = re.sub(r"[\s_]+", "-", fab.strip().casefold())
    head = written.split("-")[0]
    same = [k for k in known if head and k.casefold().split("-")[0] == head]
    same.sort(key=lambda k: -difflib.SequenceMatcher(None, written, k.casefold()).ratio())
    fuzzy = difflib.get_close_matches(written, list(known), n=n, cutoff=0.5)
    return list(dict.fromkeys([*same, *fuzzy]))[:n]
