#!/usr/bin/env bash
# Reproduce the tables of BENCHMARKS.md (2 cores).
# Every run is single-threaded except SACESS (2 worker processes), which
# runs after the others. Run files land in $OUT/runs/*.json; a rerun
# reuses existing ones (same problem, method, seed and budget), so the
# last two commands only re-tabulate everything in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
OUT=${OUT:-runs/benchmark}
B=${SHARED:-../shared}/benchmark-models
CLI=.venv/bin/pypesto-cvae
CHEAP="petab_problems/cortisol/cortisol.yaml
  $B/Boehm_JProteomeRes2014/Boehm_JProteomeRes2014.yaml"
CB="$B/Crauste_CellSystems2017/Crauste_CellSystems2017.yaml
  $B/Bruno_JExpBot2016/Bruno_JExpBot2016.yaml"
FI=$B/Fiedler_BMCSystBiol2016/Fiedler_BMCSystBiol2016.yaml
FUJITA=$B/Fujita_SciSignal2010/Fujita_SciSignal2010.yaml
# CPU-seconds per run: 30 unless named
BUDGET="30,cortisol=10,Boehm_JProteomeRes2014=40,Fujita_SciSignal2010=150"
mkdir -p "$OUT"
ONE=(--methods lhs,pso,jitter,cvae --budget "$BUDGET" --out "$OUT")

if [ -z "${V2_ONLY:-}" ]; then  # V2_ONLY=1: phase 4 alone
# phase 1: the single-process methods, two processes side by side
( $CLI benchmark $CHEAP "${ONE[@]}" --repeats 3 > "$OUT.cheap.log" 2>&1
  $CLI benchmark $CB "${ONE[@]}" --repeats 2 > "$OUT.cb.log" 2>&1 ) &
( $CLI benchmark "$FUJITA" "${ONE[@]}" --repeats 1 --first-round 5 \
    > "$OUT.fujita.log" 2>&1
  $CLI benchmark $FI "${ONE[@]}" --repeats 2 > "$OUT.fiedler.log" 2>&1 ) &
wait
# phase 2: SACESS (2 worker processes)
TWO=(--methods sacess --budget "$BUDGET" --out "$OUT")
$CLI benchmark $CHEAP "${TWO[@]}" --repeats 3 > "$OUT.sacess1.log" 2>&1
$CLI benchmark $CB $FI "${TWO[@]}" --repeats 2 > "$OUT.sacess2.log" 2>&1
$CLI benchmark "$FUJITA" "${TWO[@]}" --repeats 1 > "$OUT.sacess3.log" 2>&1
# tables and plots over all runs in $OUT
$CLI benchmark $CHEAP $CB $FI "$FUJITA" --tables-only --out "$OUT"

# phase 3 ("after"): jitter and cvae with round 0 capped at 30 % of the
# budget and cheaper cVAE training, into a second folder
AFTER_OUT=${AFTER_OUT:-runs/benchmark-after}
AFTER=(--methods jitter,cvae --budget "$BUDGET" --out "$AFTER_OUT"
  --first-share 0.3 --set max_epochs=60 --set patience=8
  --set max_points=4000)
mkdir -p "$AFTER_OUT"
( $CLI benchmark $CHEAP "${AFTER[@]}" --repeats 3
  $CLI benchmark "$FUJITA" "${AFTER[@]}" --repeats 1 --first-round 5 ) &
$CLI benchmark $CB $FI "${AFTER[@]}" --repeats 2 &
wait
# before/after tables with one common target per problem
.venv/bin/python scripts/compare_variants.py "$OUT" "after=$AFTER_OUT"
fi

# phase 4 ("v2"): jitter and cvae with the defaults of commit 26bec0b
# (adaptive explore share, stall spread, KL 0.01, max_overhead 0.05 in the
# benchmark); Boehm with 9 seeds. lhs, pso and sacess are not rerun:
# their code did not change.
V2_OUT=${V2_OUT:-runs/benchmark-v2}
V2=(--methods jitter,cvae --budget "$BUDGET" --out "$V2_OUT")
mkdir -p "$V2_OUT"
BOEHM=$B/Boehm_JProteomeRes2014/Boehm_JProteomeRes2014.yaml
( $CLI benchmark "$BOEHM" "${V2[@]}" --repeats 9 > "$V2_OUT.boehm.log" 2>&1
  $CLI benchmark petab_problems/cortisol/cortisol.yaml "${V2[@]}" \
    --repeats 3 > "$V2_OUT.cortisol.log" 2>&1 ) &
( $CLI benchmark $CB $FI "${V2[@]}" --repeats 2 > "$V2_OUT.cbf.log" 2>&1
  $CLI benchmark "$FUJITA" "${V2[@]}" --repeats 1 --first-round 5 \
    > "$V2_OUT.fujita.log" 2>&1 ) &
wait
.venv/bin/python scripts/compare_variants.py "$OUT" "v2=$V2_OUT"
.venv/bin/python scripts/boehm_variants.py "v2=$V2_OUT"
