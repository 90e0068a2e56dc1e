"""The engine's per-chunk layout (what stays fixed over a chunk's weeks), its mutable state
and what a chunk returns. `allocate` builds layout and state from the prepared arrays and the
chunk's draws; `year_constants` the demand- and capacity-derived constants of one year."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chipshock.sim.draws import Draws
from chipshock.sim.prepare import Prepared

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
    "class_sum",
    "group_sum",
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
    loss_usd: F64  # [n, M + 1] gross output at risk, USD
    recover_weeks: F64  # [n, M + 1]
    chips_usd: F64  # [n, M + 1] chips not delivered, USD
    lead_peak: F64  # [n, M + 1] peak lead time, weeks
    chip_output_lost: F64  # [n, P] producers' net chip sales lost, USD (< 0: gained)
    drawdown_peak: F64  # [n, M + 1] peak share of the inventory cover missing (by value)
    backlog_end_weeks: F64  # [n, M + 1] backlog open at the horizon end, weeks of demand
    # [n, M + 1] fewest weeks of cover left on the driest sourcing link (min over weeks and
    # links of stock / that week's link demand; all: the lowest market's)
    cover_min_weeks: F64
    week_row: npt.NDArray[np.int64]  # [T] row of ``counts`` of each week
    # [n, 2, P] mean utilisation of each producer (chips sold / capacity of the year) over the
    # horizon and over the run's shock weeks (NaN where a producer has no capacity then)
    utilisation: F64

    def dense(self) -> npt.NDArray[np.int64]:
        """The histogram counts of every week, [T, C + 2M, NBINS + 1]."""
        return np.asarray(self.counts[self.week_row])


@dataclass(frozen=True, eq=False)
class ChunkLayout:
    """What stays fixed over a chunk's weeks: sizes, index arrays, per-run draws as broadcast
    arrays, group indicator matrices and the shock losses 1 - a_s of every week."""

    prep: Prepared
    n: int  # runs
    T: int  # weeks
    C: int  # chip classes
    M: int  # markets
    S: int  # shocks
    P: int  # producers
    A: int  # inputs
    J: int  # (class, input) terms
    H: int  # histogram series: supply per class, delivered and output per market
    t0: int  # first shock week
    tol: float  # recovery tolerance
    window: int  # recovery window, weeks
    # allocation by priority weights: some market's priority is not 1 (the part of its orders
    # needed now then claims at its priority, double orders and restocking at 1)
    weighted: bool
    split_weight: F64  # [2M] the claimants' weights: priorities (needed now), then 1s (rest)
    kappa: float  # complementarity
    loss_all: F64  # [T, n, S] shock losses 1 - a_s
    hasloss: npt.NDArray[np.bool_]  # [T, n] any shock loss
    prod_shocks: list[int]
    demand_shocks: list[int]
    inp_shocks: list[int]
    exp_shocks: list[int]
    Rin: int  # caps: one per input zone (export controls, exempt operators), else 1
    prod_rin: I64  # [P] input zone of each producer
    Re: int  # input states (stocks, tool states): one per export zone, else 1
    zone_ex: I64  # [Rin] export zone of each input zone
    same_zones: bool  # Re == Rin and zone_ex is the identity (no gather needed)
    group_starts: I64  # first producer of each operator group (groups are contiguous)
    class_starts: I64  # first producer of each class that has producers (contiguous)
    class_present: I64  # those classes
    delay_same: F64  # [n, P] tier-1 qualification delay of each producer's customers
    delay_cross: F64  # [n, P] tier-2 delay (leading edge: the porting delay)
    mat_idx: I64  # material inputs (rows of the stock)
    buf: F64  # [n, Am, 1] material buffer, weeks
    surge1: F64  # [n, 1, 1] 1 + sigma
    rho: F64  # [n, 1, 1] tool recovery
    mat_terms: I64
    mat_pos: I64
    tool_terms: I64
    tool_inp: I64
    serv: F64  # [n, Jt, 1] service buffer, weeks
    lam: F64  # [1, Jt, 1] erosion rate lambda_j
    crit: F64  # [1, J, Rin] criticality where the term binds the zone's producers, else 0
    crit_tool: F64  # [1, J, Rin] crit of the tool terms (capital), 0 for the consumables
    crit_use: F64  # [1, J, Rin] crit of the consumable terms (materials), 0 for the tools
    cls_terms: I64  # [kmax, classes]: i-th term of each class (padded by its first term)
    cls_of: I64  # classes with active terms
    all_cls: bool
    mkt_terms: I64  # [kmax, groups]: i-th market-scoped term of each (market, class) group
    mkt_of: I64  # [groups, 2]: (market, class) of each group with active market-scoped terms
    subs: list[tuple[int, tuple[int, ...]]]
    inv_weeks: F64  # [n, M, C] inventory cover the buyers aim for, weeks of demand
    inv_start: F64  # [n, M, C] inventory they start with, weeks of demand
    restock_rate: F64  # [n, 1, 1] share of a stock gap ordered each week, 1 / restock weeks
    bank_weeks: F64  # [n, 1] producers' wafer/die bank, weeks of normal output
    cancel: F64  # [n, 1, 1] share of the backlog cancelled per week
    order_sensitivity: F64  # [n, 1] double ordering per unit of relative lead time
    order_cap: F64  # [n, 1] largest extra fraction of orders
    offsets: I64  # [1, H]
    scale: F64  # [H]


@dataclass(eq=False)
class ChunkState:
    """What the weekly step carries from week to week (updated in place)."""

    stock: F64  # [n, Am, Re] material stocks, weeks
    cum: F64  # [n, Jt, Re] cumulative tool-input shortfall
    ero: F64  # [n, Jt, Re] tool erosion
    inv: F64  # [n, M, P] chip inventories at the markets, per sourcing link (market, producer)
    tau: F64  # [n, P] consecutive weeks each producer has left customers unserved
    backlog: F64  # [n, M, P] orders not yet delivered, per link (the markets wait for them)
    bank: F64  # [n, P] producers' wafer/die banks, k-wafers
    # [n, M, C + 1] this week's lead times, weeks: per class (each drives next week's double
    # ordering of its class), then the market's (value-weighted mean over its classes)
    lead: F64
    drawdown: F64  # [n, M + 1] peak share of the inventory cover missing
    cover_min: F64  # [n, M + 1] fewest weeks of cover left on a link so far (inf: none yet)
    cum_weeks: F64  # [n, M + 1]
    peak: F64
    out_weeks: F64
    out_peak: F64
    loss: F64
    chips_usd: F64
    lead_peak: F64
    prod_lost: F64  # [n, P] net chip sales lost per producer, USD
    started: npt.NDArray[np.bool_]
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
    sold: F64  # [n, P] this week's chips sold per producer (own customers and taken over)
    util: F64  # [n, 4, P] utilisation sums and week counts: horizon, shock weeks
    last_util: F64  # [n, 2, P] last computed week's horizon increments (sum, count)
    K: int = 0
    pending: float = 0.0


@dataclass(frozen=True, eq=False)
class YearConstants:
    """Constants of year y (reciprocals are 0 where the divisor is 0)."""

    D: F64  # [M, C] weekly demand, k-wafers
    sumD: F64  # [C]
    inv_sumD: F64  # [C]
    Vy: F64  # [M] weekly downstream output value, USD
    inv_Vtot: float
    dv0: F64  # [M] weekly chip demand without demand shocks, USD/1000 (sum_c D usd_c)
    cap: F64  # [P] weekly capacity, k-wafers
    share: F64  # [M, P]
    load: F64  # [P] normal weekly orders of each producer, k-wafers
    sourced: F64  # [M, C] 1 where the class has producers for the market (shares sum to 1)


def _binds(prep: Prepared, Rin: int) -> F64:
    """[J, Rin] 1 where term j binds the producers of input zone r: every zone but those of
    the operators the term exempts (they make the input in-house)."""
    ops = prep.zone_operator if Rin > 1 else ("",)
    return np.array([[0.0 if z in ex else 1.0 for z in ops] for ex in prep.term_exempt]).reshape(
        len(prep.term_exempt), Rin
    )


def class_sum(lay: ChunkLayout, x: F64) -> F64:
    """Sum of ``x`` [..., P] over the producers of each class, [..., C]."""
    out = np.zeros((*x.shape[:-1], lay.C))
    if lay.P:
        out[..., lay.class_present] = np.add.reduceat(x, lay.class_starts, axis=-1)
    return out


def group_sum(lay: ChunkLayout, x: F64) -> F64:
    """Sum of ``x`` [..., P] over the producers of each operator group, [..., G]."""
    return np.asarray(np.add.reduceat(x, lay.group_starts, axis=-1))


def year_constants(prep: Prepared, y: int) -> YearConstants:
    """The constants of year ``y`` (see `YearConstants`)."""
    D = prep.demand[:, :, y]
    sumD = D.sum(axis=0)
    inv_sumD = np.divide(1.0, sumD, out=np.zeros_like(sumD), where=sumD > 0)
    share = prep.share[:, :, y]
    need0 = D[:, prep.prod_class] * share  # [M, P]
    load = need0.sum(axis=0)
    Vy = prep.output_value_usd[:, y]
    Vtot = float(Vy.sum())
    covered = np.zeros((D.shape[0], D.shape[1]))
    np.add.at(covered.T, prep.prod_class, share.T)
    sourced = (covered > 0.5).astype(np.float64)
    return YearConstants(
        D=D,
        sumD=sumD,
        inv_sumD=inv_sumD,
        Vy=Vy,
        inv_Vtot=1.0 / Vtot if Vtot > 0 else 0.0,
        dv0=D @ prep.usd_per_wafer,
        cap=prep.prod_cap[:, y],
        share=share,
        load=load,
        sourced=sourced,
    )


def _shock_losses(prep: Prepared, d: Draws, T: int, n: int) -> tuple[F64, npt.NDArray[np.bool_]]:
    """1 - a_s for every week and run, [T, n, S]:
    profile_s = 1[x >= 0] clip((duration + recovery - x) / (recovery + 1), 0, 1), x = t - start_s;
    1 - a_s = severity * profile_s."""
    S = len(prep.shock_start)
    if not S:
        return np.zeros((T, n, 0)), np.zeros((T, n), dtype=bool)
    start = prep.shock_start.astype(np.float64)[None, :]
    dur_rec = d.duration + d.recovery
    rec1 = d.recovery + 1.0
    x_all = np.arange(T, dtype=np.float64)[:, None, None] - start[None]
    prof = np.clip((dur_rec[None] - x_all) / rec1[None], 0.0, 1.0) * (x_all >= 0)
    loss_all = d.severity[None] * prof
    return loss_all, np.asarray(loss_all.any(axis=2))


def _term_table(groups: list[I64]) -> I64:
    """[kmax, groups]: the i-th term of each group (padded by its first term)."""
    kmax = max((j.size for j in groups), default=0)
    return (
        np.array(
            [np.concatenate([j, np.full(kmax - j.size, j[0])]) for j in groups], dtype=np.int64
        )
        .reshape(len(groups), kmax)
        .T
    )


def allocate(prep: Prepared, d: Draws) -> tuple[ChunkLayout, ChunkState]:
    """Layout and initial state of one chunk."""
    n, T = d.runs, prep.n_weeks
    C, M, P = len(prep.classes), len(prep.markets), len(prep.producers)
    S, A, J = len(prep.shock_start), len(prep.inputs), len(prep.term_input)
    loss_all, hasloss = _shock_losses(prep, d, T, n)
    prod_shocks = [s for s in range(S) if prep.prod_hit[s].any()]
    demand_shocks = [s for s in range(S) if prep.demand_hit[s].any()]
    inp_shocks = [
        s
        for s in range(S)
        if prep.country_hit[s].any()
        or prep.firm_hit[s].any()
        or prep.input_hit[s].any()
        or prep.export_mask[s].any()
    ]
    exp_shocks = [s for s in range(S) if prep.export_mask[s].any()]
    zoned = prep.has_export or any(prep.zone_operator)
    Rin = len(prep.zone_operator) if zoned else 1
    Re = prep.export_mask.shape[3] if prep.has_export else 1
    zone_ex = prep.zone_export if zoned and Re > 1 else np.zeros(Rin, dtype=np.int64)
    mat_idx = np.flatnonzero(prep.input_is_material)
    buf = d.material_buffer[:, mat_idx, None]
    term_mat = prep.input_is_material[prep.term_input] if J else np.zeros(0, dtype=bool)
    tool_terms = np.flatnonzero(~term_mat)
    mat_terms = np.flatnonzero(term_mat)
    mat_pos = np.searchsorted(mat_idx, prep.term_input[mat_terms])
    crit = (prep.term_crit[:, None] * _binds(prep, Rin))[None]
    whole = prep.term_market < 0
    by_class = [
        (c, np.flatnonzero((prep.term_class == c) & prep.term_active & whole)) for c in range(C)
    ]
    by_class = [(c, j) for c, j in by_class if j.size]
    cls_of = np.array([c for c, _ in by_class], dtype=np.int64)
    cls_terms = _term_table([j for _, j in by_class])
    by_mc = [
        ((m, c), np.flatnonzero(
            (prep.term_class == c) & (prep.term_market == m) & prep.term_active
        ))
        for m in range(M)
        for c in range(C)
    ]  # fmt: skip
    by_mc = [(mc, j) for mc, j in by_mc if j.size]
    mkt_of = np.array([mc for mc, _ in by_mc], dtype=np.int64).reshape(len(by_mc), 2)
    mkt_terms = _term_table([j for _, j in by_mc])
    if P and (np.any(np.diff(prep.prod_group) < 0) or np.any(np.diff(prep.prod_class) < 0)):
        raise AssertionError("producers must be ordered by class and operator group")
    group_starts = (
        np.flatnonzero(np.r_[True, np.diff(prep.prod_group) != 0])
        if P
        else np.zeros(0, dtype=np.int64)
    )
    class_starts = (
        np.flatnonzero(np.r_[True, np.diff(prep.prod_class) != 0])
        if P
        else np.zeros(0, dtype=np.int64)
    )
    lead = prep.leading_edge[prep.prod_class]  # [P]
    delay_cross = np.where(lead[None, :], d.qual_lead[:, None], d.qual_cross[:, None])
    H = C + 2 * M
    lay = ChunkLayout(
        prep=prep,
        n=n,
        T=T,
        C=C,
        M=M,
        S=S,
        P=P,
        A=A,
        J=J,
        H=H,
        t0=prep.first_shock_week,
        tol=prep.tolerance,
        window=prep.window,
        weighted=bool(np.any(prep.priority != 1.0)),
        split_weight=np.concatenate([prep.priority.astype(np.float64), np.ones(M)]),
        kappa=prep.complementarity,
        loss_all=loss_all,
        hasloss=hasloss,
        prod_shocks=prod_shocks,
        demand_shocks=demand_shocks,
        inp_shocks=inp_shocks,
        exp_shocks=exp_shocks,
        Rin=Rin,
        prod_rin=prep.prod_zone if Rin > 1 else np.zeros(P, dtype=np.int64),
        Re=Re,
        zone_ex=zone_ex.astype(np.int64),
        same_zones=bool(Re == Rin and np.array_equal(zone_ex, np.arange(Rin))),
        group_starts=group_starts.astype(np.int64),
        class_starts=class_starts.astype(np.int64),
        class_present=prep.prod_class[class_starts].astype(np.int64),
        delay_same=np.repeat(d.qual_same[:, None], P, axis=1),
        delay_cross=np.asarray(delay_cross, dtype=np.float64),
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
        crit=crit,
        crit_tool=crit * ~term_mat[None, :, None],
        crit_use=crit * term_mat[None, :, None],
        cls_terms=cls_terms,
        cls_of=cls_of,
        all_cls=bool(np.array_equal(cls_of, np.arange(C))),
        mkt_terms=mkt_terms,
        mkt_of=mkt_of,
        subs=[(j, s) for j, s in enumerate(prep.term_subs) if s and prep.term_active[j]],
        inv_weeks=np.repeat(d.inventory_weeks[:, :, None], C, axis=2),
        inv_start=np.repeat(d.inventory_start[:, :, None], C, axis=2),
        restock_rate=(1.0 / np.maximum(d.restock_weeks, 1.0))[:, None, None],
        bank_weeks=d.bank_weeks[:, None],
        cancel=d.cancel[:, None, None],
        order_sensitivity=d.order_sensitivity[:, None],
        order_cap=d.order_cap[:, None],
        offsets=(np.arange(H) * (NBINS + 1))[None, :],
        scale=np.concatenate([np.full(C, NBINS / SUPPLY_RANGE), np.full(2 * M, float(NBINS))]),
    )
    z = np.zeros((n, M + 1))
    st = ChunkState(
        stock=np.repeat(buf, Re, axis=2),
        cum=np.zeros((n, tool_terms.size, Re)),
        ero=np.zeros((n, tool_terms.size, Re)),
        inv=np.zeros((n, M, P)),
        tau=np.zeros((n, P)),
        backlog=np.zeros((n, M, P)),
        bank=np.zeros((n, P)),
        lead=np.full((n, M, C + 1), prep.lead_time_weeks),
        drawdown=z.copy(),
        cover_min=np.full_like(z, np.inf),
        cum_weeks=z.copy(),
        peak=z.copy(),
        out_weeks=z.copy(),
        out_peak=z.copy(),
        loss=z.copy(),
        chips_usd=z.copy(),
        lead_peak=np.full((n, M + 1), prep.lead_time_weeks),
        prod_lost=np.zeros((n, P)),
        started=np.zeros((n, M + 1), dtype=bool),
        done=np.zeros((n, M + 1), dtype=bool),
        streak=z.copy(),
        cand=z.copy(),
        rec_week=z.copy(),
        ratio=z.copy(),
        lost=z.copy(),
        idx=np.empty((n, H), dtype=np.int64),
        counts=np.empty((T, H, NBINS + 1), dtype=np.int64),
        week_row=np.empty(T, dtype=np.int64),
        settled=np.zeros(n, dtype=bool),
        sold=np.zeros((n, P)),
        util=np.zeros((n, 4, P)),
        last_util=np.zeros((n, 2, P)),
    )
    return lay, st
