#!/usr/bin/python3
"""The installer: cpack builds the .deb and the .tgz from the build folder; the .deb declares the runtime
libraries as dependencies and holds the layout the programs expect; unpacked with `dpkg -x` into a
temporary folder (and the archive into another), the programs answer --version and --help, find their
data beside themselves, and a demo run with the installed plugin and image writes the same numbers as
the build tree's CLI."""
import argparse
import glob
import os
import re
import shutil
import subprocess
import tarfile

import cv2
import numpy as np
import torch


def sh(*cmd, timeout=120, env=None):
    r = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout, env=env)
    assert r.returncode == 0, f"{' '.join(cmd)}: exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r.stdout


def check_version(text, program, prefix):
    lines = text.splitlines()
    assert re.fullmatch(rf"{program} \d+\.\d+\.\d+", lines[0]), lines[0]
    body = "\n".join(lines[1:])
    for pattern in [r"Qt 6\.\d+\.\d+", r"OpenCV " + re.escape(cv2.__version__), r"VTK 9\.\d+", r"FFTW 3\.\d+"]:
        assert re.search(pattern, body), f"{program} --version lacks {pattern}:\n{text}"
    # Debian's python3-torch is the same version as libtorch: the reported one is the one linked.
    torch_version = re.match(r"\d+\.\d+\.\d+", torch.__version__).group(0)  # "1.13.0a0+git…" -> 1.13.0
    assert f"LibTorch {torch_version}" in body, text
    data = re.search(r"data: (.*)", body)
    assert data and data.group(1) == os.path.join(prefix, "share", "filterscope"), f"data folder:\n{text}"
    print(f"ok  {program} --version: {' | '.join(l.strip() for l in lines)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    build = os.environ["FILTERSCOPE_BUILD_DIR"]
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    cpack = shutil.which("cpack")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    sh(cpack, "-G", "DEB", "--config", os.path.join(build, "CPackConfig.cmake"), "-B",
       os.path.join(a.work, "pkg"), timeout=900)
    debs = glob.glob(os.path.join(a.work, "pkg", "*.deb"))
    assert len(debs) == 1, debs
    deb = debs[0]
    depends = sh("dpkg-deb", "-f", deb, "Depends")
    for lib in ["libqt6core6", "libqt6widgets6", "libqt6charts6", "libqt6svg6", "libtorch", "libopencv-core",
                "libopencv-videoio", "libvtk9", "libfftw3"]:
        assert lib in depends, f"Depends lacks {lib}: {depends}"
    print(f"ok  Depends (from dpkg-shlibdeps) names Qt, LibTorch, OpenCV, VTK and FFTW ({len(depends.split(','))} packages)")
    listing = sh("dpkg-deb", "-c", deb)
    for path in ["./usr/bin/filterscope", "./usr/bin/filterscope-cli",
                 "./usr/share/filterscope/plugins/demo-vit-llama/model.pt",
                 "./usr/share/filterscope/plugins/demo-vit-ablations/llama-demo/",
                 "./usr/share/filterscope/translations/filterscope_zh_CN.qm",
                 "./usr/share/filterscope/demo/astronaut.png", "./usr/share/filterscope/demo/milk.pcd",
                 "./usr/share/filterscope/docs/user-guide.md",
                 "./usr/share/applications/org.filterscope.Filterscope.desktop",
                 "./usr/share/metainfo/org.filterscope.Filterscope.metainfo.xml",
                 "./usr/share/icons/hicolor/48x48/apps/filterscope.png",
                 "./usr/share/icons/hicolor/256x256/apps/filterscope.png",
                 "./usr/share/icons/hicolor/scalable/apps/filterscope.svg"]:
        assert re.search(rf"\s{re.escape(path)}(\s|$)", listing), f"{path} not in the package"
    print("ok  package layout: programs, plugins, translations, demo, docs, .desktop, icons, metainfo")

    root = os.path.join(a.work, "unpacked")
    sh("dpkg", "-x", deb, root)
    share = os.path.join(root, "usr", "share")
    out = sh("desktop-file-validate", os.path.join(share, "applications", "org.filterscope.Filterscope.desktop"))
    assert "error" not in out.lower(), out
    out = sh("appstreamcli", "validate", "--no-net", os.path.join(share, "metainfo", "org.filterscope.Filterscope.metainfo.xml"))
    assert "Validation was successful" in out, out
    print("ok  desktop-file-validate and appstreamcli validate accept the .desktop file and the metainfo")

    prefix = os.path.join(root, "usr")
    cli = os.path.join(prefix, "bin", "filterscope-cli")
    gui = os.path.join(prefix, "bin", "filterscope")
    check_version(sh(cli, "--version", env=env), "filterscope-cli", prefix)
    check_version(sh(gui, "--version", env=env), "filterscope", prefix)
    usage = sh(gui, "--help", env=env)
    assert usage.startswith("usage: filterscope ") and "--session FILE" in usage, usage
    assert sh(cli, "--help", env=env).startswith("usage: filterscope-cli COMMAND")
    print("ok  --help on both programs prints usage and exits")

    data = os.path.join(prefix, "share", "filterscope")
    installed_out, build_out = os.path.join(a.work, "out-installed"), os.path.join(a.work, "out-build")
    for program, out in [(cli, installed_out), (a.cli, build_out)]:
        sh(program, "run", "--plugin", os.path.join(data, "plugins", "demo-vit-llama"), "--input",
           os.path.join(data, "demo", "astronaut.png"), "--out", out, timeout=300, env=env)
    maps = sorted(glob.glob(os.path.join(installed_out, "astronaut", "*", "*.npy")))
    assert len(maps) >= 4, maps
    for m in maps:
        twin = os.path.join(build_out, os.path.relpath(m, installed_out))
        assert np.array_equal(np.load(m), np.load(twin)), f"{m} differs from the build tree's run"
    assert open(os.path.join(installed_out, "metrics.csv")).read() == open(os.path.join(build_out, "metrics.csv")).read()
    print(f"ok  demo run from the unpacked package: {len(maps)} maps and metrics.csv equal to the build tree's")

    sh(cpack, "-G", "TGZ", "--config", os.path.join(build, "CPackConfig.cmake"), "-B",
       os.path.join(a.work, "pkg"), timeout=900)
    tgz = glob.glob(os.path.join(a.work, "pkg", "*.tar.gz"))
    assert len(tgz) == 1, tgz
    anywhere = os.path.join(a.work, "some where", "else")
    os.makedirs(anywhere)
    with tarfile.open(tgz[0]) as t:
        t.extractall(anywhere)
    (top,) = os.listdir(anywhere)
    moved = os.path.join(anywhere, top)
    check_version(sh(os.path.join(moved, "bin", "filterscope-cli"), "--version", env=env), "filterscope-cli", moved)
    assert os.path.isfile(os.path.join(moved, "share", "filterscope", "plugins", "demo-vit-llama", "plugin.json"))
    print(f"ok  the archive unpacked under a path with a space works from there ({top})")


if __name__ == "__main__":
    main()
