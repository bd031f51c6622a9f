"""`govsite scheduler [--once] [--json]`: the one process that enqueues due schedules."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.cli import JsonCommand
from govsite.jobs.scheduler import LEASE_SECONDS, TICK_SECONDS, Scheduler, TickResult

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT end the loop after the current tick instead of killing it mid-enqueue."""
    previous = {sig: signal.signal(sig, lambda *_args: stop.set()) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class Command(JsonCommand):
    """Tick until stopped: hold the leader lease, enqueue due schedules, sleep until the next is due."""

    help = _(
        "定时任务调度器：按“后台任务 → 定时任务”把到期的任务加入队列（由 govsite worker 执行）。"
        "全平台只运行一个；误启动的第二个持有不到租约（%(lease)s 秒，每 %(tick)s 秒续约），只作备用等待，不会重复加入队列。"
        "SIGTERM 或 Ctrl+C 停止并释放租约。"
    ) % {"lease": LEASE_SECONDS, "tick": TICK_SECONDS}

    def add_arguments(self, parser) -> None:
        """`--once` for tests and troubleshooting, `--json` for one JSON line per reported tick."""
        super().add_arguments(parser)
        parser.add_argument("--once", action="store_true", help=_("只执行一轮后退出"))

    def handle(self, *args, **options) -> None:
        """Loop until a signal (or after one tick with --once), then release the lease."""
        scheduler, stop = Scheduler(), threading.Event()
        was_leader: bool | None = None
        with stop_on_signals(stop):
            try:
                while True:
                    result = self._tick(scheduler)
                    self._report(options, scheduler, result, changed=result.leader != was_leader)
                    was_leader = result.leader
                    if options["once"] or stop.wait(scheduler.seconds_until_next_tick(result)):
                        break
                    close_old_connections()  # after sleeping, as Django does per request
            finally:
                scheduler.release()
        if not options["json"]:
            self.stdout.write(_("调度器已停止，已释放租约"))

    def _tick(self, scheduler: Scheduler) -> TickResult:
        """One tick; a database hiccup is reported and retried next tick rather than ending the process."""
        try:
            return scheduler.tick()
        except DatabaseError as error:
            self.stderr.write(_("数据库暂时不可用，稍后重试：%(error)s") % {"error": error})
            return TickResult(leader=False)

    def _report(self, options, scheduler: Scheduler, result: TickResult, *, changed: bool) -> None:
        """Leadership changes, queued runs and errors; every tick with --once."""
        for error in result.errors:
            self.stderr.write(_("定时任务加入队列失败：%(error)s") % {"error": error})
        if not (changed or result.enqueued or options["once"]):
            return
        if options["json"]:
            self.stdout.write(json.dumps(self._tick_data(scheduler, result), ensure_ascii=False))
            return
        if changed:
            self.stdout.write(
                _("本进程是主调度器（%(holder)s）") % {"holder": scheduler.holder} if result.leader
                else _("另一个调度器持有租约，本进程作为备用等待（%(holder)s）") % {"holder": scheduler.holder}
            )
        for run in result.enqueued:
            self.stdout.write(
                _("已加入队列：#%(id)s %(label)s（定时任务“%(schedule)s”）")
                % {"id": run.pk, "label": run.label, "schedule": run.schedule.name if run.schedule else ""}
            )

    def _tick_data(self, scheduler: Scheduler, result: TickResult) -> dict:
        """The tick as JSON: lease state, runs queued, errors, next due time (local)."""
        return {
            "holder": scheduler.holder,
            "leader": result.leader,
            "enqueued": [
                {"id": run.pk, "task": run.task_name, "schedule": run.schedule.name if run.schedule else None,
                 "status": run.status}
                for run in result.enqueued
            ],
            "errors": result.errors,
            "next_due": timezone.localtime(result.next_due).isoformat() if result.next_due else None,
        }
