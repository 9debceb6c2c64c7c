#!/usr/bin/env bash
# README command (b), and exactly what CI runs (.ci/run): install, build, run every test; then the same
# suite built with ASan + UBSan (scripts/sanitize.sh). FILTERSCOPE_SANITIZE=0 skips the second part for a
# quick local run. Each part prints how long it took (2-core figures are in README).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/setup-debian.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j 2)
echo "test.sh: build and tests took $((SECONDS - start)) s"
if [ "${FILTERSCOPE_SANITIZE:-1}" != 0 ]; then
  mid=$SECONDS
  bash scripts/sanitize.sh
  echo "test.sh: sanitizer build and tests took $((SECONDS - mid)) s; all $((SECONDS - start)) s"
fi
