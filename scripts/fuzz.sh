#!/usr/bin/env bash
# Longer fuzz sessions than the suite's fixed ones: every fuzz target again and again with fresh random
# seeds until SECONDS (default 600) have passed, each seed printed; a failing run prints the line that
# replays it (FILTERSCOPE_FUZZ_SEED=... FILTERSCOPE_FUZZ_ITERATIONS=...) and the script stops with exit 1.
# Uses build-sanitize/ (scripts/sanitize.sh) when it exists, else build/ (FILTERSCOPE_FUZZ_BIN=DIR overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
bin=build/bin
[ -d build-sanitize/bin ] && bin=build-sanitize/bin
bin=${FILTERSCOPE_FUZZ_BIN:-$bin}
export FILTERSCOPE_SHARED_DATA=${FILTERSCOPE_SHARED_DATA:-$(cd .. && pwd)/shared/data}
export QT_QPA_PLATFORM=offscreen
export FILTERSCOPE_BUILD_DIR=${FILTERSCOPE_BUILD_DIR:-$(pwd)/${bin%/bin}}
export FILTERSCOPE_SOURCE_DIR=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# fuzz_input_readers writes each input here before reading it: one that kills the process is kept.
export FILTERSCOPE_FUZZ_LAST=$work/last.bin
# Seeds for the torch.save reader: a small state dict in both shapes torch.save writes.
/usr/bin/python3 - "$work" <<'PY'
import sys, torch, collections
sd = collections.OrderedDict(("layers.0.w%d" % i, torch.randn(4, 3).half()) for i in range(3))
torch.save(sd, sys.argv[1] + "/seed0.pth")
torch.save({"a": torch.zeros(2, 2), "b": [torch.ones(3)]}, sys.argv[1] + "/seed1.pth")
PY
end=$((SECONDS + seconds))
declare -A runs=()
while [ $SECONDS -lt $end ]; do
  for target in pointcloud safetensors torchsave npy manifest image video; do
    seed=$(( (RANDOM << 15) | RANDOM ))
    case $target in
      pointcloud) FILTERSCOPE_FUZZ_SEED=$seed FILTERSCOPE_FUZZ_ITERATIONS=5000 "$bin/filterscope_core_tests" \
                    PointCloudReaderFuzz mutatedScansNeverCrash > "$work/log" 2>&1 ;;
      safetensors) FILTERSCOPE_FUZZ_SEED=$seed FILTERSCOPE_FUZZ_ITERATIONS=50000 "$bin/filterscope_core_tests" \
                    SafetensorsTest mutatedHeadersNeverCrash > "$work/log" 2>&1 ;;
      torchsave) FILTERSCOPE_FUZZ_SEED=$seed "$bin/torch_save_fuzz" 10000 "$work" "$work/seed0.pth" \
                    "$work/seed1.pth" > "$work/log" 2>&1 ;;
      npy) FILTERSCOPE_FUZZ_SEED=$seed FILTERSCOPE_FUZZ_ITERATIONS=50000 "$bin/filterscope_core_tests" \
                    InputReaderFuzz npyNeverCrashes > "$work/log" 2>&1 ;;
      manifest) FILTERSCOPE_FUZZ_SEED=$seed FILTERSCOPE_FUZZ_ITERATIONS=50000 "$bin/filterscope_core_tests" \
                    InputReaderFuzz manifestsNeverCrash > "$work/log" 2>&1 ;;
      image) FILTERSCOPE_FUZZ_SEED=$seed FILTERSCOPE_FUZZ_ITERATIONS=3000 "$bin/filterscope_core_tests" \
                    InputReaderFuzz imagesNeverCrash > "$work/log" 2>&1 ;;
      video) FILTERSCOPE_FUZZ_SEED=$seed FILTERSCOPE_FUZZ_ITERATIONS=100 "$bin/filterscope_core_tests" \
                    InputReaderFuzz videosNeverCrash > "$work/log" 2>&1 ;;
    esac || {
      echo "FAILED: $target with seed $seed"; cat "$work/log"
      case $target in npy|manifest|image|video)
        kept=tests/core/fuzz-regressions/$target-seed$seed.bin
        cp "$work/last.bin" "$kept" && echo "the failing input is kept as $kept: the suite runs it from now on";;
      esac
      exit 1; }
    runs[$target]=$(( ${runs[$target]:-0} + 1 ))
  done
done
for t in "${!runs[@]}"; do echo "$t: ${runs[$t]} runs with random seeds, no finding"; done
