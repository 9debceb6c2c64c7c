#!/usr/bin/env bash
# Copies the screenshots the GUI tests take (build/screenshots, after `ctest`) into docs/images for the user
# guide, scaled to 1000 px wide and reduced to 256 colours so the repository stays small. Needs ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-build/screenshots}
# The trained demo's shots (main-activation, heads, compare, variants-compare, probe-panel, interface-zh_CN,
# getting-started-zh_CN) come from the real window instead: scripts/guide-demo-screenshots.sh.
shots=(heads-large charts-0 token-to-token queries probe-running-status video-scrubber pointcloud-3d-view
       input-folder-notice input-error-in-place session-reopened session-recovery swin-stages token-outliers
       layer-similarity-compare faithfulness fourier-depth)
mkdir -p docs/images
for s in "${shots[@]}"; do
  if [ ! -f "$src/$s.png" ]; then echo "missing $src/$s.png (run ctest first)" >&2; exit 1; fi
  convert "$src/$s.png" -resize '1000x>' -colors 256 -strip "PNG8:docs/images/$s.png"
done
echo "docs/images: ${#shots[@]} screenshots from $src"
