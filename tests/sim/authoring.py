"""A small scenario from a file an author wrote, for the tests of scenario-authoring errors
(the errors name ``SOURCE``, the file, first)."""

from __future__ import annotations

from chipshock.scenarios.model import FabOverride, Scenario, Shock

SOURCE = "/home/me/c4.toml"


def authoring_scenario(*shocks: Shock, overrides: tuple[FabOverride, ...] = ()) -> Scenario:
    """A 2026-2028 scenario of four runs with ``shocks`` and fab ``overrides``, read from
    ``SOURCE``."""
    return Scenario(
        "authoring",
        "authoring",
        start_year=2026,
        end_year=2028,
        runs=4,
        shocks=shocks,
        fab_overrides=overrides,
        source=SOURCE,
    )
