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


def attention_row(attn, prefix, h, w, head, query):
    a = np.asarray(attn, dtype=np.float64)[0]
    row = a.mean(axis=0)[query] if head < 0 else a[head, query]
    return row[prefix:].reshape(h, w)


def rollout(attns, prefix, h, w, query=0):
    n = attns[0].shape[-1]
    r = np.eye(n)
    for attn in attns:
        a = 0.5 * np.asarray(attn, dtype=np.float64)[0].mean(axis=0) + 0.5 * np.eye(n)
        a = a / a.sum(axis=1, keepdims=True)
        r = a @ r
    return r[query, prefix:].reshape(h, w)


def mass_mask(m, share=0.6):
    v = np.clip(np.nan_to_num(np.asarray(m, dtype=np.float64).ravel()), 0, None)
    order = np.argsort(-v, kind="stable")
    csum = np.cumsum(v[order])
    keep = np.searchsorted(csum, share * v.sum(), side="left") + 1  # include the cell that crosses
    mask = np.zeros_like(v)
    mask[order[:keep]] = 1
    return mask.reshape(np.shape(m))


def head_statistics(attn, prefix, h, w, query=0):
    a = np.asarray(attn, dtype=np.float64)[0]
    n = a.shape[-1]
    ys, xs = np.divmod(np.arange(h * w), w)
    dist = np.hypot(ys[:, None] - ys[None, :], xs[:, None] - xs[None, :])
    out = []
    for head in a:
        p = head[query]
        ent = -(p[p > 0] * np.log(p[p > 0])).sum() / np.log(n)
        g = head[prefix:, prefix:]
        mean_distance = ((g * dist).sum(axis=1) / g.sum(axis=1)).mean()
        sink = head[:, :prefix].sum(axis=1).mean()
        out.append((ent, mean_distance, sink))
    return out
