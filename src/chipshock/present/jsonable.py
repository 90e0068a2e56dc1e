"""Plain JSON values from tidy tables and results: the one conversion every surface uses."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["to_jsonable"]


def to_jsonable(value: Any) -> Any:
    """Plain Python values for JSON: NaN/NA -> None, numpy scalars -> Python numbers.

    >>> import numpy as np
    >>> to_jsonable({"share_pct": np.float64(12.5), "hhi": float("nan"), "rank": np.int64(2)})
    {'share_pct': 12.5, 'hhi': None, 'rank': 2}
    >>> to_jsonable(pd.DataFrame({"code": ["N1"], "share_pct": [pd.NA]}))
    [{'code': 'N1', 'share_pct': None}]
    """
    if isinstance(value, pd.DataFrame):
        return [to_jsonable(r) for r in value.to_dict(orient="records")]
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value
