"""What the server holds in memory: the store's tables, loaded once, and small result caches.

Everything here is read-only after start-up. The store is opened read-only; with
``read_only=False`` a missing store is built on first start (the only write the app ever does).
"""

from __future__ import annotations

import importlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from fastapi import Response

from chipshock.analysis.coalition import CoalitionModel, coalition_model
from chipshock.api.runner import Runner
from chipshock.data.curated import AllianceData
from chipshock.data.store import build_store, default_db_path, load_alliance, load_chain
from chipshock.errors import StoreError
from chipshock.model.chain import SupplyChain

__all__ = [
    "AppConfig",
    "AppState",
    "LruCache",
    "app_state",
    "json_bytes",
    "resolve_db_path",
    "respond",
]

ETO_LICENCE = "CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/)"
CURATED_LICENCE = "chipshock curated data: facts from the public sources cited per row"


@dataclass(frozen=True)
class AppConfig:
    """Server settings: where the store is, how many runs a request may ask for, for how long."""

    db_path: Path
    max_runs: int = 5000
    time_budget_s: float = 30.0
    read_only: bool = True


class _Pending:
    """A value being computed by one thread while others wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class LruCache:
    """A small thread-safe least-recently-used cache with single flight: while one thread
    computes a key, other threads asking for the same key wait for that result."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, _Pending] = {}
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
            pending = self._pending.get(key)
            owner = pending is None
            if pending is None:
                pending = self._pending[key] = _Pending()
        if not owner:
            pending.done.wait()
            if pending.error is not None:
                raise pending.error
            return pending.value
        try:
            pending.value = compute()
        except BaseException as exc:
            pending.error = exc
            raise
        finally:
            with self._lock:
                del self._pending[key]
                if pending.error is None:
                    self._data[key] = pending.value
                    while len(self._data) > self._size:
                        self._data.popitem(last=False)
            pending.done.set()
        return pending.value


@dataclass
class AppState:
    """The loaded data layers and caches shared by all requests."""

    config: AppConfig
    chain: SupplyChain
    alliance: AllianceData
    coalition: CoalitionModel
    cache: LruCache = field(default_factory=lambda: LruCache(256))
    run_cache: LruCache = field(default_factory=lambda: LruCache(32))
    runner: Runner = field(default_factory=Runner)
    _model_data: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, config: AppConfig) -> AppState:
        path = config.db_path
        if not path.exists():
            if config.read_only:
                raise StoreError(
                    f"no chipshock store at {path}; "
                    f"build it with `chipshock data build --db {path}`"
                )
            build_store(path)
        chain = load_chain(path)
        return cls(
            config=config,
            chain=chain,
            alliance=load_alliance(path),
            coalition=coalition_model(chain),
        )

    # ---- metadata carried by every response with figures ------------------------------
    def eto_meta(self) -> dict[str, Any]:
        rel = self.chain.release
        return {
            "source": rel.source_label,
            "citation": rel.citation,
            "licence": rel.licence,
            "release": rel.release_id,
            "as_of": rel.as_of,
            "note": "Shares in percent as published; years per row; blank share = listed "
            "without a published share.",
        }

    def curated_meta(self, table: str, frame: pd.DataFrame | None = None) -> dict[str, Any]:
        as_of = None
        if frame is not None and "as_of" in frame.columns and frame["as_of"].notna().any():
            as_of = str(frame["as_of"].dropna().astype(str).max())
        return {
            "source": f"chipshock curated {table} (each row cites its source_url and as_of)",
            "licence": CURATED_LICENCE,
            "as_of": as_of,
        }

    # ---- the scenario engine, loaded on first use ------------------------------------
    def model_data(self) -> Any:
        """The engine's input tables (`chipshock.sim.load_model_data`), loaded once."""
        with self._lock:
            if self._model_data is None:
                sim = importlib.import_module("chipshock.sim")
                self._model_data = _call_load_model_data(sim.load_model_data, self.config.db_path)
            return self._model_data


def _call_load_model_data(load: Callable[..., Any], db_path: Path) -> Any:
    try:
        return load(db_path)
    except TypeError:  # an engine whose loader takes no store path
        return load()


def resolve_db_path(db_path: Path | str | None) -> Path:
    return Path(db_path) if db_path is not None else default_db_path()


_LOAD_LOCK = threading.Lock()


def app_state(app: Any) -> AppState:
    """The app's loaded data: read from the store on start-up or on the first request."""
    existing: AppState | None = getattr(app.state, "chipshock", None)
    if existing is not None:
        return existing
    with _LOAD_LOCK:
        existing = getattr(app.state, "chipshock", None)
        if existing is None:
            existing = AppState.load(app.state.config)
            app.state.chipshock = existing
        return existing


def json_bytes(payload: Any) -> bytes:
    """Compact UTF-8 JSON of a payload of plain values (see `to_jsonable`)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def respond(state: AppState, key: Hashable, build: Callable[[], Any]) -> Response:
    """The JSON response for ``key``: built and serialised once, then served from the cache."""
    body: bytes = state.cache.get_or_compute(key, lambda: json_bytes(build()))
    return Response(content=body, media_type="application/json")
