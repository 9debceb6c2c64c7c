#!/usr/bin/env bash
# README command (a): install what is needed, build, and run the trained demo (plugins/demo-shapes, whose
# truth is known): one input through every stage, then the bundled sample set (40 shapes with exact masks
# and labels) probed through all four variants — +LLM layer, +random layer, +adapters, baseline. The probe
# prints accuracy and mask scores per variant with 95% intervals; results land in demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
sample=build/share/filterscope/demo/shapes
build/bin/filterscope-cli run --plugin build/plugins/demo-shapes --input "$sample/images/shape_3_0000.png" \
  --out demo-out --quiet
build/bin/filterscope-cli probe --plugin build/plugins/demo-shapes --variant all --input "$sample/images" \
  --masks "$sample/masks" --labels "$sample/labels.csv" --out demo-out/probe --quiet
echo "demo: the probe's report is $(pwd)/demo-out/probe/report.html; one input's maps and figures are in"
echo "      $(pwd)/demo-out/shape_3_0000 (start with llm.block/activation_overlay.png)"
