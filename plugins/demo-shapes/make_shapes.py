#!/usr/bin/python3
"""The demo-shapes task: one object per image whose class only its shape decides, on clutter that carries
no class information, with the object's exact pixel mask.

    make_shapes.py --seed S --count N OUT

writes OUT/images/shape_<seed>_<i>.png (64x64 RGB), OUT/masks/shape_<seed>_<i>_mask.png (255 on the
object's pixels, 0 elsewhere) and OUT/labels.csv (input,label,label_name; input relative to OUT).

What varies at random, per image: the object's colour, size (radius 10-18 px), position (whole, inside the
frame), rotation; the background (two colours blended by smooth noise), 3-6 strokes (lines and arcs),
2-4 distractor blobs (smooth irregular outlines, never a class shape, smaller than the object). Clutter is
drawn first and the object over it, so the mask is exactly the pixels the object covers. Colours are drawn
apart from the background's so the object is visible; nothing of the clutter depends on the class.

Deterministic: equal seeds give byte-equal files (numpy's PCG64 seeded with S; OpenCV draws and writes).
"""
import argparse
import csv
import math
import os

import cv2
import numpy as np

CLASSES = ["circle", "square", "triangle", "star", "cross"]
SIZE = 64
# OpenCV's fixed-point drawing: 4 fractional bits give sub-pixel outlines (anti-aliasing stays off, so a
# pixel is object or not and the mask is exact).
SHIFT = 4


def polygon(kind, cx, cy, r, angle):
    """Outline of a class shape centred at (cx, cy), circumradius r, rotated by angle (radians)."""
    if kind == "circle":
        t = np.linspace(0, 2 * math.pi, 64, endpoint=False)
        pts = np.stack([np.cos(t), np.sin(t)], 1) * r
    elif kind == "square":
        t = np.array([0.25, 0.75, 1.25, 1.75]) * math.pi
        pts = np.stack([np.cos(t), np.sin(t)], 1) * r
    elif kind == "triangle":
        t = np.array([-0.5, 1 / 6, 5 / 6]) * math.pi
        pts = np.stack([np.cos(t), np.sin(t)], 1) * r
    elif kind == "star":
        t = np.arange(10) * math.pi / 5 - math.pi / 2
        rad = np.where(np.arange(10) % 2 == 0, r, 0.42 * r)
        pts = np.stack([np.cos(t) * rad, np.sin(t) * rad], 1)
    elif kind == "cross":
        a, b = r * 0.95, r * 0.32  # arm half-length and half-width
        pts = np.array([[b, -a], [b, -b], [a, -b], [a, b], [b, b], [b, a], [-b, a], [-b, b], [-a, b], [-a, -b],
                        [-b, -b], [-b, -a]])
    else:
        raise ValueError(kind)
    c, s = math.cos(angle), math.sin(angle)
    rot = pts @ np.array([[c, s], [-s, c]])
    return rot + np.array([cx, cy])


def fill(img, pts, colour):
    cv2.fillPoly(img, [np.round(pts * (1 << SHIFT)).astype(np.int32)], colour, lineType=cv2.LINE_8, shift=SHIFT)


def smooth_noise(rng, h, w, cells):
    """Values in [0, 1] varying over about `cells` cells per side (bicubic upsampling of a coarse grid)."""
    coarse = rng.random((cells + 1, cells + 1)).astype(np.float32)
    return np.clip(cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC), 0, 1)


def colour_far_from(rng, others, min_distance=110):
    for _ in range(100):
        c = rng.integers(0, 256, 3)
        if all(np.linalg.norm(c - o) >= min_distance for o in others):
            return c
    return 255 - np.mean(others, axis=0).astype(int)


def background(rng):
    a, b = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    t = smooth_noise(rng, SIZE, SIZE, int(rng.integers(2, 6)))[..., None]
    grain = rng.normal(0, 6, (SIZE, SIZE, 3))
    img = np.clip(a * (1 - t) + b * t + grain, 0, 255).astype(np.uint8)
    return img, [a, b]


def draw_strokes(rng, img):
    for _ in range(int(rng.integers(3, 7))):
        colour = tuple(int(v) for v in rng.integers(0, 256, 3))
        thick = int(rng.integers(1, 3))
        if rng.random() < 0.5:
            p, q = rng.integers(0, SIZE, 2), rng.integers(0, SIZE, 2)
            cv2.line(img, tuple(int(v) for v in p), tuple(int(v) for v in q), colour, thick, cv2.LINE_8)
        else:
            centre = tuple(int(v) for v in rng.integers(0, SIZE, 2))
            axes = tuple(int(v) for v in rng.integers(6, 30, 2))
            start = float(rng.uniform(0, 360))
            cv2.ellipse(img, centre, axes, float(rng.uniform(0, 180)), start, start + float(rng.uniform(40, 160)),
                        colour, thick, cv2.LINE_8)


def draw_blobs(rng, img):
    """Smooth irregular outlines: a radius that wobbles with low harmonics of random phase, no corners and
    no symmetry a class shape has."""
    for _ in range(int(rng.integers(2, 5))):
        cx, cy = rng.uniform(4, SIZE - 4, 2)
        r0 = rng.uniform(3.5, 7.5)
        t = np.linspace(0, 2 * math.pi, 48, endpoint=False)
        wobble = sum(rng.uniform(0.1, 0.3) * np.cos(k * t + rng.uniform(0, 2 * math.pi)) for k in (1, 2, 3))
        rad = r0 * (1 + wobble)
        pts = np.stack([cx + rad * np.cos(t), cy + rad * np.sin(t)], 1)
        fill(img, pts, tuple(int(v) for v in rng.integers(0, 256, 3)))


def make_one(rng, label):
    img, bg = background(rng)
    draw_strokes(rng, img)
    draw_blobs(rng, img)
    r = rng.uniform(10, 18)
    cx, cy = rng.uniform(r + 1, SIZE - r - 1, 2)
    angle = rng.uniform(0, 2 * math.pi)
    pts = polygon(CLASSES[label], cx, cy, r, angle)
    colour = tuple(int(v) for v in colour_far_from(rng, bg))
    fill(img, pts, colour)
    mask = np.zeros((SIZE, SIZE), np.uint8)
    fill(mask, pts, 255)
    return img, mask


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("out")
    a = ap.parse_args()
    if a.count < 1:
        ap.error("--count must be at least 1")
    rng = np.random.Generator(np.random.PCG64(a.seed))
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "masks"), exist_ok=True)
    # Classes in turn, shuffled: every class as often as the count allows.
    labels = np.resize(np.arange(len(CLASSES)), a.count)
    rng.shuffle(labels)
    width = max(4, len(str(a.count - 1)))
    with open(os.path.join(a.out, "labels.csv"), "w", newline="") as f:
        table = csv.writer(f, lineterminator="\n")
        table.writerow(["input", "label", "label_name"])
        for i, label in enumerate(labels):
            stem = f"shape_{a.seed}_{i:0{width}d}"
            img, mask = make_one(rng, int(label))
            cv2.imwrite(os.path.join(a.out, "images", stem + ".png"), img[..., ::-1])  # RGB drawn, BGR written
            cv2.imwrite(os.path.join(a.out, "masks", stem + "_mask.png"), mask)
            table.writerow([f"images/{stem}.png", int(label), CLASSES[label]])


if __name__ == "__main__":
    main()
