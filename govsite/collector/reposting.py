"""The 12-hour reposting rule (P8; 000 5.1.6: 对上级政府网站发布的重要政策信息，应在12小时内转载); no Django import.

The clock starts when the superior site published the item, as 5.1.6 counts it, when its page says so to
the minute (the PubDate tag is "YYYY-MM-DD HH:MM"); otherwise, with only a date or none, when the item
was collected, the first moment the platform provably knew of it (a date alone would start the clock at
midnight and could make an item overdue before anyone could see it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from .extraction import UpstreamDate

REPOST_WITHIN = timedelta(hours=12)
_KEYWORD_SEPARATORS = re.compile(r"[\s,，;；、]+")


def keywords(text: str) -> list[str]:
    """The keyword rules as an administrator types them: separated by spaces, commas, semicolons or 、."""
    return [word for word in _KEYWORD_SEPARATORS.split(text or "") if word]


def is_important(source_important: bool, rules: Iterable[str], title: str) -> bool:
    """Important when the whole source is (a superior portal's policy column) or a keyword is in the title."""
    return source_important or any(word in title for word in rules)


def repost_due(collected_at: datetime, upstream: UpstreamDate | None) -> datetime:
    """When the item must be reposted: 12 hours after upstream publication if known to the minute, else
    after collection (see the module docstring). `upstream` is in the same time zone as `collected_at`."""
    start = upstream.value if upstream is not None and upstream.precise else collected_at
    return start + REPOST_WITHIN


def remaining(due: datetime, now: datetime) -> timedelta:
    """Time left until the deadline; negative once it has passed."""
    return due - now


def countdown(due: datetime, now: datetime) -> str:
    """What the editor reads: 剩余 5小时12分 or 已超期 1小时3分."""
    left = remaining(due, now)
    minutes = int(abs(left).total_seconds() // 60)
    span = f"{minutes // 60}小时{minutes % 60}分"
    return f"剩余 {span}" if left >= timedelta(0) else f"已超期 {span}"


def is_overdue(due: datetime | None, reposted_at: datetime | None, now: datetime) -> bool:
    """Past the deadline and not reposted, or reposted after it."""
    if due is None:
        return False
    return (reposted_at or now) > due
