"""The quarterly sampling inspection (M3; 003 §43): at least half of all sites, drawn at random with a
recorded seed so the draw can be shown to be fair and repeated. Pure Python, no Django import."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
MIN_SHARE = 0.5  # 003 §43: 抽查比例不低于50%


def sample_size(total: int, share: float = MIN_SHARE) -> int:
    """How many of `total` sites are checked: at least `share` of them, rounded up, never below 50%."""
    if not 0 < share <= 1:
        raise ValueError("抽查比例应在 0 到 1 之间")
    return math.ceil(total * max(share, MIN_SHARE))


def draw(sites: Sequence[T], seed: int, share: float = MIN_SHARE, key=str) -> list[T]:
    """The sites drawn for one sampling: the same sites and seed always give the same draw."""
    ordered = sorted(sites, key=key)
    return sorted(random.Random(seed).sample(ordered, sample_size(len(ordered), share)), key=key)
