#!/usr/bin/env bash
# README command (a): install what is needed, build, and analyse the bundled demo image through the
# bundled demo plugin. Results: demo-out/ (maps as .npy, figures as .png, demo-out/metrics.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
build/bin/filterscope-cli run --plugin build/plugins/demo-vit-llama --input resources/demo/astronaut.png \
  --out demo-out
echo "demo: figures and numbers in $(pwd)/demo-out (start with demo-out/astronaut/llm.block/activation_overlay.png)"
