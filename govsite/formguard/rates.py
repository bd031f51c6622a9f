"""Rate strings such as "5/10m" and the fixed windows they are counted in (I1: abuse of public forms).

Pure Python: the decorator in `ratelimit.py` counts in Django's cache; here only the arithmetic.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .refusal import Refused

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Longer windows would keep counters for days and punish a shared address for too long.
MAX_PERIOD_SECONDS = 7 * 86400
_RATE = re.compile(r"\s*(?P<count>\d{1,9})\s*/\s*(?P<number>\d{0,6})\s*(?P<unit>[smhd])\s*")


@dataclass(frozen=True)
class Rate:
    """At most `count` requests per `seconds`-long window."""

    count: int
    seconds: int


@dataclass(frozen=True)
class Window:
    """The fixed window a moment falls in: its number since the epoch and the whole seconds left in it."""

    index: int
    seconds_left: int


def parse_rate(text: object) -> Rate:
    """ "5/10m" → 5 per 600 s; units s, m, h, d; "100/h" means one hour."""
    example = "应为“次数/时长”，如“5/10m”表示每10分钟5次（时长单位：s 秒、m 分钟、h 小时、d 天）"
    if not isinstance(text, str):
        raise Refused(f"限流规则“{text!r}”格式不正确：{example}", "rate_format")
    match = _RATE.fullmatch(text)
    if match is None:
        raise Refused(f"限流规则“{text}”格式不正确：{example}", "rate_format")
    count = int(match["count"])
    seconds = int(match["number"] or 1) * UNIT_SECONDS[match["unit"]]
    if count < 1:
        raise Refused(f"限流规则“{text}”的次数至少为1；不限流请不设此规则", "rate_count")
    if not 1 <= seconds <= MAX_PERIOD_SECONDS:
        raise Refused(f"限流规则“{text}”的时长应在1秒到7天之间", "rate_period")
    return Rate(count, seconds)


def window_at(now: float, seconds: int) -> Window:
    """Windows start at multiples of `seconds` since the epoch, the same in every process."""
    index = math.floor(now / seconds)
    return Window(index, max(1, math.ceil((index + 1) * seconds - now)))


def minutes_to_wait(seconds: int) -> int:
    """Whole minutes, rounded up, for "请X分钟后再试": never 0."""
    return max(1, math.ceil(seconds / 60))
