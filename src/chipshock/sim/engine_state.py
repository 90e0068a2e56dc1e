"""The engine's per-chunk state: what a chunk returns, the fixed layout of a chunk (index arrays,
shock lists, summing matrices, the shock losses of every week) and the mutable state carried
from week to week (input stocks, tool states, inventories, KPI accumulators, histograms).

`allocate` builds both from the prepared tables and the chunk's draws; `year_constants` the
demand-derived constants of one year. The step equations are in `chipshock.sim.engine_steps`,
the loop in `chipshock.sim.engine`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chipshock.sim.prepare import Draws, Prepared

__all__ = [
    "F64",
    "I64",
    "NBINS",
    "SUPPLY_RANGE",
    "ChunkLayout",
    "ChunkResult",
    "ChunkState",
    "YearConstants",
    "allocate",
    "year_constants",
]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
NBINS = 1000  # plus one top bin for values >= the range's top
SUPPLY_RANGE = 2.0


@dataclass(frozen=True, eq=False)
class ChunkResult:
    """What one chunk returns: histogram counts per week and per-run KPI arrays.

    The histogram is stored sparsely: ``counts`` holds the distinct weekly histograms
    [K, C + 2M, NBINS + 1] and ``week_row`` [T] the row of ``counts`` of each week (weeks that
    repeat the previous one share its row); `dense` expands it to [T, C + 2M, NBINS + 1]."""

    counts: npt.NDArray[np.int64]  # [K, C + 2M, NBINS + 1]
    cum_weeks: F64  # [n, M + 1] chip shortfall, weeks of demand
    peak: F64  # [n, M + 1] peak weekly chip shortfall (fraction)
    out_weeks: F64  # [n, M + 1] weeks of normal output lost
    out_peak: F64  # [n, M + 1] peak weekly output lost (fraction)
    loss_usd: F64  # [n, M + 1]
    recover_weeks: F64  # [n, M + 1]
    week_row: npt.NDArray[np.int64]  # [T] row of ``counts`` of each week

    def dense(self) -> npt.NDArray[np.int64]:
        """The histogram counts of every week, [T, C + 2M, NBINS + 1]."""
        return np.asarray(self.counts[self.week_row])


@dataclass(frozen=True, eq=False)
class ChunkLayout:
    """What stays fixed over a chunk's weeks (sizes, index arrays, per-run draws as broadcast
    arrays, summing matrices, and the shock losses 1 - a_s of every week)."""

    prep: Prepared
    n: int  # runs
    T: int  # weeks
    R: int  # regions
    C: int  # chip classes
    M: int  # markets
    S: int  # shocks
    A: int  # inputs
    J: int  # (class, input) terms
    MC: int  # M * C: market states are flattened to index m * C + c
    H: int  # histogram series: supply per class, delivered and output per market
    t0: int  # first shock week
    tol: float  # recovery tolerance
    window: int  # recovery window, weeks
    weighted: bool  # allocation by priority weights (water-filling)
    usd: F64  # [C] chip value, USD per wafer
    kappa: float  # complementarity
    ones_nr: F64  # [n, R]
    loss_all: F64  # [T, n, S] shock losses 1 - a_s
    hasloss: npt.NDArray[np.bool_]  # [T, n] any shock loss
    reg_shocks: list[int]
    inp_shocks: list[int]
    fab_shocks: list[int]
    exp_shocks: list[int]
    Rin: int  # input-state regions: R with export controls, else 1 (all regions alike)
    mat_idx: I64  # material inputs (rows of the stock)
    buf: F64  # [n, Am, 1] material buffer, weeks
    surge1: F64  # [n, 1, 1] 1 + sigma
    rho: F64  # [n, 1, 1] tool recovery
    mat_terms: I64  # material terms
    mat_pos: I64  # material term -> row of stock
    tool_terms: I64  # tool terms
    tool_inp: I64  # tool term -> input
    serv: F64  # [n, Jt, 1] service buffer, weeks
    lam: F64  # [1, Jt, 1] erosion rate lambda_j
    crit: F64  # [1, J, 1] criticality
    cls_terms: I64  # [kmax, classes]: i-th term of each class (padded by its first term)
    cls_of: I64  # classes with active terms
    all_cls: bool  # every class has active terms (in order)
    subs: list[tuple[int, tuple[int, ...]]]  # (term, substitutes) of active terms
    collapse: F64  # [M*C, C] sum over markets
    to_market: F64  # [M*C, M] chip value by market
    inv_weeks: F64  # [n, M*C] inventory cap, weeks of demand
    offsets: I64  # [1, H] bin offset of each series
    scale: F64  # [H] bins per unit of each series


@dataclass(eq=False)
class ChunkState:
    """What the weekly step carries from week to week (updated in place)."""

    stock: F64  # [n, Am, Rin] material stocks, weeks
    cum: F64  # [n, Jt, Rin] cumulative tool-input shortfall
    ero: F64  # [n, Jt, Rin] tool erosion
    inv: F64  # [n, M*C] chip inventories
    icap: F64  # [n, M*C] inventory caps
    cum_weeks: F64  # [n, M + 1]
    peak: F64
    out_weeks: F64
    out_peak: F64
    loss: F64
    started: npt.NDArray[np.bool_]  # recovery bookkeeping, [n, M + 1]
    done: npt.NDArray[np.bool_]
    streak: F64
    cand: F64
    rec_week: F64
    ratio: F64  # [n, M + 1] this week's chip shortfall
    lost: F64  # [n, M + 1] this week's output lost
    idx: I64  # [n, H] this week's histogram bins
    counts: I64  # [T, H, NBINS + 1], rows [:K] used
    week_row: I64  # [T]
    settled: npt.NDArray[np.bool_]  # [n]
    K: int = 0  # histogram rows written
    pending: float = 0.0  # recovery streak increments deferred over all-settled weeks


@dataclass(frozen=True, eq=False)
class YearConstants:
    """Demand-derived constants of year y (reciprocals are 0 where the divisor is 0)."""

    Dmc: F64  # [M, C] weekly demand
    D: F64  # [M*C]
    sumD: F64  # [C]
    inv_sumD: F64  # [C]
    inv_dv: F64  # [M] 1 / chip value demanded
    inv_tot: float  # 1 / total chip value demanded
    inv_D: F64  # [M*C]
    Vy: F64  # [M] weekly downstream output value, USD
    inv_Vtot: float
    capy2: F64  # [R, C] weekly capacity
    fab_y: F64  # fab capacity cells of the year


def year_constants(prep: Prepared, y: int) -> YearConstants:
    """The constants of year ``y`` (see `YearConstants`)."""
    Dmc = prep.demand[:, :, y]  # [M, C]
    D = Dmc.reshape(-1)
    sumD = Dmc.sum(axis=0)
    inv_sumD = np.divide(1.0, sumD, out=np.zeros_like(sumD), where=sumD > 0)
    dv = Dmc @ prep.usd_per_wafer  # [M]
    inv_dv = np.divide(1.0, dv, out=np.zeros_like(dv), where=dv > 0)
    inv_tot = 1.0 / dv.sum() if dv.sum() > 0 else 0.0
    inv_D = np.divide(1.0, D, out=np.zeros_like(D), where=D > 0)
    Vy = prep.output_value_usd[:, y]  # [M] USD per week
    inv_Vtot = 1.0 / Vy.sum() if Vy.sum() > 0 else 0.0
    return YearConstants(
        Dmc,
        D,
        sumD,
        inv_sumD,
        inv_dv,
        inv_tot,
        inv_D,
        Vy,
        inv_Vtot,
        prep.capw[:, :, y],
        prep.fab_cell[:, :, y],
    )


def allocate(prep: Prepared, d: Draws) -> tuple[ChunkLayout, ChunkState]:
    """The layout and the initial state of a chunk of ``d.runs`` runs."""
    n, T = d.runs, prep.n_weeks
    R, C, M = len(prep.regions), len(prep.classes), len(prep.markets)
    S, A, J = len(prep.shock_start), len(prep.inputs), len(prep.term_input)

    # shock parameters
    dur_rec = d.duration + d.recovery
    rec1 = d.recovery + 1.0
    start = prep.shock_start.astype(np.float64)
    reg_shocks = [s for s in range(S) if prep.region_hit[s].any()]
    inp_shocks = [
        s
        for s in range(S)
        if prep.country_hit[s].any()
        or prep.firm_hit[s].any()
        or prep.input_hit[s].any()
        or prep.export_mask[s].any()
    ]
    fab_shocks = [s for s in range(S) if prep.fab_hit[s].any()]
    exp_shocks = [s for s in range(S) if prep.export_mask[s].any()]

    # input states
    # without export controls every region sees the same input supply: one column, not R
    Rin = R if prep.has_export else 1
    # states are kept compactly: stock for material inputs only, cum/ero for tool terms only
    mat_idx = np.flatnonzero(prep.input_is_material)
    buf = d.material_buffer[:, mat_idx, None]  # [n, Am, 1]
    stock = np.repeat(buf, Rin, axis=2)  # [n, Am, Rin]
    term_mat = prep.input_is_material[prep.term_input] if J else np.zeros(0, dtype=bool)
    tool_terms = np.flatnonzero(~term_mat)
    mat_terms = np.flatnonzero(term_mat)
    mat_pos = np.searchsorted(mat_idx, prep.term_input[mat_terms])  # term -> row of stock
    by_class = [(c, np.flatnonzero((prep.term_class == c) & prep.term_active)) for c in range(C)]
    by_class = [(c, j) for c, j in by_class if j.size]
    # class cap as one gather + min: column i of cls_terms is the i-th term of each class,
    # shorter classes padded by repeating their first term (min is idempotent)
    cls_of = np.array([c for c, _ in by_class], dtype=np.int64)
    kmax = max((j.size for _, j in by_class), default=0)
    cls_terms = (
        np.array(
            [np.concatenate([j, np.full(kmax - j.size, j[0])]) for _, j in by_class], dtype=np.int64
        )
        .reshape(len(by_class), kmax)
        .T
    )  # [kmax, classes]

    # market states, flattened to [n, M*C] (index m*C + c); sums over markets are matmuls
    MC = M * C
    collapse = np.zeros((MC, C))  # [n, M*C] @ collapse -> sum over markets [n, C]
    for m in range(M):
        collapse[m * C + np.arange(C), np.arange(C)] = 1.0
    to_market = np.zeros((MC, M))  # chip value by market
    for m in range(M):
        to_market[m * C : (m + 1) * C, m] = prep.usd_per_wafer
    H = C + 2 * M

    # shock losses 1 - a_s for every week at once, [T, n, S] (same elementwise operations)
    if S:
        x_all = np.arange(T, dtype=np.float64)[:, None, None] - start[None, None, :]
        prof_all = np.clip((dur_rec[None] - x_all) / rec1[None], 0.0, 1.0) * (x_all >= 0)
        loss_all = d.severity[None] * prof_all
        hasloss = np.asarray(loss_all.any(axis=2))
    else:
        loss_all = np.zeros((T, n, 0))
        hasloss = np.zeros((T, n), dtype=bool)

    lay = ChunkLayout(
        prep=prep,
        n=n,
        T=T,
        R=R,
        C=C,
        M=M,
        S=S,
        A=A,
        J=J,
        MC=MC,
        H=H,
        t0=prep.first_shock_week,
        tol=prep.tolerance,
        window=prep.window,
        weighted=not np.all(prep.priority == prep.priority[0]),
        usd=prep.usd_per_wafer,
        kappa=prep.complementarity,
        ones_nr=np.ones((n, R)),
        loss_all=loss_all,
        hasloss=hasloss,
        reg_shocks=reg_shocks,
        inp_shocks=inp_shocks,
        fab_shocks=fab_shocks,
        exp_shocks=exp_shocks,
        Rin=Rin,
        mat_idx=mat_idx,
        buf=buf,
        surge1=(1.0 + d.surge)[:, None, None],
        rho=d.tool_recovery[:, None, None],
        mat_terms=mat_terms,
        mat_pos=mat_pos,
        tool_terms=tool_terms,
        tool_inp=prep.term_input[tool_terms],
        serv=d.service_buffer[:, tool_terms, None],
        lam=prep.term_lambda[None, tool_terms, None],
        crit=prep.term_crit[None, :, None],
        cls_terms=cls_terms,
        cls_of=cls_of,
        all_cls=bool(np.array_equal(cls_of, np.arange(C))),
        subs=[(j, s) for j, s in enumerate(prep.term_subs) if s and prep.term_active[j]],
        collapse=collapse,
        to_market=to_market,
        inv_weeks=np.repeat(d.inventory_weeks, C, axis=1),  # [n, M*C]
        offsets=(np.arange(H) * (NBINS + 1))[None, :],
        scale=np.concatenate([np.full(C, NBINS / SUPPLY_RANGE), np.full(2 * M, float(NBINS))]),
    )
    st = ChunkState(
        stock=stock,
        cum=np.zeros((n, tool_terms.size, Rin)),
        ero=np.zeros((n, tool_terms.size, Rin)),
        inv=np.zeros((n, MC)),
        icap=np.zeros((n, MC)),
        cum_weeks=np.zeros((n, M + 1)),
        peak=np.zeros((n, M + 1)),
        out_weeks=np.zeros((n, M + 1)),
        out_peak=np.zeros((n, M + 1)),
        loss=np.zeros((n, M + 1)),
        started=np.zeros((n, M + 1), dtype=bool),
        done=np.zeros((n, M + 1), dtype=bool),
        streak=np.zeros((n, M + 1)),
        cand=np.zeros((n, M + 1)),
        rec_week=np.zeros((n, M + 1)),
        ratio=np.zeros((n, M + 1)),
        lost=np.zeros((n, M + 1)),
        idx=np.empty((n, H), dtype=np.int64),
        # sparse histogram: rows only for computed weeks (np.empty: untouched pages cost nothing)
        counts=np.empty((T, H, NBINS + 1), dtype=np.int64),
        week_row=np.empty(T, dtype=np.int64),
        settled=np.zeros(n, dtype=bool),
    )
    return lay, st
