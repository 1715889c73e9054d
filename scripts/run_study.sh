#!/usr/bin/env bash
# Set up (if needed) and run the main job: the cVAE optimizer on the
# bundled cortisol problem, with the default settings.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/pypesto-cvae fit petab_problems/cortisol/cortisol.yaml \
    --out runs/cortisol "$@"
