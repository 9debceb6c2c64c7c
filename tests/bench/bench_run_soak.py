#!/usr/bin/python3
"""Soak benchmark of `filterscope-cli run`: a batch of N inputs (different crops of a real photo), the
process's resident memory sampled and printed every 100 finished inputs. Flat means nothing accumulates.

usage: /usr/bin/python3 tests/bench/bench_run_soak.py BUILD_DIR [--inputs 1000]"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import cv2

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--inputs", type=int, default=1000)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="soak-")
    try:
        data = os.path.join(work, "in")
        os.makedirs(data)
        photo = cv2.imread(os.path.join(SOURCE, "resources", "demo", "astronaut.png"))
        for i in range(a.inputs):
            y, x = (i * 7) % 200, (i * 13) % 200
            cv2.imwrite(os.path.join(data, f"crop{i:04d}.png"), photo[y:y + 300, x:x + 300])
        out = os.path.join(work, "out")
        cmd = [os.path.join(a.build, "bin", "filterscope-cli"), "run", "--plugin",
               os.path.join(a.build, "plugins", "demo-vit-llama"), "--input", data, "--out", out, "--no-figures",
               "--quiet", "--device", "cpu"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"filterscope-cli run over {a.inputs} inputs (demo-vit-llama, every analysis, no figures)")
        print(f"{'inputs':>8} {'RSS MB':>8}")
        next_mark, start = 100, time.monotonic()
        while proc.poll() is None and time.monotonic() - start < 3600:
            done = sum(1 for d in os.listdir(out) if d.startswith("crop")) if os.path.isdir(out) else 0
            if done >= next_mark:
                print(f"{done:>8} {rss_mb(proc.pid) or 0:>8.1f}", flush=True)
                next_mark += 100
            time.sleep(0.02)
        proc.wait(timeout=60)
        print(f"exit {proc.returncode}, {a.inputs / (time.monotonic() - start):.1f} inputs/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
