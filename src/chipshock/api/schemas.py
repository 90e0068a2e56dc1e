"""Request and response models of the HTTP API (pydantic), shown in the OpenAPI page at /docs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CompareRequest",
    "ErrorResponse",
    "Health",
    "Meta",
    "ResultResponse",
    "RunRequest",
    "SensitivityRequest",
    "TableResponse",
]


FabId = Annotated[str, Field(min_length=1, max_length=100)]


class Meta(BaseModel):
    """Where the figures come from and how current they are."""

    model_config = ConfigDict(extra="allow")

    source: str = Field(description="Dataset the figures come from.")
    licence: str = Field(description="Licence of the dataset.")
    as_of: str | None = Field(description="Date of the data (latest row date for curated files).")
    citation: str | None = None
    release: str | None = None
    note: str | None = None


class TableResponse(BaseModel):
    """One tidy table: rows as objects, with the parameters used and the source metadata."""

    model_config = ConfigDict(extra="allow")

    meta: Meta
    params: dict[str, Any] = Field(default_factory=dict)
    rows: list[dict[str, Any]]


class ResultResponse(BaseModel):
    """A result with several parts (tables and figures), with source metadata."""

    model_config = ConfigDict(extra="allow")

    meta: Meta
    params: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    """What went wrong: a message naming the field, and the field when there is one."""

    detail: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


class Health(BaseModel):
    status: str
    version: str
    read_only: bool
    max_runs: int
    time_budget_s: float
    scenarios_available: bool
    warm: bool = Field(
        description="Start-up caches built (requests before that are answered, only slower)."
    )


class RunRequest(BaseModel):
    """Run a scenario: a built-in id, optionally changed. Strict: ``false`` is not a seed."""

    model_config = ConfigDict(extra="forbid", strict=True)

    scenario: str = Field(min_length=1, max_length=100, examples=["taiwan-blockade-2027-6m"])
    start_year: int | None = Field(
        default=None, ge=2025, le=2035, description="Year the shocks start (all shocks move)."
    )
    duration_weeks: int | None = Field(
        default=None, ge=1, le=260, description="Duration of every shock, in weeks."
    )
    alliance_fabs: bool | None = Field(
        default=None,
        description="Omitted: as the scenario says. False switches the U.S.–Japan alliance fabs "
        "off, True switches them on (also in a scenario that has them off).",
    )
    fabs_off: list[FabId] = Field(default_factory=list, max_length=100)
    fabs_on: list[FabId] = Field(default_factory=list, max_length=100)
    runs: int | None = Field(default=None, ge=1, description="Monte Carlo runs (capped).")
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)


class CompareRequest(RunRequest):
    """Compare a scenario with another, or (no ``other``) with the alliance fabs switched off."""

    other: str | None = Field(
        default=None,
        max_length=100,
        description="Scenario to compare with; default: the same scenario without alliance fabs.",
    )


class SensitivityRequest(RunRequest):
    """Which assumptions drive a scenario's answer: each moved alone to its low and high value.

    ``runs`` are per side (default 100); the server runs ``(2 x factors + 1) x runs`` in all and
    lowers the runs per side to keep that within its ``max_runs``."""

    kpi: str = Field(default="loss_usd_bn", max_length=60, examples=["loss_usd_bn"])
    market: str = Field(default="all", max_length=60, description="An end market id, or all.")
    factors: list[Annotated[str, Field(max_length=60)]] | None = Field(
        default=None,
        max_length=20,
        description="Factor ids (default: every default factor), e.g. shock_duration.",
    )
    lang: Literal["en", "ja"] = Field(default="en", description="Language of ``reading``.")
