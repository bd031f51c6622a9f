"""The time the platform's steps are stamped with: the real time, or one a demo or a test sets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_clock: ContextVar[Callable[[], datetime]] = ContextVar("govsite_clock", default=timezone.now)


def now() -> datetime:
    """The current time, or the time set by the innermost `clock_at`."""
    return _clock.get()()


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Take the steps inside the block as if at `moment` (the demo's past letters and requests, tests)."""
    token = _clock.set(lambda: moment)
    try:
        yield
    finally:
        _clock.reset(token)
