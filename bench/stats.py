"""Percentiles shared by the benchmarks (linear interpolation between closest ranks)."""

from __future__ import annotations


def pct(values: list[float], q: float, digits: int = 1) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), digits)
