"""Reference implementation: one run at a time, one week at a time, plain Python floats.

It implements the equations stated in `chipshock.sim.engine` (supply, orders with backlog,
double ordering and restocking, the network allocation with producers' wafer/die banks and
qualification delays, inventories, cancellations, KPIs) from the same `Prepared` arrays and `Draws`,
without any vectorisation and without the engine's layout, indicator matrices or fast paths,
so that it can serve as the oracle for the engine (tests compare them to ~1e-9, bands
included: ``series`` holds every run's weekly band values). It is slow on purpose: clarity
over speed.
"""

from __future__ import annotations

from dataclasses import dataclass

from chipshock.sim.prepare import F64, WEEKS_PER_YEAR, Draws, Prepared
from chipshock.sim.units import COVER_LINK_SHARE, RESTOCK_LOT, ROUNDOFF

__all__ = ["ReferenceResult", "reference_run"]


@dataclass(frozen=True)
class ReferenceResult:
    """Per-run KPI lists, each ``[runs][M + 1]`` (same units as the engine's arrays)."""

    cum_weeks: list[list[float]]
    peak: list[list[float]]
    out_weeks: list[list[float]]
    out_peak: list[list[float]]
    loss_usd: list[list[float]]
    recover_weeks: list[list[float]]
    chips_usd: list[list[float]]
    lead_peak: list[list[float]]
    series: list[list[list[float]]]  # [runs][T][C + 2M]: supply/demand, delivered, output
    chip_output_lost: list[list[float]]  # [runs][P] net chip sales lost per producer, USD
    drawdown_peak: list[list[float]]  # [runs][M + 1] peak share of inventory cover missing
    backlog_end_weeks: list[list[float]]  # [runs][M + 1] backlog at the end, weeks of demand
    # per run and week: delivered, cancelled, backlog [runs][T][M][C] (conservation checks)
    delivered: list[list[list[list[float]]]]
    cancelled: list[list[list[list[float]]]]
    backlog: list[list[list[list[float]]]]
    inventory: list[list[list[list[float]]]]  # [runs][T][M][C] markets' stocks, end of week
    bank: list[list[list[float]]]  # [runs][T][P] producers' wafer/die banks, end of week
    # [runs][2][P] mean utilisation per producer (chips sold / capacity of the year) over the
    # horizon and over the run's shock weeks (NaN where the producer had no capacity then)
    utilisation: list[list[list[float]]]
    # [runs][M + 1] fewest weeks of cover left on a market's driest sourcing link (stock /
    # that week's link demand, over the weeks and the links); all: the lowest market's
    cover_min_weeks: list[list[float]]


def _clip(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


def _waterfill(supply: float, need: list[float], w: list[float]) -> list[float]:
    """need_m * min(1, lam * w_m), lam so that the total is min(supply, sum need)."""
    M = len(need)
    sat = [False] * M
    lam = 0.0
    for _ in range(M):
        sat_need = sum(need[m] for m in range(M) if sat[m])
        wn = sum(need[m] * w[m] for m in range(M) if not sat[m])
        lam = (supply - sat_need) / wn if wn > 0 else float("inf")
        new = [sat[m] or lam * w[m] >= 1.0 for m in range(M)]
        if new == sat:
            break
        sat = new
    return [need[m] if sat[m] else need[m] * min(1.0, max(lam, 0.0) * w[m]) for m in range(M)]


def _availability(lost: list[float], hit: F64) -> list[float]:
    """a[i] = prod_s (1 - (1 - a_s) hit[s, i]) over the shocks s that hit i."""
    a = [1.0] * hit.shape[1]
    for s in range(hit.shape[0]):
        for i in range(hit.shape[1]):
            if hit[s, i]:
                a[i] *= 1.0 - lost[s] * float(hit[s, i])
    return a


def reference_run(prep: Prepared, d: Draws) -> ReferenceResult:
    """Simulate every run of ``d`` with plain loops (see `chipshock.sim.engine`)."""
    C, M = len(prep.classes), len(prep.markets)
    R = prep.export_mask.shape[3]  # input states: one per export zone (`prod_export`)
    S, A, J = len(prep.shock_start), len(prep.inputs), len(prep.term_input)
    K, G, P = len(prep.countries), len(prep.firms), len(prep.producers)
    pc = [int(v) for v in prep.prod_class]
    pg = [int(v) for v in prep.prod_group]
    T, t0 = prep.n_weeks, prep.first_shock_week
    usd = [float(v) for v in prep.usd_per_wafer]
    # two claimants per market in every water-fill: the orders needed now at the market's
    # priority, the rest (double orders, restocking) at 1
    weights = [float(v) for v in prep.priority] + [1.0] * M
    any_input_shock = any(
        prep.country_hit[s].any()
        or prep.firm_hit[s].any()
        or prep.input_hit[s].any()
        or prep.export_mask[s].any()
        for s in range(S)
    )
    kappa = float(prep.complementarity)
    res = ReferenceResult(
        [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []
    )
    for k in range(d.runs):
        stock = [[float(d.material_buffer[k, a])] * R for a in range(A)]
        cum = [[0.0] * R for _ in range(J)]
        ero = [[0.0] * R for _ in range(J)]
        inv = [[0.0] * P for _ in range(M)]  # per sourcing link (market, producer)
        tau = [0.0] * P
        backlog = [[0.0] * P for _ in range(M)]
        bank = [0.0] * P
        D_last: list[list[float]] = [[0.0] * C for _ in range(M)]  # last year's demand
        base_last = [0.0] * P  # last year's normal orders per producer
        # last week's lead time per market and class (each drives its class's double orders)
        lead_prev = [[float(prep.lead_time_weeks)] * C for _ in range(M)]
        ddp = [0.0] * (M + 1)
        wmin = [float("inf")] * (M + 1)
        run_delivered: list[list[list[float]]] = []
        run_cancelled: list[list[list[float]]] = []
        run_backlog: list[list[list[float]]] = []
        run_inventory: list[list[list[float]]] = []
        run_bank: list[list[float]] = []
        cancel = float(d.cancel[k])
        lostp = [0.0] * P
        util_sum = [[0.0] * P, [0.0] * P]  # horizon, shock weeks
        util_weeks = [[0.0] * P, [0.0] * P]
        nd = [0.0] * (M + 1)
        lpk = [float(prep.lead_time_weeks)] * (M + 1)
        weeks: list[list[float]] = []
        cw = [0.0] * (M + 1)
        pk = [0.0] * (M + 1)
        ow = [0.0] * (M + 1)
        opk = [0.0] * (M + 1)
        ls = [0.0] * (M + 1)
        started = [False] * (M + 1)
        done = [False] * (M + 1)
        streak = [0.0] * (M + 1)
        cand = [0.0] * (M + 1)
        recw = [0.0] * (M + 1)
        for t in range(T):
            y = t // WEEKS_PER_YEAR
            D = [[float(prep.demand[m, c, y]) for c in range(C)] for m in range(M)]
            # producers' normal weekly orders this year (their wafer/die banks hold h weeks)
            base0 = [
                sum(D[m][pc[p]] * float(prep.share[m, p, y]) for m in range(M)) for p in range(P)
            ]
            if t == 0:
                inv = [  # the stocks the buyers start with (their cover may be another regime's)
                    [
                        float(d.inventory_start[k, m]) * (D[m][pc[p]] * float(prep.share[m, p, y]))
                        for p in range(P)
                    ]
                    for m in range(M)
                ]
                bank = [float(d.bank_weeks[k]) * base0[p] for p in range(P)]
            elif t % WEEKS_PER_YEAR == 0:
                # each link keeps its stock (grown with demand) and backlog as far as its share
                # of the class stays; what a shrinking share frees goes to the growing links
                for m in range(M):
                    for c in range(C):
                        links = [p for p in range(P) if pc[p] == c]
                        now = [float(prep.share[m, p, y]) for p in links]
                        before = [float(prep.share[m, p, y - 1]) for p in links]
                        f1 = [x / sum(now) if sum(now) > 0 else 0.0 for x in now]
                        f0 = [x / sum(before) if sum(before) > 0 else 0.0 for x in before]
                        keep = [
                            min(a, b) / b if b > 0 else 0.0 for a, b in zip(f1, f0, strict=True)
                        ]
                        rise = [max(a - b, 0.0) for a, b in zip(f1, f0, strict=True)]
                        freed_inv = sum(
                            inv[m][p] * (1 - k) for p, k in zip(links, keep, strict=True)
                        )
                        freed_back = sum(
                            backlog[m][p] * (1 - k) for p, k in zip(links, keep, strict=True)
                        )
                        grow = D[m][c] / D_last[m][c] if D_last[m][c] > 0 else 1.0
                        for i, p in enumerate(links):
                            share_in = rise[i] / sum(rise) if sum(rise) > 0 else 0.0
                            inv[m][p] = (inv[m][p] * keep[i] + freed_inv * share_in) * grow
                            backlog[m][p] = backlog[m][p] * keep[i] + freed_back * share_in
                for p in range(P):
                    if base_last[p] > 0:
                        bank[p] *= base0[p] / base_last[p]
            D_last, base_last = D, base0
            # 1. shock losses (1 - availability)
            lost = []
            for s in range(S):
                x = t - float(prep.shock_start[s])
                dur, rec, sev = (
                    float(d.duration[k, s]),
                    float(d.recovery[k, s]),
                    float(d.severity[k, s]),
                )
                prof = _clip((dur + rec - x) / (rec + 1.0), 0.0, 1.0) if x >= 0 else 0.0
                lost.append(sev * prof)
            # 2. demand this week: D_t = D max(0, 1 + sum_s (1 - a_s) dir_s)
            Dt = [[D[m][c] for c in range(C)] for m in range(M)]
            for m in range(M):
                for c in range(C):
                    mult = 1.0
                    for s in range(S):
                        mult += lost[s] * float(prep.demand_hit[s, m, c])
                    Dt[m][c] = D[m][c] * max(0.0, mult)
            # 3. input supply per (input, region)
            g = [[1.0] * C for _ in range(R)]  # the tools' capacity cap
            # the materials' use cap: the share of normal use a class can make while one is short
            h = [[1.0] * C for _ in range(R)]
            # market caps: what market m can take of class c's wafers (market-scoped terms)
            gm = [[[1.0] * C for _ in range(M)] for _ in range(R)]
            # terms that exempt some operators' fabs: (zone, class) and (zone, market, class)
            # -> [(exempt operators, cap)], applied to every other producer
            g_ex: dict[tuple[int, int], list[tuple[frozenset[str], float]]] = {}
            h_ex: dict[tuple[int, int], list[tuple[frozenset[str], float]]] = {}
            gm_ex: dict[tuple[int, int, int], list[tuple[frozenset[str], float]]] = {}
            # producers' availability from the fab, country and firm shocks
            avail = _availability(lost, prep.prod_hit)
            # the share of each class's normal use still running: a material's pool is shared
            # among them, r_c = sum_{p in c} base0 a / sum_{p in c} base0 (1 without normal use)
            run_c = [0.0] * C
            den_c = [0.0] * C
            for p in range(P):
                den_c[pc[p]] += base0[p]
                run_c[pc[p]] += avail[p] * base0[p]
            run_c = [run_c[c] / den_c[c] if den_c[c] > 0.0 else 1.0 for c in range(C)]
            if A and any_input_shock:
                ac = _availability(lost, prep.country_hit)
                ag = _availability(lost, prep.firm_hit)
                sup = [[0.0] * R for _ in range(A)]
                for a in range(A):
                    for r in range(R):
                        lost_share = 0.0
                        for c in range(K):
                            flow = 1.0
                            for s in range(S):
                                if prep.export_mask[s, a, c, r]:
                                    flow *= 1.0 - lost[s]
                            lost_share += float(prep.country_w[a, c]) * (1.0 - ac[c] * flow)
                        v = 1.0 - lost_share
                        for f in range(G):
                            v *= 1.0 - float(prep.firm_w[a, f]) * (1.0 - ag[f])
                        for s in range(S):
                            if prep.input_hit[s, a]:
                                v *= 1.0 - lost[s]
                        sup[a][r] = _clip(v, 0.0, 1.0)
                # 4. materials
                use = [[1.0] * R for _ in range(A)]
                for a in range(A):
                    if prep.input_is_material[a]:
                        for r in range(R):
                            s_eff = sup[a][r] * (1.0 + float(d.surge[k]))
                            u = min(1.0, stock[a][r] + s_eff)
                            stock[a][r] = _clip(
                                stock[a][r] + s_eff - u, 0.0, float(d.material_buffer[k, a])
                            )
                            use[a][r] = u
                # 5. tools
                fac = [[1.0] * R for _ in range(J)]
                for j in range(J):
                    a = int(prep.term_input[j])
                    for r in range(R):
                        if prep.input_is_material[a]:
                            fac[j][r] = use[a][r]
                        else:
                            sj = sup[a][r]
                            cum[j][r] += 1.0 - sj
                            over = 1.0 if cum[j][r] > float(d.service_buffer[k, j]) else 0.0
                            # tools without service fail, up to the share cut off; tools
                            # back in service are restored, down to that share
                            gap = (1.0 - sj) - ero[j][r]
                            if gap > 0.0:
                                e = ero[j][r] + min(
                                    float(prep.term_lambda[j]) * (1.0 - sj) * over, gap
                                )
                            else:
                                e = ero[j][r] - min(float(d.tool_recovery[k]) * sj, -gap)
                            ero[j][r] = _clip(e, 0.0, 1.0)
                            fac[j][r] = 1.0 - ero[j][r]
                # 6. substitutes and class caps: a tool caps capacity (g), a material the
                # share of normal use (h)
                for j in range(J):
                    if not prep.term_active[j]:
                        continue
                    c = int(prep.term_class[j])
                    mj = int(prep.term_market[j])  # -1: the whole class
                    for r in range(R):
                        fj = fac[j][r]
                        for si in prep.term_subs[j]:
                            fj = max(fj, fac[si][r] if si >= 0 else sup[-1 - si][r])
                        material = bool(prep.input_is_material[int(prep.term_input[j])])
                        if material and mj < 0:  # f' = min(1, f / r_c): the class's pool
                            # is shared among its fabs still running (not a market's cap)
                            fj = min(1.0, fj / run_c[c]) if run_c[c] > 0.0 else 1.0
                        cap_j = 1.0 - float(prep.term_crit[j]) * (1.0 - fj)
                        ex = prep.term_exempt[j]
                        if ex and mj < 0:
                            (h_ex if material else g_ex).setdefault((r, c), []).append((ex, cap_j))
                        elif ex:
                            gm_ex.setdefault((r, mj, c), []).append((ex, cap_j))
                        elif mj < 0 and material:
                            h[r][c] = min(h[r][c], cap_j)
                        elif mj < 0:
                            g[r][c] = min(g[r][c], cap_j)
                        else:
                            gm[r][mj][c] = min(gm[r][mj][c], cap_j)
            # 7. producers' capacity this week
            Kp = [0.0] * P
            for p in range(P):
                up = avail[p]
                zp, cp, opp = (
                    int(prep.prod_export[p]),
                    int(prep.prod_class[p]),
                    prep.prod_operator[p],
                )
                bound = [cap for ex, cap in g_ex.get((zp, cp), []) if opp not in ex]
                up *= min([g[zp][cp], *bound])
                Kp[p] = float(prep.prod_cap[p, y]) * up
                # a short material bounds output at h of normal use (base0), not of capacity
                hp = min([h[zp][cp], *(v for ex, v in h_ex.get((zp, cp), []) if opp not in ex)])
                if hp < 1.0:
                    Kp[p] = min(Kp[p], hp * base0[p])
            # 8. orders: this week's demand plus the backlog, less excess stock, times the double
            # ordering multiplier of last week's lead time, plus the restocking orders for a
            # stock below its cover; each producer serves its own customers first, by priority
            L0 = float(prep.lead_time_weeks)
            phi = [[1.0] * C for _ in range(M)]  # per market and class
            for m in range(M):
                for c in range(C):
                    rel = lead_prev[m][c] / L0 - 1.0
                    rel = rel if rel > ROUNDOFF else 0.0  # within round-off of normal
                    phi[m][c] = 1.0 + min(
                        float(d.order_cap[k]), float(d.order_sensitivity[k]) * rel
                    )
            # per link: the market's demand on producer p, its stock of p's chips and its cover
            dl = [[Dt[m][pc[p]] * float(prep.share[m, p, y]) for p in range(P)] for m in range(M)]
            wanted = [[dl[m][p] + backlog[m][p] for p in range(P)] for m in range(M)]
            cover_w = [float(d.inventory_weeks[k, m]) for m in range(M)]
            rate = 1.0 / max(float(d.restock_weeks[k]), 1.0)
            need = [[0.0] * P for _ in range(M)]
            needed_now = [[0.0] * P for _ in range(M)]  # the part of the orders needed now
            for m in range(M):
                for p in range(P):
                    cover = cover_w[m] * dl[m][p]
                    excess = max(inv[m][p] - cover, 0.0)
                    needed_now[m][p] = max(wanted[m][p] - excess, 0.0)
                    need[m][p] = phi[m][pc[p]] * needed_now[m][p]
                    gap = max(cover - inv[m][p], 0.0)
                    if gap > ROUNDOFF * cover:  # beyond round-off: restocking orders
                        # a share of the gap each week; its last lot (<= RESTOCK_LOT cover) whole
                        need[m][p] += gap if gap <= RESTOCK_LOT * cover else gap * rate
            U = [[0.0] * P for _ in range(M)]
            U_now = [[0.0] * P for _ in range(M)]  # unserved, of the orders needed now
            U_rest = [[0.0] * P for _ in range(M)]  # unserved, of the rest
            spare = [0.0] * P
            sold_p = [0.0] * P  # chips sold: own customers (output and bank), then taken over
            # a market cap q < 1 lets a link take at most q times its normal flow (this
            # year's demand without demand shocks, times the share); the rest is blocked:
            # unmet, never offered to other producers (they face the same bottleneck)
            blocked = [[0.0] * P for _ in range(M)]
            for p in range(P):
                col = []
                for m in range(M):
                    zp, opp = int(prep.prod_export[p]), prep.prod_operator[p]
                    bound = [cap for ex, cap in gm_ex.get((zp, m, pc[p]), []) if opp not in ex]
                    q = min([gm[zp][m][pc[p]], *bound])
                    normal_flow = D[m][pc[p]] * float(prep.share[m, p, y])
                    takes = min(need[m][p], q * normal_flow) if q < 1.0 else need[m][p]
                    blocked[m][p] = need[m][p] - takes
                    col.append(takes)
                # the block falls on the double orders and restocking first
                first = [min(needed_now[m][p], col[m]) for m in range(M)]
                claims = first + [col[m] - first[m] for m in range(M)]
                got = _waterfill(Kp[p] + bank[p], claims, weights)  # output and the bank
                for m in range(M):
                    U_now[m][p] = max(claims[m] - got[m], 0.0)
                    U_rest[m][p] = max(claims[M + m] - got[M + m], 0.0)
                    U[m][p] = U_now[m][p] + U_rest[m][p]
                sold = sum(got)
                sold_p[p] = sold
                # differences within round-off (ROUNDOFF x capacity) are neither a draw
                # on the bank nor spare capacity
                excess = sold - Kp[p]
                if excess > ROUNDOFF * Kp[p]:
                    bank[p] = max(bank[p] - excess, 0.0)
                spare[p] = -excess if -excess > ROUNDOFF * Kp[p] else 0.0
            # qualification clocks, then tier 1 (same operator group) and tier 2 (same class)
            unserved = [sum(U[m][p] for m in range(M)) for p in range(P)]
            spare_before = spare[:]
            any_short = False
            for p in range(P):
                total = sum(need[m][p] for m in range(M))
                short_here = unserved[p] > ROUNDOFF * total
                any_short = any_short or short_here
                # the clock also runs while p makes less than its normal orders (base0)
                hit = short_here or Kp[p] < base0[p] * (1.0 - ROUNDOFF)
                tau[p] = tau[p] + 1.0 if hit else 0.0
            for group_of, delay in (
                (pg, [float(d.qual_same[k])] * P),
                (
                    pc,
                    [
                        float(d.qual_lead[k] if prep.leading_edge[pc[p]] else d.qual_cross[k])
                        for p in range(P)
                    ],
                ),
            ):
                members: dict[int, list[int]] = {}
                for p in range(P):
                    members.setdefault(group_of[p], []).append(p)
                for grp in members.values():
                    ready = [p for p in grp if tau[p] >= delay[p]]
                    Z = [sum(U_now[m][p] for p in ready) for m in range(M)]
                    Z += [sum(U_rest[m][p] for p in ready) for m in range(M)]
                    if sum(Z) <= 0:
                        continue
                    Sg = sum(spare[p] for p in grp)
                    moved = _waterfill(Sg, Z, weights)
                    for m in range(M):
                        f_now = moved[m] / Z[m] if Z[m] > 0 else 0.0
                        f_rest = moved[M + m] / Z[M + m] if Z[M + m] > 0 else 0.0
                        for p in ready:
                            U_now[m][p] = max(U_now[m][p] - U_now[m][p] * f_now, 0.0)
                            U_rest[m][p] = max(U_rest[m][p] - U_rest[m][p] * f_rest, 0.0)
                            U[m][p] = U_now[m][p] + U_rest[m][p]
                    used = sum(moved) / Sg if Sg > 0 else 0.0
                    for p in grp:
                        spare[p] = max(spare[p] - spare[p] * used, 0.0)
            for m in range(M):
                for p in range(P):
                    U[m][p] += blocked[m][p]  # after the tiers: blocked orders stay unmet
            for p in range(P):
                gained = spare_before[p] - spare[p]
                normal = sum(Dt[m][pc[p]] * float(prep.share[m, p, y]) for m in range(M))
                ordered = sum(need[m][p] for m in range(M))
                net = normal - ordered  # within round-off of the normal orders: no net
                net = net if abs(net) > ROUNDOFF * normal else 0.0
                not_sold = unserved[p] + sum(blocked[m][p] for m in range(M))
                lostp[p] += (net + not_sold - gained) * usd[pc[p]] * 1000.0
                # utilisation: chips sold / capacity of the year, horizon and shock weeks
                cap_p = float(prep.prod_cap[p, y])
                if cap_p > 0:
                    for i in (0, 1) if any(v != 0.0 for v in lost) else (0,):
                        util_sum[i][p] += (sold_p[p] + gained) / cap_p
                        util_weeks[i][p] += 1.0
                # the bank is rebuilt from the spare left
                target = float(d.bank_weeks[k]) * base0[p]
                gap = max(target - bank[p], 0.0)
                if gap <= spare[p]:  # refilled to the target
                    bank[p] = max(bank[p], target)
                    spare[p] -= gap
                else:  # all the spare goes into the bank
                    bank[p] += spare[p]
                    spare[p] = 0.0
            # 9. receipts (demand first, the rest restocks), inventories, shortfall, lead time
            short = [[0.0] * C for _ in range(M)]
            xcan = [[0.0] * C for _ in range(M)]
            dlv = [[0.0] * C for _ in range(M)]
            outstanding = [[0.0] * C for _ in range(M)]
            for m in range(M):
                for p in range(P):  # each link: its receipts (own producer or taken over)
                    c = pc[p]
                    received = max(need[m][p] - U[m][p], 0.0)
                    delivered = min(wanted[m][p], received + inv[m][p])
                    dlv[m][c] += delivered
                    inv[m][p] = max(inv[m][p] + (received - wanted[m][p]), 0.0)
                    unmet = max(wanted[m][p] - delivered, 0.0)
                    xcan[m][c] += cancel * unmet
                    backlog[m][p] = unmet - cancel * unmet
                    outstanding[m][c] += unmet + max(cover_w[m] * dl[m][p] - inv[m][p], 0.0)
                for c in range(C):
                    shares = sum(float(prep.share[m, p, y]) for p in range(P) if pc[p] == c)
                    if shares <= 0.5:  # no producer makes the class for m: lost at once
                        xcan[m][c] += Dt[m][c]
                        outstanding[m][c] += Dt[m][c]
                    gap = Dt[m][c] - dlv[m][c]
                    short[m][c] = gap if gap > ROUNDOFF * Dt[m][c] else 0.0
            # the class's stock and backlog (summed over its links) for the KPIs and series
            inv_c = [
                [sum(inv[m][p] for p in range(P) if pc[p] == c) for c in range(C)] for m in range(M)
            ]
            back_c = [
                [sum(backlog[m][p] for p in range(P) if pc[p] == c) for c in range(C)]
                for m in range(M)
            ]
            # 9. KPIs
            sv = [sum(short[m][c] * usd[c] for c in range(C)) for m in range(M)]
            dv = [sum(Dt[m][c] * usd[c] for c in range(C)) for m in range(M)]
            # lead time per class: phi (L0 + outstanding / demand); the market's: the mean of
            # its classes' weighted by chip value demanded; all: markets' by the same weights
            lead_c = [
                [
                    phi[m][c] * (L0 + (outstanding[m][c] / Dt[m][c] if Dt[m][c] > 0 else 0.0))
                    for c in range(C)
                ]
                for m in range(M)
            ]
            lead = [
                sum(Dt[m][c] * usd[c] * lead_c[m][c] for c in range(C)) / dv[m] if dv[m] > 0 else L0
                for m in range(M)
            ]
            lead.append(
                sum(lead[m] * dv[m] for m in range(M)) / sum(dv)
                if sum(dv) > 0
                else float(prep.lead_time_weeks)
            )
            lead_prev = lead_c
            for i in range(M + 1):
                lpk[i] = max(lpk[i], lead[i])
            xv = [sum(xcan[m][c] * usd[c] for c in range(C)) for m in range(M)]
            for m in range(M):
                nd[m] += xv[m] * 1000.0
            nd[M] += sum(xv) * 1000.0
            run_delivered.append([row[:] for row in dlv])
            run_cancelled.append([row[:] for row in xcan])
            run_backlog.append(back_c)
            run_inventory.append(inv_c)
            run_bank.append(bank[:])
            gap_v = [
                sum(max(cover_w[m] * Dt[m][c] - inv_c[m][c], 0.0) * usd[c] for c in range(C))
                for m in range(M)
            ]
            cov_v = [sum(cover_w[m] * Dt[m][c] * usd[c] for c in range(C)) for m in range(M)]
            dd = [gap_v[m] / cov_v[m] if cov_v[m] > 0 else 0.0 for m in range(M)]
            dd.append(sum(gap_v) / sum(cov_v) if sum(cov_v) > 0 else 0.0)
            ddp = [max(ddp[i], dd[i]) for i in range(M + 1)]
            # weeks of cover left on the market's driest sourcing link (a link's stock serves
            # only its own orders)
            for m in range(M):
                for p in range(P):
                    if float(prep.share[m, p, y]) > COVER_LINK_SHARE and dl[m][p] > 0:
                        wmin[m] = min(wmin[m], inv[m][p] / dl[m][p])
                wmin[M] = min(wmin[M], wmin[m])
            ratio = [sv[m] / dv[m] if dv[m] > 0 else 0.0 for m in range(M)]
            ratio.append(sum(sv) / sum(dv) if sum(dv) > 0 else 0.0)
            for i in range(M + 1):
                cw[i] += ratio[i]
                pk[i] = max(pk[i], ratio[i])
            # output lost: Leontief on the cancelled orders (the backlog is output deferred)
            lost = []
            for m in range(M):
                worst = 0.0  # 1 - y[m] = max_c cancelled / D
                for c in range(C):
                    if Dt[m][c] > 0:
                        worst = max(worst, xcan[m][c] * (1.0 / Dt[m][c]))
                xr = xv[m] / dv[m] if dv[m] > 0 else 0.0
                lost.append(kappa * worst + (1.0 - kappa) * xr if kappa < 1.0 else worst)
            V = [float(prep.output_value_usd[m, y]) for m in range(M)]
            # valued at the output m meant to make: x intended / normal chip demand (1
            # without demand shocks, where D_t = D)
            intent = [1.0] * M
            for m in range(M):
                normal = sum(D[m][c] * float(prep.usd_per_wafer[c]) for c in range(C))
                if normal > 0 and any(Dt[m][c] != D[m][c] for c in range(C)):
                    intent[m] = dv[m] / normal
            lv = [lost[m] * intent[m] * V[m] for m in range(M)]
            lost.append(sum(lost[m] * V[m] for m in range(M)) / sum(V) if sum(V) > 0 else 0.0)
            for i in range(M):
                ow[i] += lost[i] * intent[i]
                opk[i] = max(opk[i], lost[i])
            ow[M] += sum(lv) / sum(V) if sum(V) > 0 else 0.0
            opk[M] = max(opk[M], lost[M])
            for m in range(M):
                ls[m] += lv[m]
            ls[M] += sum(lv)
            supply = []
            for c in range(C):
                sumD = sum(D[m][c] for m in range(M))
                kc = sum(Kp[p] for p in range(P) if pc[p] == c)
                supply.append(kc / sumD if sumD > 0 else 0.0)
            weeks.append(
                supply
                + [max(1.0 - ratio[m], 0.0) for m in range(M)]
                + [max(1.0 - lost[m], 0.0) for m in range(M)]
            )
            if t >= t0:
                for i in range(M + 1):
                    bad = lost[i] >= prep.tolerance
                    started[i] = started[i] or bad
                    streak[i] = 0.0 if bad else streak[i] + 1.0
                    if bad:
                        cand[i] = float(t + 1)
                    if started[i] and not done[i] and streak[i] >= prep.window:
                        recw[i] = cand[i]
                        done[i] = True
        # the backlog still open at the horizon end: not delivered within the horizon
        bv = [sum(backlog[m][p] * usd[pc[p]] for p in range(P)) for m in range(M)]
        dv_end = [sum(Dt[m][c] * usd[c] for c in range(C)) for m in range(M)]
        bend = [bv[m] / dv_end[m] if dv_end[m] > 0 else 0.0 for m in range(M)]
        bend.append(sum(bv) / sum(dv_end) if sum(dv_end) > 0 else 0.0)
        for m in range(M):
            nd[m] += bv[m] * 1000.0
        nd[M] += sum(bv) * 1000.0
        res.drawdown_peak.append(ddp)
        res.cover_min_weeks.append([w if w != float("inf") else 0.0 for w in wmin])
        res.backlog_end_weeks.append(bend)
        res.delivered.append(run_delivered)
        res.cancelled.append(run_cancelled)
        res.backlog.append(run_backlog)
        res.inventory.append(run_inventory)
        res.bank.append(run_bank)
        res.cum_weeks.append(cw)
        res.peak.append(pk)
        res.out_weeks.append(ow)
        res.out_peak.append(opk)
        res.loss_usd.append(ls)
        res.chips_usd.append(nd)
        res.lead_peak.append(lpk)
        res.series.append(weeks)
        res.chip_output_lost.append(lostp)
        res.utilisation.append(
            [
                [u / w if w > 0 else float("nan") for u, w in zip(us, ws, strict=True)]
                for us, ws in zip(util_sum, util_weeks, strict=True)
            ]
        )
        res.recover_weeks.append(
            [
                0.0 if not started[i] else (recw[i] - t0 if done[i] else float(T - t0))
                for i in range(M + 1)
            ]
        )
    return res
