#!/usr/bin/env bash
# Install everything pypesto-cvae needs into ./.venv (idempotent).
#
# - Debian's libhdf5-dev before AMICI is built (AMICI objectives only pickle,
#   and so only run under MultiProcessEngine/MPI/SACESS, with HDF5 support);
# - Open MPI and mpi4py for pyPESTO's MPIPoolEngine;
# - the CPU build of torch (torch==2.13.0, from this machine's disk);
# - the package with its test extra, in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# libhdf5-dev: AMICI with HDF5; Open MPI: pyPESTO's MPIPoolEngine (mpi4py).
NEED=""
for pkg in libhdf5-dev openmpi-bin libopenmpi-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || NEED="$NEED $pkg"
done
if [ -n "$NEED" ]; then
    echo "setup: installing Debian packages:$NEED"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $NEED
fi

if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
VPY=.venv/bin/python
$VPY -m pip install -q --upgrade pip
# CPU torch first: a plain `torch` requirement would pull a CUDA build.
$VPY -m pip install -q "torch==2.13.0"
$VPY -m pip install -q -e ".[test]"

# AMICI built before HDF5 was present (e.g. from pip's wheel cache) cannot
# pickle objectives: rebuild it once.
if ! $VPY -c "import amici.sim.sundials as s, sys; sys.exit(not s.hdf5_enabled)"; then
    echo "setup: rebuilding AMICI with HDF5 support"
    $VPY -m pip install -q --no-cache-dir --force-reinstall --no-deps amici
fi
$VPY -c "import pypesto_cvae, amici, torch; print('setup: ok, torch', torch.__version__, 'amici', amici.__version__)"
