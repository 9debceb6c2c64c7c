#!/usr/bin/env bash
# The user guide's screenshots of the trained demo (plugins/demo-shapes), taken from the real window under
# Xvfb at 1280x800 (its input: the sample's first image; the Probe dock on the whole sample), scaled to
# 1000 px and 256 colours into docs/images like scripts/update-guide-screenshots.sh does for the GUI tests'
# shots. Needs a build (scripts/build.sh) and xdotool + ImageMagick (apt-get install xdotool imagemagick).
# Clicks go to fixed positions of the default layout at 1280x800 (the Probe and Heads tabs, the dock's Run
# and combos): after a layout change, look at the shots before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A settings-free start each time: no recent plugin, no restored layout, the demo's probe folder fresh.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache

# shot NAME "xdotool steps once the window has settled" [filterscope arguments...]
shot() {
  local name=$1
  STEPS=$2 OUT=$work/$1.png xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    build/bin/filterscope "$@" >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 120); do
      id=$(xdotool search --onlyvisible --name "Filterscope|demo-shapes" 2>/dev/null | head -1 || true)
      [ -n "$id" ] && break
      sleep 0.5
    done
    xdotool windowmove "$id" 0 0 windowsize "$id" 1280 800
    sleep 6
    xdotool windowfocus --sync "$id"  # no window manager gives it focus: keys would go nowhere
    eval "$STEPS"
    import -window root "$OUT"
    kill $app
    wait $app 2>/dev/null || true' _ "${@:3}"
  convert "$work/$name.png" -resize '1000x>' -colors 256 -strip "PNG8:docs/images/$name.png"
  echo "docs/images/$name.png"
}

shot main-activation ""
shot heads "xdotool key ctrl+5; sleep 3; xdotool mousemove 904 582 click 1; sleep 2"
shot compare "" --compare-variant baseline
shot variants-compare "xdotool key alt+r; sleep 2" --compare-variant baseline
# The Probe dock: Run on the prefilled sample, then AUROC of the activation map.
shot probe-panel "xdotool mousemove 1035 582 click 1; sleep 1; xdotool mousemove 858 201 click 1; sleep 45;
  xdotool mousemove 967 230 click 1; sleep 1; xdotool type AUROC; xdotool key Return; sleep 1;
  xdotool mousemove 1183 230 click 1; sleep 1; xdotool type Activation; xdotool key Return; sleep 2"
shot interface-zh_CN "" --language zh_CN
shot getting-started-zh_CN "xdotool key F1; sleep 2" --language zh_CN
