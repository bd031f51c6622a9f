"""Running a job inside its JobRun: status, times, error text, and start/end entries in the audit log."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult

from govsite.audit.context import acting_as, current_actor
from govsite.audit.events import record_job

from .models import JobRun
from .progress import ProgressListener, tracking
from .registry import RegisteredTask

# How much of a traceback is kept on a failed run: enough to see where and why.
ERROR_LINES = 15


def record(run: JobRun, **detail: Any) -> None:
    """One audit entry for the run in its current state (X1, M5 run log)."""
    record_job(
        run.label,
        str(run.get_status_display()),
        progress={"done": run.progress_done, "total": run.progress_total},
        detail={"run": run.pk, "task": run.task_name, **detail},
    )


def error_text(error: BaseException) -> str:
    """The last lines of the traceback: the failing call and the exception message."""
    lines = "".join(traceback.format_exception(error)).rstrip().splitlines()
    return "\n".join(lines[-ERROR_LINES:])


def mark_failed(run: JobRun, error: BaseException) -> None:
    """End the run as failed with the error's traceback, and record it."""
    run.status, run.error, run.finished_at = JobRun.Status.FAILED, error_text(error), timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    record(run, error=run.error.splitlines()[-1] if run.error else "")


def _start(run: JobRun) -> None:
    """Mark the run as running and record it."""
    run.status, run.started_at = JobRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    record(run)


def _succeed(run: JobRun) -> None:
    """Mark the run as complete, its progress full, and record it."""
    run.refresh_from_db(fields=["progress_done", "progress_total", "message"])
    run.progress_done = max(run.progress_done, run.progress_total)
    run.status, run.finished_at = JobRun.Status.SUCCEEDED, timezone.now()
    run.save(update_fields=["status", "finished_at", "progress_done"])
    record(run)


@contextmanager
def on_behalf_of(run: JobRun) -> Iterator[None]:
    """Attribute what is recorded to whoever started the run, unless a request already names its user."""
    user = run.enqueued_by if current_actor() is None else None
    with acting_as(user) if user is not None else nullcontext():
        yield


def execute(
    run: JobRun, func: Callable[..., Any], args: Sequence, kwargs: dict, listener: ProgressListener | None = None
) -> Any:
    """Call the job function with progress tracked; a failure is stored on the run and raised again."""
    with on_behalf_of(run):
        _start(run)
        try:
            with tracking(run.pk, listener):
                value = func(*args, **kwargs)
        except BaseException as error:
            mark_failed(run, error)
            raise
        _succeed(run)
    return value


def run_queued(entry: RegisteredTask, task_result: TaskResult, args: Sequence, kwargs: dict) -> Any:
    """What a queue worker calls: the run `enqueue` linked to this result, or a new one if enqueued directly."""
    run, _created = JobRun.objects.get_or_create(
        task_result_id=str(task_result.id),
        defaults={"task_name": entry.name, "label": entry.label, "args": kwargs or list(args)},
    )
    return execute(run, entry.func, args, kwargs)
