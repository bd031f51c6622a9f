"""Starting jobs: queue them for a worker, re-run a failed run, or run one inline in this process."""

from __future__ import annotations

from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django_tasks import TaskResult

from . import registry
from .execution import execute, mark_failed, on_behalf_of, record
from .models import JobRun, Schedule, split_args
from .progress import ProgressListener


class JobError(Exception):
    """A job operation refused, with a message for the person who asked."""


@dataclass(frozen=True)
class _Expected:
    """The run `enqueue` is creating a queue entry for, and the task that entry must be for."""

    run_id: int
    module_path: str


_expected: ContextVar[_Expected | None] = ContextVar("govsite_job_expected", default=None)


def link_result(sender: Any, task_result: TaskResult, **kwargs: Any) -> None:
    """`task_enqueued` receiver: stamp the queue's result id on the run before any worker can start it."""
    expected = _expected.get()
    if expected is None or task_result.task.module_path != expected.module_path:
        return
    _expected.set(None)
    JobRun.objects.filter(pk=expected.run_id).update(task_result_id=str(task_result.id))


def _new_run(entry: registry.RegisteredTask, args: list | dict | None, user, **links: Any) -> JobRun:
    """The JobRun row of a run about to start or be queued."""
    return JobRun.objects.create(
        task_name=entry.name, label=entry.label, args=args if args is not None else [], enqueued_by=user, **links
    )


def enqueue(
    name: str,
    *,
    args: list | dict | None = None,
    user=None,
    schedule: Schedule | None = None,
    rerun_of: JobRun | None = None,
) -> JobRun:
    """Queue the registered job `name` (list args are positional, a dict is keywords); recorded in the audit log."""
    entry = registry.get(name)
    run = _new_run(entry, args, user, schedule=schedule, rerun_of=rerun_of)
    positional, keywords = split_args(args)
    with on_behalf_of(run):
        record(run, schedule=schedule.name if schedule else None, rerun_of=rerun_of.pk if rerun_of else None)
        token = _expected.set(_Expected(run.pk, entry.task.module_path))
        try:
            entry.task.enqueue(*positional, **keywords)
        except Exception as error:
            mark_failed(run, error)
            raise
        finally:
            _expected.reset(token)
    run.refresh_from_db()
    return run


def rerun(run: JobRun, *, user=None) -> JobRun:
    """Queue a failed run again with the same arguments, as a new run linked to it."""
    if run.status != JobRun.Status.FAILED:
        raise JobError(_("只能重新运行失败的任务：#%(id)s 的状态是“%(status)s”") % {"id": run.pk, "status": run.get_status_display()})
    if run.reruns.filter(status__in=[JobRun.Status.QUEUED, JobRun.Status.RUNNING]).exists():
        raise JobError(_("任务 #%(id)s 已在重新运行，请等它结束") % {"id": run.pk})
    return enqueue(run.task_name, args=run.args, user=user, schedule=run.schedule, rerun_of=run)


def run_inline(
    name: str, *, args: list | dict | None = None, user=None, listener: ProgressListener | None = None
) -> JobRun:
    """Run the job in this process (the CLI), tracked like a queued run; a failure is left on the run."""
    entry = registry.get(name)
    run = _new_run(entry, args, user)
    positional, keywords = split_args(args)
    with suppress(Exception):
        execute(run, entry.func, positional, keywords, listener)
    run.refresh_from_db()
    return run
