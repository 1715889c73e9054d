#!/usr/bin/env bash
# Reproduce the tables of BENCHMARKS.md (2 cores; about 65 minutes).
# Each run is single-threaded; SACESS runs alone with 2 workers.
# Run files land in $OUT/runs/*.json; a rerun reuses existing ones, so
# the last command only re-tabulates everything into $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
OUT=${OUT:-runs/benchmark}
B=${SHARED:-../shared}/benchmark-models
CLI=.venv/bin/pypesto-cvae
SMALL="petab_problems/cortisol/cortisol.yaml
  $B/Boehm_JProteomeRes2014/Boehm_JProteomeRes2014.yaml
  $B/Crauste_CellSystems2017/Crauste_CellSystems2017.yaml
  $B/Bruno_JExpBot2016/Bruno_JExpBot2016.yaml
  $B/Fiedler_BMCSystBiol2016/Fiedler_BMCSystBiol2016.yaml"
FUJITA=$B/Fujita_SciSignal2010/Fujita_SciSignal2010.yaml
BUDGET="60,cortisol=10,Boehm_JProteomeRes2014=40,Fujita_SciSignal2010=200"
mkdir -p "$OUT"
COMMON=(--repeats 3 --budget "$BUDGET" --out "$OUT")

# phase 1: the single-process methods, two processes side by side
$CLI benchmark $SMALL --methods lhs,pso,jitter,cvae "${COMMON[@]}" \
  > "$OUT.small.log" 2>&1 &
$CLI benchmark "$FUJITA" --methods lhs,pso,jitter,cvae --first-round 5 \
  "${COMMON[@]}" > "$OUT.fujita.log" 2>&1 &
wait
# phase 2: SACESS (2 worker processes) alone on the machine
$CLI benchmark $SMALL "$FUJITA" --methods sacess "${COMMON[@]}" \
  > "$OUT.sacess.log" 2>&1
# tables and plots over all runs
$CLI benchmark $SMALL --methods lhs,pso,sacess,jitter,cvae "${COMMON[@]}"
$CLI benchmark "$FUJITA" --methods lhs,pso,sacess,jitter,cvae \
  --first-round 5 "${COMMON[@]}"
