#!/usr/bin/python3
"""Draws the demo clip: 48 frames (2 s at 24 fps) of 160x120, a red disc crossing a striped, textured
scene left to right while a blue square bobs; Motion-JPEG AVI. Deterministic (seeded texture).

Usage: make_demo_clip.py OUTPUT.avi
"""
import os
import sys

import cv2
import numpy as np


def main(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    rng = np.random.default_rng(0)
    h, w, n = 120, 160, 48
    yy, xx = np.mgrid[0:h, 0:w]
    scene = np.stack([80 + 40 * np.sin(xx / 9.0), 110 + 30 * np.cos(yy / 7.0), 90 + 20 * np.sin((xx + yy) / 13.0)], -1)
    scene = np.clip(scene + rng.normal(0, 8, scene.shape), 0, 255).astype(np.uint8)
    tmp = path + ".part.avi"
    writer = cv2.VideoWriter(tmp, cv2.VideoWriter_fourcc(*"MJPG"), 24.0, (w, h))
    if not writer.isOpened():
        sys.exit("cannot write " + tmp)
    for f in range(n):
        frame = scene.copy()
        cx = int(15 + (w - 30) * f / (n - 1))
        cv2.circle(frame, (cx, 70), 14, (40, 40, 230), -1)  # BGR: red disc
        sy = int(30 + 15 * np.sin(f / 4.0))
        cv2.rectangle(frame, (110, sy), (132, sy + 22), (220, 120, 30), -1)  # blue square
        writer.write(frame)
    writer.release()
    os.replace(tmp, path)


if __name__ == "__main__":
    main(sys.argv[1])
