#!/usr/bin/env bash
# Builds Filterscope with AddressSanitizer + UndefinedBehaviorSanitizer (leak detection on) into
# build-sanitize/ and runs the whole test suite there (but the package test: tests/CMakeLists.txt says why).
# Slower than the plain build (about 2-3x); CI runs the sanitized suite too (.ci/run). Extra arguments go to
# CTest, e.g. -R fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
# Line tables (-g1) are all a sanitizer report needs for file:line; full -g made the build's compiles and
# links slower for nothing CI reads. -O1 (ASan's own advice) compiles a third faster than -O2 here, and the
# tests spend their time in LibTorch, Qt and zlib, which are not rebuilt. No benchmarks: under ASan they
# would measure the sanitizer. Every unit test is built here (the plain half of test.sh leaves them out).
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DFILTERSCOPE_BUILD_BENCHMARKS=OFF -DFILTERSCOPE_BUILD_UNIT_TESTS=ON \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined"
cmake --build build-sanitize -j "$(nproc 2>/dev/null || echo 2)"
# Python script tests load the sanitized CLI through subprocesses; LibTorch's own allocations are not ours.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd build-sanitize
# The 3D view's test runs Mesa's llvmpipe under Xvfb; its JIT code and libdbus keep allocations LSan cannot
# attribute (no symbols to suppress), so that one test runs with leak detection off.
status=0
ctest --output-on-failure -j 2 --timeout 1500 -E test_pointcloud_view "$@" || status=1
if [ $# -eq 0 ]; then
  ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allocator_may_return_null=1" \
    ctest --output-on-failure --timeout 1500 -R test_pointcloud_view || status=1
fi
exit $status
