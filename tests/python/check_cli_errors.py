#!/usr/bin/python3
"""filterscope-cli on bad input: each case gives one clear error line naming the file and the problem,
the right exit code, and in a folder run the good inputs still finish completely."""
import argparse
import glob
import json
import os
import shutil
import subprocess

import cv2
import numpy as np
from PIL import Image


def run(cli, *args):
    r = subprocess.run([cli, "run", *args], capture_output=True, text=True, timeout=300)
    errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
    return r.returncode, errors, r.stderr


def expect(name, result, code, *fragments):
    rc, errors, stderr = result
    assert rc == code, f"{name}: exit {rc}, expected {code}\n{stderr}"
    assert len(errors) == 1, f"{name}: expected one error line, got {errors}\n{stderr}"
    for f in fragments:
        assert f in errors[0], f"{name}: {f!r} not in {errors[0]!r}"
    print(f"ok  {name}: {errors[0]}")


def expect_said(name, result, code, *fragments):
    """Like expect, for runs with several messages: each fragment somewhere in stderr."""
    rc, _, stderr = result
    assert rc == code, f"{name}: exit {rc}, expected {code}\n{stderr}"
    for f in fragments:
        assert f in stderr, f"{name}: {f!r} not in\n{stderr}"
    print(f"ok  {name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    src = os.environ["FILTERSCOPE_SOURCE_DIR"]
    fixtures = os.environ["FILTERSCOPE_FIXTURES"]
    demo = os.path.join(os.environ["FILTERSCOPE_BUILD_DIR"], "plugins", "demo-vit-llama")
    good = os.path.join(src, "resources", "demo", "astronaut.png")
    out = os.path.join(a.work, "out")
    fast = ["--no-figures", "--stages", "embed,llm.block"]

    corrupt = os.path.join(a.work, "corrupt.jpg")
    with open(corrupt, "wb") as f:
        f.write(b"\xff\xd8\xff\xe0 definitely not a jpeg")
    missing = os.path.join(a.work, "missing.png")

    expect("corrupt image", run(a.cli, "--plugin", demo, "--input", corrupt, "--out", out, *fast), 1,
           corrupt + ": cannot decode image")
    expect("missing file", run(a.cli, "--plugin", demo, "--input", missing, "--out", out, *fast), 1,
           missing + ": file not found")
    # The words a direct open gets, as for a folder's entries: the kind of input against the plugin's
    # modality, a text file renamed .png, a PNG cut short (libpng's reason, which OpenCV keeps to stderr).
    scan = os.path.join(a.work, "scan.ply")
    open(scan, "w").write("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                          "property float z\nend_header\n0 0 0\n")
    expect("point cloud to an image plugin", run(a.cli, "--plugin", demo, "--input", scan, "--out", out, *fast), 1,
           scan + ": a point cloud; this plugin takes images")
    text = os.path.join(a.work, "notes.png")
    open(text, "w").write("measurements, not a picture\n")
    expect("text renamed .png", run(a.cli, "--plugin", demo, "--input", text, "--out", out, *fast), 1,
           text + ": not a PNG file")
    cut = os.path.join(a.work, "cut.png")
    whole = open(good, "rb").read()
    open(cut, "wb").write(whole[:len(whole) // 3])
    expect("truncated PNG", run(a.cli, "--plugin", demo, "--input", cut, "--out", out, *fast), 1,
           cut + f": truncated PNG: the file ends after {len(whole) // 3} bytes (libpng: Read Error)")
    # Memory bombs, kept as regression inputs: a 64 KB JPEG whose frame header claims 30000x30000 (it was
    # decoded into gigabytes), and a valid 65600x1 PNG (the shorter-side resize asked for 10-36 GB).
    jpeg = cv2.imencode(".jpg", cv2.imread(good))[1].tobytes()
    sof = jpeg.find(b"\xff\xc0")
    bomb = bytearray(jpeg)
    bomb[sof + 5:sof + 9] = (30000).to_bytes(2, "big") + (30000).to_bytes(2, "big")
    open(os.path.join(a.work, "bomb.jpg"), "wb").write(bytes(bomb[:65536]))
    cv2.imwrite(os.path.join(a.work, "wide.png"), np.full((1, 65600, 3), 128, np.uint8))
    expect("decompression bomb", run(a.cli, "--plugin", demo, "--input", os.path.join(a.work, "bomb.jpg"), "--out",
                                     out, *fast), 1,
           os.path.join(a.work, "bomb.jpg") + ": the file declares a 30000x30000 image; at most 100 megapixels")
    expect("extreme aspect", run(a.cli, "--plugin", demo, "--input", os.path.join(a.work, "wide.png"), "--out", out,
                                 *fast), 1,
           os.path.join(a.work, "wide.png") + ": a 65600x1 image would be resized to 14694400x224 before its crop")
    expect("wrong grid", run(a.cli, "--plugin", os.path.join(fixtures, "wrong-grid"), "--input", good, "--out", out), 2,
           "plugin 'wrong-grid'", "capture 'tokens.embed' has 197 tokens, expected N = prefix 1 + grid 7x7 = 50")
    expect("no tokens", run(a.cli, "--plugin", os.path.join(fixtures, "no-tokens"), "--input", good, "--out", out), 2,
           "plugin 'no-tokens'", "returned no tokens.<stage> capture (keys returned: features)")
    expect("missing plugin", run(a.cli, "--plugin", os.path.join(a.work, "nope"), "--input", good, "--out", out), 2,
           os.path.join(a.work, "nope") + ": plugin folder does not exist")
    expect("unknown analysis", run(a.cli, "--plugin", demo, "--input", good, "--out", out, "--analyses", "norm,fft"), 2,
           'unknown analysis "fft"')
    expect("huge capture", run(a.cli, "--plugin", os.path.join(fixtures, "huge-capture"), "--input", good, "--out",
                               out), 2, "capture 'huge' has 2147483648 elements (8192 MiB as float32), more than")
    expect("nan activations", run(a.cli, "--plugin", os.path.join(fixtures, "nan-tokens"), "--input", good, "--out", out),
           1, good + ": plugin 'nan-tokens' produced NaN or Inf activations in tokens.cells")

    # A folder with good and bad inputs: the bad one is reported, the good ones finish completely.
    folder = os.path.join(a.work, "folder")
    os.makedirs(folder)
    for n in ["a.png", "c.png"]:
        shutil.copy(good, os.path.join(folder, n))
    shutil.copy(corrupt, os.path.join(folder, "b.jpg"))
    out2 = os.path.join(a.work, "out2")
    expect("folder run", run(a.cli, "--plugin", demo, "--input", folder, "--out", out2, *fast), 1,
           os.path.join(folder, "b.jpg") + ": cannot decode image")
    assert sorted(os.listdir(out2)) == ["a", "attention_heads.csv", "c", "metrics.csv"], os.listdir(out2)
    for stem in ["a", "c"]:
        for stage in ["embed", "llm.block"]:
            for n in ["norm.npy", "activation.npy", "freq.npy", "spectrum.npy"]:
                arr = np.load(os.path.join(out2, stem, stage, n))
                assert arr.shape == (14, 14) and np.isfinite(arr).all(), (stem, stage, n)
    rows = open(os.path.join(out2, "metrics.csv")).read().splitlines()
    assert len(rows) == 1 + 2 * 2 and not any("b.jpg" in r for r in rows), rows
    print("ok  folder run: 2 of 3 inputs complete, metrics.csv has their 4 rows")

    # Damaged JPEGs that libjpeg decodes anyway (OpenCV says nothing to its caller): real photos truncated
    # at 60%, and with zero bytes before the end marker. PIL, the independent witness, refuses the truncated
    # file; each gets one note naming it; the intact originals get none.
    photos = sorted(glob.glob(os.path.join(os.environ["FILTERSCOPE_SHARED_DATA"], "masks", "*.jpg")))[:2]
    assert len(photos) == 2, photos
    damaged = os.path.join(a.work, "damaged")
    os.makedirs(damaged)
    for i, p in enumerate(photos):
        data = open(p, "rb").read()
        shutil.copy(p, os.path.join(damaged, f"intact{i}.jpg"))
        open(os.path.join(damaged, f"truncated{i}.jpg"), "wb").write(data[:len(data) * 6 // 10])
        end = data.rfind(b"\xff\xd9")
        open(os.path.join(damaged, f"padded{i}.jpg"), "wb").write(data[:end] + bytes(64) + data[end:])
        try:
            Image.open(os.path.join(damaged, f"truncated{i}.jpg")).load()
            raise AssertionError("PIL read a truncated JPEG without complaint")
        except OSError as e:
            assert "truncated" in str(e), e
    rc, errors, stderr = run(a.cli, "--plugin", demo, "--input", damaged, "--out", os.path.join(a.work, "dmg"), *fast)
    assert rc == 0 and not errors, stderr
    notes = [line for line in stderr.splitlines() if line.startswith("note: ")]
    for i in range(2):
        t = [n for n in notes if n.startswith("note: " + os.path.join(damaged, f"truncated{i}.jpg") + ": ")]
        assert len(t) == 1 and "damaged JPEG data, decoded anyway (libjpeg: Premature end of JPEG file" in t[0], notes
        pad = [n for n in notes if n.startswith("note: " + os.path.join(damaged, f"padded{i}.jpg") + ": ")]
        assert len(pad) == 1 and "extraneous bytes before marker 0xd9" in pad[0], notes
    assert not any("intact" in n for n in notes) and len(notes) == 4, notes
    print("ok  damaged JPEGs: 4 notes naming the files (truncated x2, padded x2), none for the intact originals")

    # A plugin whose forward never returns on white images: --timeout skips the input, names plugin and
    # file, the others finish, and the process ends although the pass is still running.
    hangs = os.path.join(fixtures, "hangs-on-bright")
    folder3 = os.path.join(a.work, "folder3")
    os.makedirs(folder3)
    shutil.copy(good, os.path.join(folder3, "a.png"))
    shutil.copy(good, os.path.join(folder3, "c.png"))
    cv2.imwrite(os.path.join(folder3, "b.png"), np.full((64, 64, 3), 255, np.uint8))
    out3 = os.path.join(a.work, "out3")
    expect_said("timeout", run(a.cli, "--plugin", hangs, "--input", folder3, "--out", out3, "--no-figures", "--timeout", "2"),
           1, os.path.join(folder3, "b.png") + ": plugin 'hangs-on-bright' did not return from its forward pass within "
           "2 s; input skipped", "2 of 3 inputs written")
    assert sorted(os.listdir(out3)) == ["a", "c", "metrics.csv"], os.listdir(out3)
    for w in ["w1", "w2", "w3", "w4"]:
        cv2.imwrite(os.path.join(folder3, w + ".png"), np.full((64, 64, 3), 255, np.uint8))
    os.remove(os.path.join(folder3, "b.png"))
    out4 = os.path.join(a.work, "out4")
    r = run(a.cli, "--plugin", hangs, "--input", folder3, "--out", out4, "--no-figures", "--timeout", "1")
    expect_said("timeouts stop the run", r, 1, "stopped: plugin 'hangs-on-bright' overran its --timeout on 3 inputs",
           "finished results are kept: the same command resumes")
    assert "w4.png" not in r[2] and sorted(os.listdir(out4)) == ["a", "c", "metrics.csv"], (r[2], os.listdir(out4))
    expect("bad timeout", run(a.cli, "--plugin", hangs, "--input", good, "--out", out4, "--timeout", "soon"), 2,
           '--timeout must be a number of seconds > 0, got "soon"')
    probe = subprocess.run([a.cli, "probe", "--plugin", hangs, "--input", os.path.join(folder3, "a.png"),
                            os.path.join(folder3, "w1.png"), "--out", os.path.join(a.work, "probe"), "--timeout", "1"],
                           capture_output=True, text=True, timeout=300)
    expect_said("probe timeout", (probe.returncode, [], probe.stderr), 1, os.path.join(folder3, "w1.png") + ": plugin 'hangs-on-bright' did not return",
           "1 items computed")

    # plugin check lists every problem, not only the first, and passes a good plugin.
    r = subprocess.run([a.cli, "plugin", "check", os.path.join(fixtures, "wrong-grid")], capture_output=True, text=True,
                       timeout=120)
    problems = [l for l in r.stdout.splitlines() if l.startswith("  - ")]
    assert r.returncode == 1 and len(problems) == 14, r.stdout
    assert "problems (14):" in r.stdout and "tokens.llm.block" in r.stdout, r.stdout
    r = subprocess.run([a.cli, "plugin", "check", demo], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "ok: every capture fits the contract" in r.stdout, r.stdout
    assert "warning" not in r.stdout + r.stderr, r.stdout + r.stderr
    assert "attn.llm.block               attention          llm.block          [1,4,197,197]" in r.stdout, r.stdout
    print("ok  plugin check: 14 problems of wrong-grid listed; the demo passes")

    # Two problems in one manifest (a grid that does not fit the model's 197 tokens, a zero std), a third
    # (an unknown resize) and two unknown fields: every one is reported, and the model still runs, so the
    # capture problems the grid causes are listed in the same round.
    broken = os.path.join(a.work, "two-problems")
    os.makedirs(broken)
    shutil.copy(os.path.join(demo, "model.pt"), broken)
    man = json.load(open(os.path.join(demo, "plugin.json")))
    man["tokens"]["grid"] = [13, 14]
    man["input"]["std"] = [0.229, 0.0, 0.225]
    man["input"]["resize"] = "fit"
    man["input"]["crop_pc"] = 0.875
    man["licence"] = "MIT"
    json.dump(man, open(os.path.join(broken, "plugin.json"), "w"))
    r = subprocess.run([a.cli, "plugin", "check", broken], capture_output=True, text=True, timeout=120)
    out = r.stdout
    assert r.returncode == 1, out
    assert "manifest problems (2):" in out, out
    assert "'input.std' must be an array of 3 positive numbers (R,G,B on a 0..1 scale), got [0.229,0,0.225]" in out
    assert "'input.resize' must be one of stretch, shorter-crop; got \"fit\"" in out, out
    assert "warning: " in out and "'input.crop_pc' is not a field of schema 1 and is ignored; did you mean " \
        "'input.crop_pct'?" in out, out
    assert "'licence' is not a field of schema 1 and is ignored (a typo, or a field of a newer schema?)" in out, out
    assert "capture 'tokens.embed' has 197 tokens, expected N = prefix 1 + grid 13x14 = 183" in out, out
    # Loading (run) refuses the same manifest naming both problems in one line.
    expect("two-problem manifest", run(a.cli, "--plugin", broken, "--input", good, "--out",
                                       os.path.join(a.work, "out3")), 2, "'input.std' must be", "; 'input.resize'")
    print("ok  plugin check: every manifest problem, the unknown fields as warnings, then the capture problems")


if __name__ == "__main__":
    main()
