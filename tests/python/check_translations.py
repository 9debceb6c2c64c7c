#!/usr/bin/python3
"""The Chinese interface is complete: lrelease reports 0 unfinished; lupdate run on today's sources adds no
entry (a string added to the code without a translation fails here); every translation keeps its source's
%1…%n placeholders, its shortcut keys, and translates the terms of the field the same way each time."""
import argparse
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

# Terms as Chinese papers in the field write them: whenever the source has the term, the translation has
# this rendering.
TERMS = {"attention head": "注意力头", "activation": "激活", "frequency": "频率", "token": "词元",
         "stage": "阶段", "rollout": "展开", "mask": "掩码", "heads": "头"}


def placeholders(text):
    return sorted(re.findall(r"%(?:\d+|n)", text))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ts", required=True)
    ap.add_argument("--lupdate", required=True)
    ap.add_argument("--lrelease", required=True)
    ap.add_argument("--sources", nargs="+", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--include", default="", help="include folder, so lupdate resolves classes as CMake's run does")
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)

    r = subprocess.run([a.lrelease, a.ts, "-qm", os.path.join(a.work, "zh_CN.qm")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    m = re.search(r"Generated (\d+) translation\(s\) \((\d+) finished and (\d+) unfinished\)", r.stdout)
    assert m, r.stdout
    total, finished, unfinished = map(int, m.groups())
    assert unfinished == 0 and total == finished, r.stdout
    print(f"ok  lrelease: {total} translations, {finished} finished, 0 unfinished")

    fresh = os.path.join(a.work, "fresh_zh_CN.ts")
    shutil.copy(a.ts, fresh)
    include = ["-I", a.include] if a.include else []
    r = subprocess.run([a.lupdate, "-no-obsolete", "-locations", "none", *include, *a.sources, "-ts", fresh],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    m = re.search(r"Found (\d+) source text\(s\) \((\d+) new and (\d+) already existing\)", r.stdout)
    assert m, r.stdout
    assert int(m.group(2)) == 0, f"strings in the sources without a translation: {r.stdout}"
    assert int(m.group(1)) == total, f"{m.group(1)} strings in the sources, {total} in the .ts (stale entries)"
    print(f"ok  lupdate on the sources: {m.group(1)} strings, 0 new")

    checked = 0
    for ctx in ET.parse(a.ts).getroot():
        for msg in ctx.findall("message"):
            src = msg.find("source").text
            tr = msg.find("translation")
            forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
            for text in forms:
                assert text.strip() or not src.strip(), f"empty translation of {src!r}"
                assert placeholders(text) == placeholders(src), f"placeholders differ: {src!r} -> {text!r}"
                if re.fullmatch(r"(Ctrl\+)?(Shift\+)?.", src) or src.startswith("Ctrl+"):
                    assert text == src, f"shortcut changed: {src!r} -> {text!r}"
                if "&" in src.replace("&gt;", "").replace("&lt;", "").replace("&amp;", "") and not src.startswith("<"):
                    key = re.search(r"&(\w)", src)
                    if key:
                        assert f"(&{key.group(1).upper()})" in text or f"&{key.group(1)}" in text, \
                            f"menu key lost: {src!r} -> {text!r}"
                low = src.lower()
                for en, zh in TERMS.items():
                    if re.search(rf"\b{en}s?\b", low) and not re.search(r"\b(?:attn|xattn|wattn)\.", low):
                        assert zh in text, f"term {en!r} not rendered as {zh!r}: {src!r} -> {text!r}"
                checked += 1
    print(f"ok  {checked} translations keep their placeholders, shortcut keys and the field's terms")


if __name__ == "__main__":
    main()
