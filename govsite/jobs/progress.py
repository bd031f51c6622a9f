"""Progress reports from inside a running job, to its JobRun row and to the CLI bar."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .models import JobRun, percent

ProgressListener = Callable[[int, int, str], None]
# Progress is written at most this often (seconds), so a job reporting per item stays cheap.
WRITE_INTERVAL = 1.0
BAR_WIDTH = 10


@dataclass
class _Tracked:
    """The JobRun the code running in this context reports to."""

    run_id: int
    listener: ProgressListener | None
    last_write: float = float("-inf")


_current: ContextVar[_Tracked | None] = ContextVar("govsite_job_run", default=None)


@contextmanager
def tracking(run_id: int, listener: ProgressListener | None = None) -> Iterator[None]:
    """Send `report_progress` calls inside the block to this run (and to `listener`, e.g. the CLI bar)."""
    token = _current.set(_Tracked(run_id, listener))
    try:
        yield
    finally:
        _current.reset(token)


def report_progress(done: int, total: int, message: str = "") -> None:
    """Record that `done` of `total` steps are finished; does nothing outside a job."""
    tracked = _current.get()
    if tracked is None:
        return
    done, total = max(0, int(done)), max(0, int(total))
    if tracked.listener:
        tracked.listener(done, total, message)
    now = time.monotonic()
    if done < total and now - tracked.last_write < WRITE_INTERVAL:
        return
    tracked.last_write = now
    JobRun.objects.filter(pk=tracked.run_id).update(
        progress_done=done, progress_total=total, message=message[: JobRun._meta.get_field("message").max_length]
    )


def progress_bar(done: int, total: int, message: str = "") -> str:
    """`[#####.....] 50% 正在检查…`: the text bar `govsite jobs run` draws on stderr."""
    filled = percent(done, total) * BAR_WIDTH // 100
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent(done, total)}% {message}".rstrip()
