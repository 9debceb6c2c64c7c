#!/usr/bin/python3
"""A 300-input `filterscope-cli run` killed with kill -9 in the middle, then the same command again:
nothing finished before the kill is redone (its files keep their modification times), the rest is done,
and the output equals an uninterrupted run's: the same folders, the same .npy bytes, the same CSVs. The
sanitized suite (FILTERSCOPE_SANITIZED) does it on 60 inputs, killed after 12: what it looks for there is
memory errors on the same paths, and each forward pass costs it 3-4 times as much.
Also: --overwrite redoes everything, and a run with another request does not reuse kept folders (checked on
a 24-input folder, 8 in the sanitized suite: those rules do not depend on the count, and the sanitized suite
pays for every pass)."""
import argparse
import filecmp
import os
import shutil
import signal
import subprocess
import time

import cv2


def outputs(out):
    files = {}
    for dirpath, _, names in os.walk(out):
        for n in names:
            p = os.path.join(dirpath, n)
            files[os.path.relpath(p, out)] = p
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    data = os.path.join(a.work, "inputs")
    os.makedirs(data)
    photo = cv2.imread(os.path.join(os.environ["FILTERSCOPE_SOURCE_DIR"], "resources", "demo", "astronaut.png"))
    count = 60 if os.environ.get("FILTERSCOPE_SANITIZED") else 300
    kill_after = count // 5
    for i in range(count):  # different small crops of a real photo
        y, x = (i * 7) % 280, (i * 13) % 280
        cv2.imwrite(os.path.join(data, f"crop{i:03d}.png"), photo[y:y + 232, x:x + 232])
    plugin = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-llama")
    command = [a.cli, "run", "--plugin", plugin, "--input", data, "--no-figures", "--analyses", "norm,activation",
               "--stages", "embed,llm.block", "--device", "cpu", "--quiet"]

    whole = os.path.join(a.work, "whole")
    r = subprocess.run(command + ["--out", whole], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr

    killed = os.path.join(a.work, "killed")
    proc = subprocess.Popen(command + ["--out", killed], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finished = lambda: [d for d in os.listdir(killed) if d.startswith("crop")] if os.path.isdir(killed) else []  # noqa
    deadline = time.monotonic() + 300
    while len(finished()) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    done = sorted(finished())
    assert kill_after <= len(done) < count, len(done)
    stamps = {p: os.stat(p).st_mtime_ns for d in done for p in outputs(os.path.join(killed, d)).values()}
    r = subprocess.run(command + ["--out", killed], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert f"{count} of {count} inputs written ({len(done)} of them done by an earlier run, kept), 0 failed" in r.stderr, r.stderr
    assert all(os.stat(p).st_mtime_ns == t for p, t in stamps.items()), "a folder finished before the kill was redone"
    a_files, b_files = outputs(whole), outputs(killed)
    assert sorted(a_files) == sorted(b_files), set(a_files) ^ set(b_files)
    assert len(a_files) > count * 6
    different = [k for k in a_files if not filecmp.cmp(a_files[k], b_files[k], shallow=False)]
    assert not different, different[:5]
    print(f"ok  kill -9 after {len(done)} of {count} inputs; the rerun kept them (mtimes unchanged), did the other "
          f"{count - len(done)}, and all {len(a_files)} files equal an uninterrupted run's (metrics.csv included)")

    # --overwrite redoes every input; another request (other stages) reuses nothing.
    few = os.path.join(a.work, "few")
    os.makedirs(few)
    n = 8 if os.environ.get("FILTERSCOPE_SANITIZED") else 24
    for name in sorted(os.listdir(data))[::-1][:n]:
        shutil.copy(os.path.join(data, name), few)
    small = [few if c == data else c for c in command]
    kept = os.path.join(a.work, "kept")
    r = subprocess.run(small + ["--out", kept], capture_output=True, text=True, timeout=600)
    assert f"{n} of {n} inputs written (0 of them done by an earlier run, kept)" in r.stderr, r.stderr
    r = subprocess.run(small + ["--out", kept], capture_output=True, text=True, timeout=600)
    assert f"{n} of {n} inputs written ({n} of them done by an earlier run, kept)" in r.stderr, r.stderr
    r = subprocess.run(small + ["--out", kept, "--overwrite"], capture_output=True, text=True, timeout=600)
    assert f"{n} of {n} inputs written (0 of them done by an earlier run, kept)" in r.stderr, r.stderr
    other = [c if c != "embed,llm.block" else "embed" for c in small]
    r = subprocess.run(other + ["--out", kept], capture_output=True, text=True, timeout=600)
    assert f"{n} of {n} inputs written (0 of them done by an earlier run, kept)" in r.stderr, r.stderr
    assert open(os.path.join(kept, "metrics.csv")).read().count(",llm.block,") == 0
    print(f"ok  a second run keeps all {n}; --overwrite redoes all {n}; a run with other --stages reuses none")

if __name__ == "__main__":
    main()
