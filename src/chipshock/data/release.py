"""The curated data release: a version and a date, bumped with every change to the data files.

`chipshock data info` shows them (from the store's ``meta`` table, so a store built from older
files says so); ``files/curated/CHANGELOG.md`` says what changed between releases, so a reader
can tell why a number moved.
"""

from __future__ import annotations

__all__ = ["DATA_RELEASE", "DATA_RELEASE_DATE"]

#: Version of the curated data (release 1: the first curated files; 2: fab registry v2;
#: 3: capacity for the remaining fabs, regional reconciliation, germanium, DRAM sourcing;
#: 4: Microchip, NXP, Samsung foundry, Korean and Japanese mature fabs, foundry-market shares;
#: 5: status closed, reconciliation over the whole horizon, capacity for the fabs still missing,
#: TSMC N2 ramp, IDM vs foundry splits for smartphones, PCs, industrial and consumer;
#: 6: status on_hold, the world DRAM path on the makers' wafer figures, China's mature fabs;
#: 7: on_hold renamed on-hold, the world NAND path on the makers' wafer figures, >45nm shares
#: from regions' sourced totals, Samsung's Korean foundry in 12-inch wafers, 17 more fabs,
#: the history case shortage-2020-21; 8: 41 more fabs, SEMI's world sub-10nm capacity for
#: 2025-26, the anchor rows of regional_capacity.csv named and checked for duplicates;
#: 9: 7 more fabs and capacity for 3 listed ones (SSMC, SilTerra, TSMC Fab 25), TSMC's 6- and
#: 8-inch exit, ST's 300mm ramps, the leading-edge porting delay as a sensitivity factor;
#: 10: Intel's <10nm capacity: Fab 34 (Ireland) and D1X Mod 3 (Oregon) get lt10 rows beside
#: their campuses' 10-22nm rows, Fab 52 at its reported ~40k when fully ramped;
#: 11: more fabs in the U.S., Japan, Europe and the rest of the world toward issue 8's 90%;
#: 12: one rule for what a capacity year means (a row holds from January of its year; a level
#: dated to the end of a year holds from the next), 8 more fabs;
#: 13: more fabs toward issue 8's 90% in the cells still below it;
#: 14: input requirements per end market (advanced packaging bound to AI and phones); the cells
#: still below issue 8's 90% again (CXMT's 2025 wafers, Hua Hong Fab 9's 40nm, three ADI fabs,
#: GF Dresden's 2020 level; the world class totals checked, none changed);
#: 15: the cells still below issue 8's 90% again (Micron Manassas gets its U.S. DRAM capacity,
#: taken from Micron Hiroshima's; the rare-earth and quartz rows cite their primary sources;
#: input requirements can exempt the fabs that make the input in-house: advanced packaging
#: exempts Samsung's and Intel's));
#: 16: sourcing feasibility (feas17): Renesas' automotive 28-45nm row is its own (Naka) wafers;
#: the cells still below issue 8's 90% again (data17: Micron Hiroshima's 2022 level and its
#: HBM ramp; the world 10-22nm and mature totals checked against SIA/BCG's full 2022 rows);
#: 17: the cells still below issue 8's 90% again (data18: TSMC Arizona phase 1 at TSMC's own
#: 20k, the neon and gallium shock rows cite Reuters and MOFCOM's suspension, Taiwan's <10nm
#: total checked against TSMC's node capacities);
#: 18: the cells still below issue 8's 90% again (cov19: the U.S. 2022 DRAM share follows Micron
#: Manassas, so no unnamed U.S. DRAM is held flat; onsemi Bucheon's SiC line and DB HiTek's
#: 2024 level and Sangwoo expansion in Korea's >45nm cell); review 9b's open data findings
#: (data19: the AI market rebuilt from its parts, 170 -> 207 bn; the cross-foundry
#: qualification low at the sources' six months; NXP's automotive >45nm row; the calibrated
#: shock rows dated by their pages; ROW lists MEX, MNG, RUS and UKR);
#: leading-edge remainders by operator (remop: remainder_operators.csv counts Taiwan's <10nm
#: "other fabs" as TSMC's and Korea's as Samsung's); utilisation per node class (util: six
#: model_assumptions.csv rows utilisation_<class> replace the single 0.85);
#: 19: one stock norm per material (the unread inventory_buffers.csv rows of neon, gallium,
#: germanium removed); assumption rows the reviews left thin (data20: utilisation_lt10
#: 0.92 -> 0.86 with Samsung's lighter-run quarter of the class; the AI market's 2025 step from
#: the makers' revenue; Taiwan's <10nm 2027 total checked, not changed); registry coverage
#: (cov20tw, cov20ck, cov20jpus: Mosel Vitelic, United Nova Shaoxing 12-inch, VIS and Macronix
#: restated, TI Sherman ramping); the alliance tracker's U.S. CHIPS Act context apart from the
#: visit, its fab links (tracker20); a market's demand by year (demand20:
#: market_demand_path.csv gives the AI market its sourced 2025, 2026 and 2030 levels; growth
#: after 2030 15 %/yr);
#: 20: mature-node cells checked against SEMI's 200mm capacity by region (mature21: SEMI's 2022
#: and 2023 regional shares of 200mm capacity as reference rows; no share or total changed);
#: IDM sourcing rows split into the makers' own-fab part and the part foundries make
#: (idm21: automotive and industrial >45nm; TSMC, UMC, VIS and GlobalFoundries get rows);
#: the leading edge's world totals (totals21: the <10nm and 10-22nm world rows checked
#: again, none changed; what-ifs for a 2025 10-22nm row and SEMI's <10nm less Intel 7);
#: normal utilisation by year (util21: utilisation_path.csv gives DRAM 0.97 in 2026 and
#: 2027 and >45nm 0.88 in 2026; every other class and year keeps utilisation_<class>).
#: 21: the fabs' Japanese names (dash22: fabs.csv name_ja, for the fabs in Japan and the
#: alliance fabs whose operators write one; blank: the English name); the world >45nm row
#: (gt45: global_capacity.csv gt45 2023 = 4,380 and 2026 = 5,070, SEMI's 200mm capacity
#: plus the registry's 300mm and 150mm >45nm lines; regional shares unchanged); IDM sourcing
#: rows as wafer shares (idm22: the >45nm own-fab rows of Infineon, NXP, ST, TI and Renesas
#: from each maker's registry capacity and revenue mix, Infineon's and Renesas' in-house ratio
#: ~85 %, the outsourced wafers on TSMC, UMC and VIS only; the NAND rows on the makers' 2026
#: wafers instead of revenue shares).
#: 22: capacity rows far older than the years they serve (audit: `chipshock data audit` lists
#: the fab_capacity.csv rows whose as_of lies more than model_assumptions.csv
#: capacity_audit_max_age_years = 10 years before their first model year; each such row's note
#: says why it is kept; ST Rousset 200mm gets a 2011 row, 8,000 wafers a week at end-2010;
#: TI RFAB1's 2011 row is lowered to confidence low).
#: 22: registry coverage (cov: 2022 rows for SMIC's Shanghai 14nm fab, 15k from 2021, and
#: TSMC's 8-inch group in Taiwan, its 2023 level held back; China's 10-22nm and Taiwan's >45nm
#: cells of 2022 reach 90 %, 11 of 32 cells).
#: 22: the alliance tracker's yen amounts and Rapidus/IBM rows (trk: partnerships.csv and
#: alliance_deliverables.csv usd_rate_as_of, the month of each yen row's conversion; kind
#: ``equity`` for the state's and the founders' Rapidus shares; alliance_tracker.csv
#: status_note/status_note_ja, the Rapidus/IBM rows re-checked, the state equity done, the
#: LSTC-NSTC row delayed; no capacity or amount changed).
#: 22: Japanese wording (ja, review 16 finding 8): actor_ja of alliance_deliverables.csv and
#: operator_names.csv (the operators' display names in English and Japanese).
#: TI RFAB1's 2011 row is lowered to confidence low); the same threshold marks old capacity
#: figures in every utilisation table (age: the table's year minus the as_of's year; its
#: note names the utilisation tables as a reader).
#: 23: Japanese names without English fallbacks (ja2, review 16 finding 8): every fab's
#: Japanese name in the new fab_names_ja.csv (the 22 sourced names of release 21 moved there
#: from fabs.csv's name_ja column, which is gone; 184 more as chipshock's renderings, each an
#: ``assumption:`` with confidence low) and its operator's (operator_ja, chipshock's rendering of
#: fabs.csv's operator), required for every fab; counterpart_ja of
#: alliance_deliverables.csv. No number moved.
#: 23: data leftovers of issue 8 (data: ST's idm22 sourcing rows recomputed on its 2027 >45nm
#: capacity of 115.95 kwspm; Rapidus IIM-1's pilot line counted as no saleable supply in
#: 2026-2027, its volume from 2028; the world >45nm 2022 row and the 10-22nm world rows marked
#: with method, Taiwan's 2022 >45nm total explained; no fab added to Taiwan's >45nm cell).
#: 24: the world >45nm 2022 row raised to its floor (gt45b: global_capacity.csv gt45 2022
#: 3,600 -> 3,910 kwspm, SEMI's 200mm capacity at the start of 2022 plus the registry's 300mm
#: and 150mm >45nm lines, the rule of release 21's 2023 and 2026 rows; UMC Fab 12A's older
#: phases get 2022 rows, gt45 38,750 and n28_45 58,750 wpm; regional shares unchanged).
#: 24: model_assumptions.csv without v1's unread rows (lead: default_capacity_wspm_logic,
#: _foundry_mature, _memory, default_start_year_unscheduled and fab_ramp_years removed; no
#: capacity or start year is defaulted; normal_lead_time_weeks ranged [1, 520]).
#: 25: three SEMI checks and a ramp (data25): the U.S.'s and Japan's >45nm shares checked
#: against SEMI's 200mm floors and kept, with why (SOURCES.md); the lt10 2022 note says the six
#: classes total 10,310 kwspm since release 24 (value unchanged); a scenario's
#: ``[[fab_override]]`` on a fab without capacity rows must give ``ramp_years`` (it ramped over
#: one year, a number with no source). No number moved.
#: 26: one Japanese spelling of Rapidus, ラピダス, in every Japanese text (fab_names_ja.csv's
#: fab and operator, partnerships.csv's and a deliverable's Japanese summaries), as Japanese
#: news and the alliance tracker's titles write it. No number moved.
#: 27: the partnerships' parties in Japanese (tracker: partnerships.csv parties_ja, each party
#: by its Japanese official name or as Japanese news writes it, for the CLI's Japanese table,
#: the dashboard's tracker and the API). No number moved.
#: 28: the materials' use and substitutes in Japanese (mat32: materials_ja.csv, chipshock's own
#: translations of materials.csv's English, joined to the materials table as use_ja and
#: substitutes_ja; store schema 13). No number moved.
DATA_RELEASE = "28"
#: Date of this release (YYYY-MM-DD).
DATA_RELEASE_DATE = "2026-12-07"
