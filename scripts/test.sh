#!/usr/bin/env bash
# README command (b), and exactly what CI runs: install, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j 2
