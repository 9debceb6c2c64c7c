#!/usr/bin/env bash
# Installs every Debian package Filterscope needs to build, test and run. Idempotent: a second run only
# checks. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6opengl6-dev libqt6svg6-dev libxkbcommon-dev libgl-dev
  # OpenBLAS: without it LibTorch falls back to the reference BLAS and runs models several times slower.
  libtorch-dev libopenblas0-pthread libopencv-dev libvtk9-dev libfftw3-dev libjpeg-dev libpng-dev
  xvfb xauth libgl1-mesa-dri
  # Tests render exported PDFs with an independent renderer (pdftoppm).
  poppler-utils
  python3 python3-numpy python3-scipy python3-torch python3-opencv python3-pil python3-torchvision
  # Benchmarks only: the matplotlib figure path tests/bench/bench_figures_vs_python.py compares against.
  python3-matplotlib
  fonts-dejavu-core
  # The Chinese interface: a CJK font, and Qt's own translations of its standard dialogs.
  fonts-noto-cjk qt6-translations-l10n
  # cpack -G DEB derives the package's dependencies with dpkg-shlibdeps; the package test validates the
  # .desktop file and the AppStream metainfo with the tools desktops use.
  dpkg-dev desktop-file-utils appstream
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup-debian: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-debian: done"
