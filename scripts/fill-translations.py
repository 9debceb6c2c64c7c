#!/usr/bin/python3
"""Fills unfinished entries of a Qt .ts file from a TSV of `source<TAB>translation` lines (\\n for a line
break), matched on the exact source text; prints what is still unfinished. After lupdate has added new
strings:  scripts/fill-translations.py translations/filterscope_zh_CN.ts new-strings.tsv"""
import sys
import xml.etree.ElementTree as ET


def main():
    ts_path = sys.argv[1]
    pairs = {}
    if len(sys.argv) > 2:
        for line in open(sys.argv[2], encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                src, dst = line.rstrip("\n").split("\t")
                pairs[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    tree = ET.parse(ts_path)
    left = []
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        if tr.get("type") != "unfinished":
            continue
        src = message.find("source").text
        if src not in pairs:
            left.append(src)
            continue
        del tr.attrib["type"]
        if message.get("numerus") == "yes":
            for form in tr.findall("numerusform"):
                form.text = pairs[src]
        else:
            tr.text = pairs[src]
    with open(ts_path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(ET.tostring(tree.getroot(), encoding="unicode"))
        f.write("\n")
    for src in left:
        print(f"unfinished: {src!r}")


if __name__ == "__main__":
    main()
