"""Boehm label/KL variants (BENCHMARKS.md, "More seeds on Boehm").

``python scripts/boehm_variants.py run [KEY ...]``: the runs (40 CPU-s
each): cVAE variants B, E with seeds 0-2, I with 0-17, K, L, N, Q, R
with 18-35, M and P (jitter) with 0-35, V and W (M and P under the
round pricing of commit 5415b4c, reusing their unchanged run files),
X (v5 with ``local_fraction=0.5``) with 0-35, Y (v5 with rounds of
a fifth) with 0-19, EP (v5 with
``label_by="endpoint"``) with 0-23, EX (v5 with
``explore_fraction=0.5``) with 18-35, V8 (v5 again, under the
corrected failed-start count), G2 (V8 with ``explore_gain=2``) and GI
(G2 with ``explore_reward="improvement"``), W8 (the jitter ablation W
under the corrected count), T3 (V8 with ``target=(-3, -1)``), E3 (V8
with ``n_models=3``), TE3 (both), BS (V8 with ``basin_radius=0.05``),
WBS (W8 with it), BS2 and WBS2 (BS and WBS with ``basin_within_round``),
GBS2 (BS2 with ``explore_gain=2``), SBS2 and WSBS2 (BS2 and WBS2 with
``basin_stall_evals=10``), S20 (BS2 with ``basin_stall_evals=20``), OS
(SBS2 with ``lowest_labels_first``), SBS2b and WSBS2b (SBS2 and WSBS2
rerun beside OS) with 0-35,
the others (J = the jitter ablation) with seeds 0-8, and extra
Latin-hypercube runs with seeds 3-17, into runs/variants/<V>/runs/.
Existing run files are kept; set PROCESSES=2 to run two at a time.

``python scripts/boehm_variants.py [LABEL=DIR ...]``: merges them with
the Boehm runs of runs/benchmark (lhs, cvae: seeds 0-2; sacess: 0-11)
and of each DIR (a ``pypesto-cvae benchmark --out`` folder) and prints
one table with one common target, then a per-seed grid. The ``lhs`` runs
of a DIR count as ``lhs`` unless its label reads ``lhs:LABEL`` (then
``lhs LABEL``, with its own pairing and restart estimate: session 14's
rerun, ``lhs:s14=runs/benchmark-boehm-s14``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import multiprocessing
import os
import shutil
import sys
from pathlib import Path

import numpy as np

from pypesto_cvae import CVAEOptimizer, IterationOptions, load_petab_problem
from pypesto_cvae import benchmark as bm
from pypesto_cvae.iterative import _interleave

NAME = "Boehm_JProteomeRes2014"
VARIANTS = {
    "B": "cvae kl0.01 t[0,0.3]",
    "C": "cvae kl0.01 t[-1,0]",
    "D": "cvae t0",
    "E": "cvae kl0.01 t[0,0.3] ex0.4",
    "J": "jitter",
    "F": "cvae cheap adapt",
    "G": "cvae cheap adapt spread0.1",
    "H": "cvae cheap adapt spread0.1 kl0.01",
    "I": "cvae cheap adapt spread0.1 kl0.01 overhead5%",
    "K": "cvae v2 round0 5s",
    "L": "cvae v2 round0 5s rounds/5",
    "M": "cvae v3",
    "N": "cvae v3 no spread",
    "P": "jitter v3",
    "Q": "cvae v4 spread0.1",
    "R": "cvae v4 spread0.1 no stall",
    "V": "cvae v5",
    "W": "jitter v5",
    "X": "cvae v5 local0.5",
    "Y": "cvae v5 rounds/5",
    "EP": "cvae v5 endpoint labels",
    "EX": "cvae v5 explore0.5",
    "V8": "cvae v5 recount",
    "G2": "cvae v5 recount gain2",
    "GI": "cvae v5 recount gain2 improvement",
    "W8": "jitter v5 recount",
    "T3": "cvae v5 recount target[-3,-1]",
    "E3": "cvae v5 recount 3 networks",
    "TE3": "cvae v5 recount target[-3,-1] 3 networks",
    "BS": "cvae v5 recount basin stop",
    "WBS": "jitter v5 recount basin stop",
    "BS2": "cvae v5 recount basin stop in-round",
    "WBS2": "jitter v5 recount basin stop in-round",
    "GBS2": "cvae v5 recount basin stop in-round gain2",
    "SBS2": "cvae v5 recount basin stop in-round stall10",
    "WSBS2": "jitter v5 recount basin stop in-round stall10",
    "S20": "cvae v5 recount basin stop in-round stall20",
    "OS": "cvae v5 recount basin stop in-round stall10 low-first",
    "SBS2b": "cvae v5 recount basin stop in-round stall10 (rerun s14)",
    "WSBS2b": "jitter v5 recount basin stop in-round stall10 (rerun s14)",
}
CHEAP = {"max_epochs": 60, "patience": 8, "max_points": 4000}
#: the package defaults before variant I (B-H, J are relative to these)
OLD = {"kl_weight": 0.5, "max_epochs": 200, "patience": 15,
       "max_points": 20_000}
OLD_OPT = {"adaptive_explore": False, "stall_spread": 0.0}


BUDGET = 40.0
#: variant -> (CVAEOptimizer settings, IterationOptions, seeds[, run
#: options]); seeds: a count (0, 1, ...) or a range
SETTINGS = {
    "B": ({**OLD, "kl_weight": 0.01}, {**OLD_OPT, "target": (0.0, 0.3)}, 3),
    "C": ({**OLD, "kl_weight": 0.01}, {**OLD_OPT, "target": (-1.0, 0.0)}, 9),
    "D": (OLD, {**OLD_OPT, "target": 0.0}, 9),
    "E": ({**OLD, "kl_weight": 0.01},
          {**OLD_OPT, "target": (0.0, 0.3), "explore_fraction": 0.4}, 3),
    "J": (OLD, OLD_OPT, 9),
    "F": ({**OLD, **CHEAP}, {**OLD_OPT, "adaptive_explore": True}, 9),
    "G": ({**OLD, **CHEAP},
          {"adaptive_explore": True, "stall_spread": 0.1}, 9),
    "H": ({**OLD, **CHEAP, "kl_weight": 0.01},
          {"adaptive_explore": True, "stall_spread": 0.1}, 9),
    # H with the benchmark's overhead bound, more seeds
    "I": ({**CHEAP, "kl_weight": 0.01},
          {"adaptive_explore": True, "stall_spread": 0.1,
           "max_overhead": 0.05}, 18),
    # v2 (package defaults) with round 0 ended after 5 CPU-s (same first
    # startpoints as lhs); L also makes later rounds smaller (a fifth of
    # the starts left, at least 3), so stalls are noticed sooner
    "K": ({}, bm.BENCHMARK_OPTIONS, range(18, 36),
          {"first_share": 5 / BUDGET}),
    "L": ({}, bm.BENCHMARK_OPTIONS, range(18, 36),
          {"first_share": 5 / BUDGET, "round_split": 5, "min_round": 3}),
    # v3 = v2 without the rising Latin-hypercube share (learned starts found
    # the global basin 3x as often per start as Latin hypercube did, in
    # the v2 runs before their first hit); N also without stall spread
    "M": ({}, {**bm.BENCHMARK_OPTIONS, "adaptive_explore": False},
          range(36)),
    "N": ({}, {**bm.BENCHMARK_OPTIONS, "adaptive_explore": False,
               "stall_spread": 0.0}, range(18, 36)),
    # the jitter ablation with M's schedule (its noise widens by the
    # stall spread too)
    "P": ({}, {**bm.BENCHMARK_OPTIONS, "adaptive_explore": False},
          range(36)),
    # v4 (= v3 here: round 0 has 10 starts) with noise of 0.1 of the range
    # on the learned starts from round 1 on: in M's runs, the learned
    # starts of round 2 (after one stall, noise 0.1) reached the target
    # 13 of 103 times, those of round 1 (no noise) 14 of 203; R keeps the
    # noise at 0.1 instead of widening it after stalls
    "Q": ({}, {**bm.BENCHMARK_OPTIONS, "spread": 0.1}, range(18, 36)),
    "R": ({}, {**bm.BENCHMARK_OPTIONS, "spread": 0.1, "stall_spread": 0.0},
          range(18, 36)),
}
# V and W: M and P under the round pricing of commit 5415b4c (per start
# that did not fail); the run files of M and P whose round sizes it does
# not change (scripts/check_schedule.py) are copied in first (REUSE), so
# only M's seed 15 and P's seed 4 run again
SETTINGS.update(V=SETTINGS["M"], W=SETTINGS["P"])
# v5 with half of the cVAE's startpoints decoded near the codes of the
# best distinct endpoints (IterationOptions.local_fraction, session 7)
SETTINGS["X"] = ({}, {**bm.BENCHMARK_OPTIONS, "local_fraction": 0.5},
                 range(36))
# v5 with later rounds of a fifth instead of a third of the starts the
# budget has left (at least 3): the model is retrained after fewer local
# searches (session 8; learned starts of round 2 hit more often than those
# of round 1 in M's runs, see "v5")
# (stopped after seeds 0-19: 14 at the target against V's 16)
SETTINGS["Y"] = (*SETTINGS["M"][:2], range(20),
                 {"round_split": 5, "min_round": 3})
# v5 with each vector labelled by the final value of its local search
# (IterationOptions.label_by="endpoint"): the value at a startpoint did not
# predict where its search ended (scripts/start_predictors.py, session 8)
# (stopped after seeds 0-23: 14 at the target against V's 20)
SETTINGS["EP"] = ({}, {**SETTINGS["M"][1], "label_by": "endpoint"},
                  range(24))
# v5 with half of each later round Latin hypercube (explore_fraction=0.5):
# on Crauste it reached the target in 5 of 8 seeds, v5 in 1 (session 8)
SETTINGS["EX"] = ({}, {**SETTINGS["M"][1], "explore_fraction": 0.5},
                  range(18, 36))
# session 9: V again under the corrected failed-start count of commit
# d958258 (V8), and V8 with the explore share following the sources'
# novelty rates (IterationOptions.explore_gain=2, G2)
SETTINGS["V8"] = (*SETTINGS["M"][:2], range(36))
SETTINGS["G2"] = ({}, {**SETTINGS["M"][1], "explore_gain": 2.0}, range(36))
SETTINGS["GI"] = ({}, {**SETTINGS["G2"][1], "explore_reward": "improvement"},
                  range(36))
# session 10: the jitter ablation W again under the corrected count (W8)
SETTINGS["W8"] = (*SETTINGS["P"][:2], range(36))
# session 11: V8 with labels drawn further below the best seen (T3:
# target (-3, -1)), with three networks per round (E3:
# IterationOptions.n_models=3), and both (TE3); chosen with
# scripts/proposal_hits.py (BENCHMARKS.md, "v10")
SETTINGS["T3"] = ({}, {**SETTINGS["M"][1], "target": (-3.0, -1.0)},
                  range(36))
SETTINGS["E3"] = ({}, {**SETTINGS["M"][1], "n_models": 3}, range(36))
SETTINGS["TE3"] = ({}, {**SETTINGS["T3"][1], "n_models": 3}, range(36))
# V8 with local searches stopped in known basins (BS:
# IterationOptions.basin_radius=0.05), and the jitter ablation W8 with the
# same stop (WBS); BS ran seeds 0-15 at commit 1513dfb, when the best known
# optimum was exempt from the stop, and was then stopped
SETTINGS["BS"] = ({}, {**SETTINGS["M"][1], "basin_radius": 0.05}, range(36))
SETTINGS["WBS"] = ({}, {**SETTINGS["P"][1], "basin_radius": 0.05},
                   range(36))
# session 12: BS and WBS with the stop also at optima found earlier in the
# same round, round 0 included (IterationOptions.basin_within_round)
SETTINGS["BS2"] = ({}, {**SETTINGS["BS"][1], "basin_within_round": True},
                   range(36))
SETTINGS["WBS2"] = ({}, {**SETTINGS["WBS"][1], "basin_within_round": True},
                    range(36))
# session 13: BS2 with the explore share following the sources' novelty
# rates (explore_gain=2, as G2), which moved Crauste's later rounds
# towards Latin hypercube in session 9
SETTINGS["GBS2"] = ({}, {**SETTINGS["BS2"][1], "explore_gain": 2.0},
                    range(36))
# BS2 and WBS2 with searches also stopped after 10 evaluations next to a
# known optimum's value (basin_stall_evals=10)
SETTINGS["SBS2"] = ({}, {**SETTINGS["BS2"][1], "basin_stall_evals": 10},
                    range(36))
SETTINGS["WSBS2"] = ({}, {**SETTINGS["WBS2"][1], "basin_stall_evals": 10},
                     range(36))
# SBS2 with a less eager stall stop (20 evaluations): does the cVAE keep
# BS2's speed on Boehm? (run after the v12 defaults were chosen)
SETTINGS["S20"] = ({}, {**SETTINGS["BS2"][1], "basin_stall_evals": 20},
                   range(36))
# session 14: the v12 defaults (SBS2) with each round's learned starts run
# lowest label first (IterationOptions.lowest_labels_first, OS)
SETTINGS["OS"] = ({}, {**SETTINGS["SBS2"][1], "lowest_labels_first": True},
                  range(36))
# SBS2 again, beside OS: OS ran round 0 (the same searches) in 0.79 of
# SBS2's CPU time (SBS2's batch had run slow), so OS is compared with
# this rerun
SETTINGS["SBS2b"] = SETTINGS["SBS2"]
SETTINGS["WSBS2b"] = SETTINGS["WSBS2"]
#: variant -> (variant whose unchanged run files it reuses, seeds rerun)
REUSE = {"V": ("M", {15}), "W": ("P", {4})}
LHS_SEEDS = 18


def _factory(spec):
    if spec is None:
        return None
    settings, options = spec

    def factory(seed: int) -> CVAEOptimizer:
        # a fixed explore share, no basin stop and learned starts in random
        # order (the defaults before sessions 9 and 11, 13, 14) unless a
        # variant sets them
        options_ = {"explore_gain": 0.0, "basin_radius": 0.0,
                    "basin_within_round": False, "basin_stall_evals": 0,
                    "lowest_labels_first": False, **options}
        return CVAEOptimizer(seed=seed, options=IterationOptions(**options_),
                             **settings)

    return factory


#: the benchmark's round sizes; variant L swaps in smaller later rounds
_ROUND_SIZE = bm._round_size


def _run_job(job) -> None:
    key, method, spec, seed = job[:4]
    run_options = dict(job[4]) if len(job) > 4 else {}
    # set per job: a pool worker runs jobs of several variants
    bm._round_size = _ROUND_SIZE
    if "round_split" in run_options:  # smaller later rounds (variant L)
        bm._round_size = functools.partial(
            _ROUND_SIZE, split=run_options.pop("round_split"),
            min_size=run_options.pop("min_round"))
    out = Path(f"runs/variants/{key}/runs")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{NAME}__{method}__{seed}.json"
    if path.exists():
        return
    yaml = Path("../shared/benchmark-models") / NAME / f"{NAME}.yaml"
    problem = load_petab_problem(yaml).problem
    rec = bm.run_method(method, problem, BUDGET, repeat=seed,
                        problem_name=NAME, first_round=10,
                        cvae_factory=_factory(spec), **run_options)
    path.write_text(rec.to_json())


def run(keys=None, processes: int = 1) -> None:
    """Run the variants (all, or ``keys``) and the extra lhs seeds.

    Existing run files are kept; ``processes`` runs go side by side.
    """
    jobs = [("lhs", "lhs", None, s) for s in range(3, LHS_SEEDS)]
    for key, (source, rerun) in REUSE.items():
        if keys and key not in keys:
            continue
        out = Path(f"runs/variants/{key}/runs")
        out.mkdir(parents=True, exist_ok=True)
        for path in Path(f"runs/variants/{source}/runs").glob("*.json"):
            seed = int(path.stem.rsplit("__", 1)[1])
            if seed not in rerun and not (out / path.name).exists():
                shutil.copy(path, out / path.name)
    for key, (settings, options, seeds, *run_options) in SETTINGS.items():
        if keys and key not in keys:
            continue
        method = VARIANTS[key].split()[0]  # "cvae" or "jitter"
        seeds = range(seeds) if isinstance(seeds, int) else seeds
        jobs += [(key, method, (settings, options), s, *run_options)
                 for s in seeds]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(_run_job, jobs, chunksize=1)


def _load(folder: Path, method: str | None = None):
    out = []
    for path in sorted(folder.glob(f"{NAME}__*.json")):
        rec = bm.RunRecord.from_json(path.read_text())
        out.append(rec if method is None else
                   dataclasses.replace(rec, method=method))
    return out


def _grid(rows, seeds) -> str:
    """Per method and seed: CPU-s to target, or "x<best NLL>" if missed.

    Runs on a budget of evaluations show evaluations to target.
    """
    seeds = list(seeds)
    lines = ["| method | " + " | ".join(map(str, seeds)) + " |",
             "|---|" + "---:|" * len(seeds)]
    for method in dict.fromkeys(r["method"] for r in rows):
        cells = dict.fromkeys(seeds, "-")
        for r in rows:
            if r["method"] == method and r["repeat"] in cells:
                evals = bm._by_evals(r)
                t = r["evals_to_target" if evals else "cpu_s_to_target"]
                cells[r["repeat"]] = (
                    f"x{r['best_nll']:.0f}" if t is None
                    else f"{t:d}" if evals else f"{t:.1f}"
                )
        if set(cells.values()) != {"-"}:
            lines.append(f"| {method} | " + " | ".join(cells.values())
                         + " |")
    return "\n".join(lines)


def _paired(rows, base: str = "lhs", min_common: int = 9) -> str:
    """Per method: seeds where only it / only ``base`` reached the target.

    :func:`~pypesto_cvae.benchmark.paired_hits` for methods with at least
    ``min_common`` seeds in common with ``base``; SACESS cannot be seeded,
    so it has nothing to pair.
    """
    paired = [
        d for d in bm.paired_hits(rows, base)
        if d["method"] != "sacess" and d["paired"] >= min_common
    ]
    return bm.format_paired(paired)


def restart_estimate(records, target: float, method: str = "lhs"):
    """Median time to target of independent restarts, from pooled starts.

    Latin-hypercube starts are (nearly) independent, so the starts of all
    ``method`` runs that ended within the budget estimate the chance ``p``
    that one start reaches ``target`` and its mean CPU cost ``c``; then
    restarts need ``c * ln 2 / -ln(1 - p)`` CPU-s in the median. This is
    not censored at the budget. On budgets of evaluations, costs and the
    median are in evaluations (``unit``).

    Returns
    -------
    ``None`` when no start reached the target, else a dict with ``hits``,
    ``starts``, ``p``, ``cpu_per_start``, ``median`` and its 95 % interval
    ``low``-``high`` (from the Wilson interval of ``p``), and ``unit``.
    """
    n = hits = 0
    cpu = 0.0
    unit = "CPU-s"
    for rec in records:
        if rec.method != method:
            continue
        ends = rec.start_end_cpu
        if rec.by_evals:
            ends, unit = rec.start_end_evals, "evaluations"
        done = [(f, t) for f, t in zip(rec.start_fval, ends, strict=True)
                if t <= rec.budget]
        n += len(done)
        hits += sum(f <= target for f, _ in done)
        cpu += max((t for _, t in done), default=0.0)
    if not hits:
        return None
    p, c = hits / n, cpu / n
    low, high = bm.reached_interval(hits, n)

    def median(q):
        return c * math.log(2) / -math.log1p(-q) if q < 1 else 0.0

    return {"hits": hits, "starts": n, "p": p, "cpu_per_start": c,
            "median": median(p), "low": median(high), "high": median(low),
            "unit": unit}


def _restarts(records, target: float, method: str = "lhs") -> str:
    """:func:`restart_estimate`, as a sentence."""
    e = restart_estimate(records, target, method)
    if e is None:
        return f"{method}: no start reached the target"
    return (f"{method}, pooled: {e['hits']} of {e['starts']} starts reached "
            f"the target (p = {e['p']:.3f}), {e['cpu_per_start']:.2f} "
            f"{e['unit']} per start; independent restarts need a median of "
            f"{e['median']:.1f} {e['unit']} (95 % interval "
            f"{e['low']:.1f}-{e['high']:.1f})")


def _round_starts(rec):
    """Per round of a run: its number, learned and explore final values.

    In a round, the learned startpoints come first, then the explore share
    (``CVAEOptimizer.ask``); ``rec.rounds`` gives how many of each.
    """
    i = 0
    for rnd in rec.rounds:
        n, n_new = rnd["n_starts"], rnd["n_cvae"]
        fvals = [float(f) for f in rec.start_fval[i:i + n]]
        i += n
        yield rnd["round"], fvals[:n_new], fvals[n_new:]


def _before_first_hit(records, target: float, tol: float = 0.1) -> str:
    """Per method: learned vs Latin-hypercube starts before the first hit.

    Counts the starts of the rounds after round 0 that reached the target
    before the run's first hit (learned and explore starts apart, see
    :func:`_round_starts`); the round of the first hit counts, later
    rounds do not (they exploit a basin already found). "Re-found": of
    those that ended with a finite value, the ones that ended within
    ``tol`` of the final value of a start of an earlier round of the run,
    i.e. at an optimum already known.
    """
    counts = {}
    for rec in records:
        if not rec.rounds or rec.method == "lhs":
            continue
        c = counts.setdefault(rec.method, [0] * 8)
        found, known = False, []
        for k_round, learned, explore in _round_starts(rec):
            fvals = learned + explore
            if k_round > 0 and not found:
                for k, part in ((0, learned), (4, explore)):
                    done = [f for f in part if math.isfinite(f)]
                    c[k] += len(part)
                    c[k + 1] += sum(f <= target for f in part)
                    c[k + 2] += len(done)
                    c[k + 3] += sum(any(abs(f - g) < tol for g in known)
                                    for f in done)
            found = found or any(f <= target for f in fvals)
            known += [f for f in fvals if math.isfinite(f)]
    lines = ["| method | learned starts | reached | re-found | "
             "Latin-hypercube starts | reached | re-found |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for method, c in counts.items():
        cells = []
        for n, hit, done, again in (c[:4], c[4:]):
            cells += [str(n), f"{hit} ({hit / max(n, 1):.1%})",
                      f"{again} of {done} ({again / max(done, 1):.0%})"]
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _first_hit_sources(records, target: float) -> str:
    """Per method: starts by source up to the run's first hit, in order.

    Unlike :func:`_before_first_hit`, the starts of the first hit's round
    after the hit do not count (they are often near the same basin, so
    one lucky region would count many times): per source, the later
    rounds' starts up to and including the first one that reached the
    target, and how many runs' first hit came from that source (round 0
    and no hit apart). Hits per start here is the rate at which a source
    ends a run's search.
    """
    counts = {}
    for rec in records:
        if not rec.rounds or rec.method == "lhs":
            continue
        c = counts.setdefault(rec.method, [0, 0, 0, 0, 0, 0])
        starts = (
            (k_round, j, f)
            for k_round, learned, explore in _round_starts(rec)
            for j, part in ((0, learned), (2, explore))
            for f in part
        )
        hit = False
        for k_round, j, f in starts:
            hit = f <= target
            if k_round == 0:
                c[4] += hit
            else:
                c[j] += 1
                c[j + 1] += hit
            if hit:
                break
        c[5] += not hit
    lines = ["| method | learned starts | first hits | Latin-hypercube starts "
             "| first hits | first hit in round 0 | no hit |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for method, (n_l, h_l, n_e, h_e, r0, none) in counts.items():
        lines.append(
            f"| {method} | {n_l} | {h_l} ({h_l / max(n_l, 1):.2%}) | {n_e} "
            f"| {h_e} ({h_e / max(n_e, 1):.2%}) | {r0} | {none} |"
        )
    return "\n".join(lines)


def _learned_kinds(rnd) -> list[str]:
    """Per learned start of a round, in order: its source.

    ``"cvae"``, ``"start"`` or ``"jitter"``: the start model's points
    (``RoundStats.n_start``) are spread among the cVAE's, and perturbed
    best endpoints (``RoundStats.n_jitter``; ``jitter_fraction``,
    ``stall_jitter``) among both, as
    :func:`pypesto_cvae.iterative._interleave` spreads them. The jitter
    ablation's learned starts are all ``"jitter"``.
    """
    n_start = rnd.get("n_start", 0)
    n_jitter = rnd.get("n_jitter", 0)
    n_cvae = rnd["n_cvae"] - n_start - n_jitter
    kinds = np.array(["cvae"] * n_cvae + ["start"] * n_start
                     + ["jitter"] * n_jitter)[:, None]
    out = kinds[:n_cvae] if n_cvae else None
    if n_start:
        out = _interleave(out, kinds[n_cvae:n_cvae + n_start])
    if n_jitter:
        out = _interleave(out, kinds[n_cvae + n_start:])
    return [] if out is None else out[:, 0].tolist()


def starts_to_first_hit(rec, target: float):
    """Each start of a run up to and including its first hit, in order.

    Yields ``(rnd, fvals, kind, f)``: the round's ``RoundStats`` entry and
    final values, the start's source (:func:`_learned_kinds`, or
    ``"lhs"``) and its final value; round 0 included.
    """
    i = 0
    for rnd in rec.rounds:
        n = rnd["n_starts"]
        fvals = [float(f) for f in rec.start_fval[i:i + n]]
        i += n
        kinds = _learned_kinds(rnd) + ["lhs"] * (n - rnd["n_cvae"])
        for f, kind in zip(fvals, kinds, strict=False):
            yield rnd, fvals, kind, f
            if f <= target:
                return


def _first_hit_kinds(records, target: float) -> str:
    """As :func:`_first_hit_sources`, the learned starts split by model.

    Per method with a start model (``start_fraction``): the cVAE's, the
    start model's and the Latin-hypercube starts of the later rounds up to
    and including the run's first hit, how many reached the target, and
    how many ended within 0.1 of a final value of an earlier round
    ("re-found").
    """
    counts = {}
    for rec in records:
        if not any(r.get("n_start", 0) for r in rec.rounds or []):
            continue
        c = counts.setdefault(rec.method, {k: [0, 0, 0]
                                           for k in ("cvae", "start", "lhs")})
        known, last = [], None   # final values of the earlier rounds
        for rnd, fvals, kind, f in starts_to_first_hit(rec, target):
            if last is not None and rnd is not last[0]:
                known += [g for g in last[1] if math.isfinite(g)]
            last = rnd, fvals
            if rnd["round"] > 0 and kind in c:   # not a jitter share's
                c[kind][0] += 1
                c[kind][1] += f <= target
                c[kind][2] += any(abs(f - g) < 0.1 for g in known)
    lines = ["| method | cVAE starts | reached | re-found | start-model "
             "starts | reached | re-found | Latin-hypercube starts | "
             "reached | re-found |", "|---|" + "---:|" * 9]
    for method, c in counts.items():
        cells = [f"{n} | {h} ({h / max(n, 1):.2%}) | {a / max(n, 1):.0%}"
                 for n, h, a in c.values()]
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(extra: list[str]) -> None:
    """Print the merged table and the per-seed grid.

    ``extra``: ``LABEL=DIR`` folders of ``pypesto-cvae benchmark`` runs
    whose Boehm runs are added as methods ``<method> LABEL``.
    """
    records = [r for r in _load(Path("runs/benchmark/runs"))
               if r.method in ("lhs", "sacess", "cvae")]
    records += _load(Path("runs/variants/lhs/runs"))
    for key, label in VARIANTS.items():
        records += _load(Path(f"runs/variants/{key}/runs"), label)
    lhs_labels = []
    for item in extra:
        label, _, folder = item.partition("=")
        # lhs did not change between the folders: its runs stay "lhs",
        # unless the label says "lhs:" (a rerun on a changed machine)
        own = label.startswith("lhs:")
        label = label.removeprefix("lhs:")
        if own:
            lhs_labels.append(f"lhs {label}")
        records += [r if r.method == "lhs" and not own else
                    dataclasses.replace(r, method=f"{r.method} {label}")
                    for r in _load(Path(folder) / "runs")]
    seen = set()
    records = [r for r in records if (r.method, r.repeat) not in seen
               and not seen.add((r.method, r.repeat))]
    nominal = json.loads(Path("runs/benchmark/results.json").read_text())
    rows = bm.tabulate(records, nominal["nominal_nll"])
    print(bm.format_summary(bm.summarize(rows)))
    print("\nPer seed: CPU-s to target, or x<best NLL> when missed\n")
    n_seeds = max(r["repeat"] for r in rows) + 1
    for first in range(0, n_seeds, 18):
        print(_grid(rows, range(first, min(first + 18, n_seeds))) + "\n")
    print("\nReaching the target, paired by seed\n")
    print(_paired(rows))
    for base in ("jitter v3", VARIANTS["WBS2"], VARIANTS["WSBS2"],
                 VARIANTS["WSBS2b"], *lhs_labels):
        if any(r["method"] == base for r in rows):
            print("\n" + _paired(rows, base=base))
    for method in ("lhs", *lhs_labels):
        print("\n" + _restarts(records, rows[0]["target"], method))
    print("\nStarts after round 0, up to each run's first hit\n")
    print(_before_first_hit(records, rows[0]["target"]))


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        run(sys.argv[2:], int(os.environ.get("PROCESSES", "1")))
    else:
        main(sys.argv[1:])
