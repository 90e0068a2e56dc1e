"""Which rows of ``regional_capacity.csv`` anchor the model's regional shares.

``regional_capacity.csv`` holds every regional share we found, including reference figures
of another scope (foundry-only TrendForce shares, SEMI totals in 200mm equivalents, a 2019
chart whose "Other" column mixes Korea with the rest). Only some rows set the engine's regional
totals (`chipshock.sim.network.regional`): the **anchor rows**. A row is an anchor when

- its ``category`` is one of `CATEGORY_CLASSES` (a logic range, ``DRAM``, ``NAND``) or
  ``total``, and
- its ``source_name`` starts with ``SIA/BCG`` (the report's figures and the shares chipshock
  derived from them) or ends with ``share derived by chipshock`` (a share of another source
  mapped to the model's classes and regions; its note says how).

Every year with an anchor row of a class is an anchor year of that class; shares are
interpolated linearly between anchor years and held flat outside them. One anchor row per
(category, region, year): a second one would make the answer depend on the file's order, so the
loader refuses it and names both rows.
"""

from __future__ import annotations

__all__ = ["CATEGORY_CLASSES", "DERIVED_SUFFIX", "TOTAL_CATEGORY", "is_anchor_row"]

#: regional_capacity.csv category -> the model's node classes it gives a share for
CATEGORY_CLASSES: dict[str, tuple[str, ...]] = {
    "logic <10nm": ("lt10",),
    "logic 10-22nm": ("n10_22",),
    "logic 28-45nm": ("n28_45",),
    "logic >=28nm": ("n28_45", "gt45"),
    "logic >45nm": ("gt45",),
    "DRAM": ("dram",),
    "NAND": ("nand",),
}
#: the category of a region's share of all capacity (a fallback for classes it does not list)
TOTAL_CATEGORY = "total"
#: the end of the source_name of a share chipshock mapped or derived from a published figure
DERIVED_SUFFIX = "share derived by chipshock"
_REPORT_PREFIX = "SIA/BCG"


def is_anchor_row(source_name: str, category: str) -> bool:
    """Whether a regional_capacity.csv row sets the model's shares (see the module docstring).

    >>> is_anchor_row("SIA/BCG 'Emerging Resilience ...' (May 2024)", "logic <10nm")
    True
    >>> is_anchor_row("TrendForce (press release 2023-12-14)", "foundry total")
    False
    >>> is_anchor_row("SEMI World Fab Forecast, share derived by chipshock", "DRAM")
    True
    """
    source = source_name.strip()
    known = category.strip() in CATEGORY_CLASSES or category.strip() == TOTAL_CATEGORY
    return known and (source.startswith(_REPORT_PREFIX) or source.endswith(DERIVED_SUFFIX))
