"""Independent numpy versions of Filterscope's analyses, written from the formulas in plugins/README.md
(not from the C++), for the script tests to compare against."""
import numpy as np

ZERO = 1e-5


def grid_tokens(tokens, prefix, h, w):
    t = np.asarray(tokens, dtype=np.float64)[0]
    assert t.shape[0] == prefix + h * w, t.shape
    return t[prefix:]


def norm_map(tokens, prefix, h, w):
    return np.linalg.norm(grid_tokens(tokens, prefix, h, w), axis=1).reshape(h, w)


def activation_map(tokens, prefix, h, w):
    x = grid_tokens(tokens, prefix, h, w)
    return np.linalg.norm(x - x.mean(axis=0), axis=1).reshape(h, w)


def phases(x):
    """Phase of the full DFT over channels with the documented rules."""
    c = x.shape[-1]
    spec = np.fft.fft(x, axis=-1)
    mag = np.abs(spec)
    p = np.angle(spec)
    p[p <= -np.pi] = np.pi
    real_bins = [0] + ([c // 2] if c % 2 == 0 else [])
    for k in real_bins:
        p[..., k] = np.where(spec[..., k].real >= 0, 0.0, np.pi)
    p[mag <= ZERO * mag.max(axis=-1, keepdims=True)] = 0.0
    return p


def freq_map(tokens, prefix, h, w):
    p = phases(grid_tokens(tokens, prefix, h, w))
    return np.linalg.norm(p - p.mean(axis=0), axis=1).reshape(h, w)


def spectrum(tokens, prefix, h, w):
    x = grid_tokens(tokens, prefix, h, w).reshape(h, w, -1)
    f = np.fft.fft2(x, axes=(0, 1))
    power = (np.abs(f) ** 2).mean(axis=2)
    power[0, 0] = 0.0
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.fftfreq(w)[None, :]
    r = np.sqrt(fy ** 2 + fx ** 2)
    total = power.sum()
    hf = power[r > 0.25].sum() / total if total > 0 else 0.0
    return np.fft.fftshift(power), hf
