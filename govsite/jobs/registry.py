"""The named jobs schedules, the admin and the CLI can start (see the package docstring).

`register(name, label)` turns a function (or an existing django_tasks task) into a task whose runs are
tracked as `JobRun` rows. Kept free of model imports: the `Schedule` model takes its choices from here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import Task, TaskContext


class UnknownTask(LookupError):
    """A task name no app has registered."""


@dataclass(frozen=True)
class RegisteredTask:
    """A job as the platform knows it: stable name, Chinese label, the queued task, the plain function."""

    name: str
    label: str
    task: Task
    func: Callable[..., Any]


_registry: dict[str, RegisteredTask] = {}


def _tracked(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """The function the queue calls: runs `func` inside a JobRun; named like `func` so workers import it."""

    def run(context: TaskContext, *args: Any, **kwargs: Any) -> Any:
        # Imported here: execution needs the models, and the models need this module for choices.
        from .execution import run_queued

        return run_queued(get(name), context.task_result, args, kwargs)

    run.__module__, run.__name__, run.__qualname__ = func.__module__, func.__name__, func.__qualname__
    run.__doc__ = func.__doc__
    return run


def register(name: str, label: str, **task_options: Any) -> Callable[[Callable[..., Any] | Task], Task]:
    """Decorate a job function (or a `@task`) where it is defined; `task_options` go to `django_tasks.task`."""

    def decorate(target: Callable[..., Any] | Task) -> Task:
        if isinstance(target, Task):
            if target.takes_context:
                raise ImproperlyConfigured(_("任务 %(name)s 不能使用 takes_context，进度请用 report_progress 报告") % {"name": name})
            func = target.func
            queued = dataclasses.replace(target, func=_tracked(name, func), takes_context=True)
        else:
            func = target
            queued = task(takes_context=True, **task_options)(_tracked(name, func))
        existing = _registry.get(name)
        if existing and existing.task.module_path != queued.module_path:
            raise ImproperlyConfigured(_("任务名 %(name)s 已被 %(path)s 使用") % {"name": name, "path": existing.task.module_path})
        _registry[name] = RegisteredTask(name, label, queued, func)
        return queued

    return decorate


def get(name: str) -> RegisteredTask:
    """The registered job called `name`; refused in Chinese when no app registered it."""
    try:
        return _registry[name]
    except KeyError:
        raise UnknownTask(_("没有名为“%(name)s”的后台任务") % {"name": name}) from None


def choices() -> list[tuple[str, str]]:
    """(name, "label（name）") of every registered job, for forms and filters."""
    return [(name, f"{entry.label}（{name}）") for name, entry in sorted(_registry.items())]
