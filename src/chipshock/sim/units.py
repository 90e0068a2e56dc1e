"""Time units of the engine: weeks per model year and monthly -> weekly wafer starts."""

from __future__ import annotations

__all__ = ["WEEKLY_FACTOR", "WEEKS_PER_YEAR"]

WEEKS_PER_YEAR = 52
WEEKLY_FACTOR = 12.0 / 52.0  # monthly wafer starts -> weekly
