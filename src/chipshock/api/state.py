"""What the server holds in memory: the store's tables, loaded once, and small result caches.

Everything here is read-only after start-up. The store is opened read-only; with
``read_only=False`` a missing store is built on first start (the only write the app ever does).
"""

from __future__ import annotations

import importlib
import json
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pandas as pd
from fastapi import Response

from chipshock.analysis.alliance import check_registry_countries, registry_countries
from chipshock.analysis.coalition import CoalitionModel, coalition_model
from chipshock.analysis.groups import (
    ResolvedCodes,
    check_user_groups,
    expand_filter,
    group_members,
    region_rows,
    resolve_codes,
)
from chipshock.api.encoded import EncodedBody, EncodedResponse
from chipshock.api.runner import Runner
from chipshock.data.curated import AllianceData
from chipshock.data.store import (
    build_store,
    default_db_path,
    load_alliance,
    load_chain,
    load_tables,
)
from chipshock.errors import InputError, Problem, StoreError, UnknownCodeError
from chipshock.model.chain import SupplyChain
from chipshock.present.input_rows import eto_meta

__all__ = [
    "AppConfig",
    "AppState",
    "LruCache",
    "Weighed",
    "app_state",
    "json_bytes",
    "resolve_db_path",
    "respond",
    "value_bytes",
]

ETO_LICENCE = "CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/)"
CURATED_LICENCE = "chipshock curated data: facts from the public sources cited per row"
CURATED_LICENCE_JA = "chipshock 整備データ：各行に記載した公開資料による事実"


@dataclass(frozen=True)
class AppConfig:
    """Server settings: where the store is, how many runs a request may ask for, for how long."""

    db_path: Path
    max_runs: int = 5000
    time_budget_s: float = 30.0
    # a background job (/api/jobs/*: progress shown, cancellable) may run longer than a request
    # that holds its connection open: the dashboard's runs and comparisons go through jobs
    job_time_budget_s: float = 300.0
    read_only: bool = True
    workers: int = 2  # scenario runs computed at once
    queue_limit: int = 8  # scenario requests waiting for a worker before 503 + Retry-After
    allowed_hosts: frozenset[str] | None = None  # None: any Host header
    cache_bytes: int = 64 * 1024 * 1024  # each of the two response caches


class _Pending:
    """A value being computed by one thread while others wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class LruCache:
    """A thread-safe least-recently-used cache, bounded in entries and in bytes, with single
    flight: while one thread computes a key, other threads asking for the same key wait for that
    result.

    Values are weighed with `value_bytes` (the length of a ``bytes`` value, else a rough
    ``sys.getsizeof``). A value heavier than ``max_bytes // 8`` is returned but not kept, so that
    one huge answer never evicts everything else.
    """

    def __init__(self, size: int = 64, max_bytes: int = 64 * 1024 * 1024) -> None:
        self._size = size
        self._max_bytes = max_bytes
        self._bytes = 0
        self._data: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._pending: dict[Hashable, _Pending] = {}
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        """Bytes held now (at most ``max_bytes``)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: Hashable) -> Any:
        """The value kept for ``key`` (now the most recently used), or None; nothing is
        computed or kept."""
        with self._lock:
            if key not in self._data:
                return None
            self._data.move_to_end(key)
            return self._data[key][0]

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key][0]
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
                    self._keep(key, pending.value)
            pending.done.set()
        return pending.value

    def _keep(self, key: Hashable, value: Any) -> None:
        weight = value_bytes(value)
        if weight > self._max_bytes // 8:
            return
        self._data[key] = (value, weight)
        self._bytes += weight
        while len(self._data) > self._size or self._bytes > self._max_bytes:
            _old_key, (_old, old_weight) = self._data.popitem(last=False)
            self._bytes -= old_weight


@runtime_checkable
class Weighed(Protocol):
    """A cached value that says how many bytes it holds (`EncodedBody`, a run's `RunBody`)."""

    @property
    def nbytes(self) -> int: ...


def value_bytes(value: Any) -> int:
    """Bytes a cached value holds: exact for ``bytes`` and a `Weighed` value (`EncodedBody`, a
    run's `RunBody`), approximate otherwise."""
    if isinstance(value, bytes | bytearray):
        return len(value)
    if isinstance(value, Weighed):
        return value.nbytes
    if isinstance(value, tuple | list):
        return sys.getsizeof(value) + sum(sys.getsizeof(v) for v in value)
    return sys.getsizeof(value)


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
    #: country_groups.csv (EU27, CHIP4, QUAD, G7, ...), see `resolve` and GET /api/groups
    groups: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["group_code", "country_code"])
    )
    warm: threading.Event = field(default_factory=threading.Event)  # set once caches are warm
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
            cache=LruCache(256, config.cache_bytes),
            run_cache=LruCache(32, config.cache_bytes),
            runner=Runner(workers=config.workers, queue_limit=config.queue_limit),
            groups=load_tables(path, ["country_groups"])["country_groups"],
        )

    # ---- metadata carried by every response with figures ------------------------------
    def eto_meta(self) -> dict[str, Any]:
        return eto_meta(self.chain.release)

    def curated_meta(
        self, table: str | Sequence[str], frame: pd.DataFrame | None = None
    ) -> dict[str, Any]:
        """The source lines of a curated file (or of several, given as a list: "a, b and c" in
        English, "a、b、c" in Japanese), with the latest ``as_of`` of ``frame``'s rows."""
        tables = [table] if isinstance(table, str) else list(table)
        en = ", ".join(tables[:-1]) + f" and {tables[-1]}" if len(tables) > 1 else tables[0]
        ja = "、".join(tables)
        as_of = None
        # the latest date a row states: its source's as_of, or (the tracker) the date its
        # status was checked, which can be newer (review 3, finding 14: the tracker's footer
        # said 2025-12 above a status of 2026-01)
        if frame is not None:
            dates = [
                str(d) for c in ("as_of", "status_as_of") if c in frame for d in frame[c].dropna()
            ]
            as_of = max(dates) if dates else None
        return {
            "source": f"chipshock curated {en} (each row cites its source_url and as_of)",
            "licence": CURATED_LICENCE,
            "as_of": as_of,
            # the same in Japanese, for the dashboard's source lines in Japanese mode
            "source_ja": f"chipshock 整備の {ja}（各行に出典 source_url と時点 as_of を記載）",
            "licence_ja": CURATED_LICENCE_JA,
        }

    # ---- country and group codes ------------------------------------------------------
    def known_codes(self) -> list[str]:
        """Country codes of the ETO data (as the CLI's coalition commands use them)."""
        return self.chain.country_codes(include_aggregates=True)

    def user_groups(
        self, defined: Mapping[str, Sequence[str]], field: str = "groups"
    ) -> dict[str, list[str]]:
        """Request-defined groups checked and expanded (errors name ``field.NAME``: 422)."""
        return check_user_groups(defined, self.known_codes(), group_members(self.groups), field)

    def resolve(
        self, codes: Sequence[str], field: str, user: Mapping[str, Sequence[str]] | None = None
    ) -> ResolvedCodes:
        """Country and group codes -> the data's country codes; an unknown code or a selection
        without any member in the data is an `InputError` naming ``field`` (422)."""
        try:
            r = resolve_codes(
                codes,
                self.known_codes(),
                self.groups,
                field,
                user,
                regions=region_rows(self.chain, self.groups),  # EUR's own rows, for the note
            )
        except UnknownCodeError as exc:  # a bad request value, as before groups: 422, not 404
            raise InputError(exc.problem) from None
        if not r.codes:
            raise InputError(
                Problem(
                    "no member with supply-chain data",
                    field=field,
                    value=" ".join(codes),
                    expected="at least one country the ETO data covers",
                )
            )
        return r

    def expand_filter(self, codes: Sequence[str], field: str = "country") -> tuple[str, ...]:
        """Registry filter codes with built-in groups replaced by all their members
        (`expand_filter`), after checking them as the CLI does (an unknown code is a 422
        naming ``field`` and the valid codes, not an empty table)."""
        a = self.alliance
        known = registry_countries(a.fabs, a.partnerships, a.deliverables)
        try:
            check_registry_countries(codes, known, self.groups, field)
        except UnknownCodeError as exc:  # a bad request value: 422, as `resolve`
            raise InputError(exc.problem) from None
        return expand_filter(codes, self.groups)

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
    """The JSON response for ``key``: built, serialised and compressed once, then served from
    the cache (gzip or not, or 304 for a client that has it: `EncodedResponse`)."""
    body: EncodedBody = state.cache.get_or_compute(key, lambda: EncodedBody.of(json_bytes(build())))
    return EncodedResponse(body)
