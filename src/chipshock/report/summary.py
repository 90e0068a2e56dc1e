"""Moved to `chipshock.present.summary`; kept so that older imports keep working."""

from chipshock.present.summary import (
    ALLIANCE_SIDES,
    avoided,
    first_is_better,
    is_comparison,
    key_figures,
    oriented,
    scenario_title,
    sensitivity_text,
    side_labels,
    summary_text,
    sweep_text,
)

__all__ = [
    "ALLIANCE_SIDES",
    "avoided",
    "first_is_better",
    "is_comparison",
    "key_figures",
    "oriented",
    "scenario_title",
    "sensitivity_text",
    "side_labels",
    "summary_text",
    "sweep_text",
]
