#!/usr/bin/env bash
# README command (b), and exactly what CI runs (.ci/run): install, build, run the tests; then the whole
# suite built with ASan + UBSan (scripts/sanitize.sh). The sanitized half builds and runs every test, so the
# plain half builds the product without the unit-test executables and runs only the tests labelled "plain",
# those that check more in a plain build (tests/CMakeLists.txt says which and why). FILTERSCOPE_SANITIZE=0
# skips the sanitized half for a quick local run, and then the plain half builds and runs every test. Each
# part prints how long it took (2-core figures are in README).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/setup-debian.sh
if [ "${FILTERSCOPE_SANITIZE:-1}" != 0 ]; then
  bash scripts/build.sh -DFILTERSCOPE_BUILD_UNIT_TESTS=OFF
  (cd build && ctest --output-on-failure -j 2 -L plain)
else
  bash scripts/build.sh -DFILTERSCOPE_BUILD_UNIT_TESTS=ON
  (cd build && ctest --output-on-failure -j 2)
fi
echo "test.sh: build and tests took $((SECONDS - start)) s"
if [ "${FILTERSCOPE_SANITIZE:-1}" != 0 ]; then
  mid=$SECONDS
  bash scripts/sanitize.sh
  echo "test.sh: sanitizer build and tests took $((SECONDS - mid)) s; all $((SECONDS - start)) s"
fi
