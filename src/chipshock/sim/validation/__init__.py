"""Validation against history: history cases, `validate` and `calibrate`.

- `chipshock.sim.validation.cases`: the history scenarios and how each observed quantity is
  read off the model (`Measure`);
- `chipshock.sim.validation.validate`: every case run, observation beside the model band;
- `chipshock.sim.validation.calibrate`: the parameters history can inform, fitted by a stated
  procedure, as data rows.

Observations are read by `chipshock.data.history.read_history_observations` (storage at the
edge); everything here takes them as a DataFrame.
"""

from chipshock.sim.validation.cases import MEASURES, Measure, history_case_ids, load_history_case
from chipshock.sim.validation.validate import VALIDATION_COLUMNS, ValidationResult, validate

__all__ = [
    "MEASURES",
    "VALIDATION_COLUMNS",
    "Measure",
    "ValidationResult",
    "history_case_ids",
    "load_history_case",
    "validate",
]
