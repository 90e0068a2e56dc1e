"""The engine's exact fast paths (results stay bit-identical to the plain week-by-week loop).

*Settled runs.* A run is settled once a week without shock loss leaves its state (stocks,
tools, inventories) bit-for-bit unchanged with no shortfall; until the year ends or a shock hits
it again, its weeks repeat that week (same band row, zero KPI increments, the recovery streak
advances), so each week computes only the unsettled runs (`active_rows`, gathered by `pick`).

*Sparse histograms.* A week in which every run is settled reuses the previous week's histogram
row; a week with few active runs updates the previous row by their old and new bins
(`update_histogram`); recovery steps of all-settled weeks are deferred (`advance`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chipshock.sim.engine_state import F64, NBINS, ChunkLayout, ChunkState

__all__ = ["active_rows", "advance", "calm_runs", "pick", "recovery_step", "update_histogram"]

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


def active_rows(settled: B) -> I64:
    """Indices of the runs to compute: the unsettled ones, padded (with the last run and/or a
    repeat of the first) so that the count has the parity of the chunk size and an odd chunk's
    last run stays last. OpenBLAS treats the last row of an odd-sized product differently, so
    this keeps every run's arithmetic exactly what it is when the whole chunk is computed."""
    n = settled.size
    rows = np.flatnonzero(~settled)
    if n % 2 and rows[-1] != n - 1:
        rows = np.append(rows, n - 1)
    if rows.size % 2 != n % 2:
        rows = np.insert(rows, 0, rows[0])
    return rows


def pick(a: F64, rows: I64 | None) -> F64:
    """``a`` itself if ``rows`` is None (all runs), else a copy of those rows."""
    return a if rows is None else a.take(rows, axis=0)  # take: faster than a[rows]


def advance(st: ChunkState, k: float, window: int) -> None:
    """``k`` recovery steps in which no run is bad: streaks advance by ``k``; a run whose streak
    reaches ``window`` recovers at its candidate week (unchanged by those steps)."""
    st.streak += k
    newly = st.started & ~st.done & (st.streak >= window)
    if newly.any():
        st.rec_week[newly] = st.cand[newly]
        st.done |= newly


def recovery_step(st: ChunkState, t: int, tol: float, window: int) -> None:
    """One week's recovery bookkeeping (after any deferred steps): a run is bad if
    lost >= tolerance; recovery is the first week after the last bad week that is followed by
    ``window`` weeks below it (first episode after the first shock start)."""
    if st.pending:
        advance(st, st.pending, window)
        st.pending = 0.0
    bad = st.lost >= tol
    st.started |= bad
    st.streak += 1.0
    st.streak[bad] = 0.0
    st.cand[bad] = float(t + 1)
    newly = st.started & ~st.done & (st.streak >= window)
    if newly.any():
        st.rec_week[newly] = st.cand[newly]
        st.done |= newly


def calm_runs(
    noloss: B,
    short: F64,
    chk: I64,
    before: tuple[F64, ...],
    after: tuple[F64, ...],
) -> B:
    """Which active runs settle this week: no shock loss, no shortfall, and a state (``after``)
    bit-for-bit equal to the one before the step (``before``: the rows ``chk`` of the active
    runs, those without shock loss)."""
    calm = noloss & ~short.any(axis=1)
    maybe = np.flatnonzero(calm)
    if maybe.size:
        pos = np.searchsorted(chk, maybe)  # maybe is a subset of chk (both sorted)
        same = np.ones(maybe.size, dtype=bool)
        for a, b in zip(before, after, strict=True):
            same &= (
                (a.take(pos, axis=0) == b.take(maybe, axis=0)).reshape(maybe.size, -1).all(axis=1)
            )
        calm[maybe] = same
    return calm


def update_histogram(lay: ChunkLayout, st: ChunkState, old_bins: I64 | None, ru: I64) -> None:
    """Write histogram row K from ``st.idx``: if ``old_bins`` is given (few active runs ``ru``),
    as the previous row minus their old bins plus their new ones (exact integer counts), else by
    counting every run's bins."""
    K = st.K
    if old_bins is not None:
        h = st.counts[K].reshape(-1)
        np.copyto(st.counts[K], st.counts[K - 1])
        np.subtract.at(h, old_bins, 1)
        np.add.at(h, st.idx[ru].ravel(), 1)
    else:
        hist = np.bincount(st.idx.ravel(), minlength=lay.H * (NBINS + 1))
        st.counts[K] = hist.reshape(lay.H, NBINS + 1)
