"""The one scheduler: a leader lease so only one process enqueues, and claims so each due run is queued once.

Each tick the scheduler takes or renews the lease (30 s, renewed every tick of at most 5 s); a second
scheduler started by mistake finds it held and waits as a follower, taking over only once it expires.
Each due schedule is claimed with a conditional UPDATE on its `next_run_at`, so even two processes that
both believe they lead (a lease that expired mid-tick) enqueue a due run exactly once. A run missed while
no scheduler ran is enqueued once when one starts again, not once per missed time. A process killed
between claim and enqueue loses that one run; the schedule's next time still comes.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.audit.events import record_job

from .cron import next_run
from .models import JobRun, Schedule, SchedulerLease
from .runs import enqueue

LEASE_SECONDS = 30
TICK_SECONDS = 5
LEASE_PK = 1
# A schedule that stays due (its claim keeps failing) must not make the loop spin.
MIN_SLEEP_SECONDS = 1.0


def new_holder_id() -> str:
    """hostname:pid:random, so two schedulers never mistake each other even on one host."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"[:255]


def acquire_lease(holder: str, now: datetime) -> bool:
    """Take the lease if it is free, expired or already ours, and extend it; False while another holds it."""
    expires_at = now + timedelta(seconds=LEASE_SECONDS)
    ours = Q(holder=holder) | Q(expires_at__lte=now)
    if SchedulerLease.objects.filter(ours, pk=LEASE_PK).update(holder=holder, expires_at=expires_at):
        return True
    try:
        with transaction.atomic():
            SchedulerLease.objects.create(pk=LEASE_PK, holder=holder, expires_at=expires_at)
    except IntegrityError:
        return False
    return True


def release_lease(holder: str) -> None:
    """Give the lease up at once, so a waiting scheduler can take over at its next tick."""
    SchedulerLease.objects.filter(pk=LEASE_PK, holder=holder).delete()


def claim(schedule: Schedule, now: datetime) -> bool:
    """Move a due schedule to its next time only if nobody else did since we read it; True means enqueue."""
    return bool(
        Schedule.objects.filter(pk=schedule.pk, enabled=True, next_run_at=schedule.next_run_at).update(
            next_run_at=next_run(schedule.cron_expression, now), last_enqueued_at=now
        )
    )


@dataclass
class TickResult:
    """What one tick did: whether we lead, the runs queued, schedules that failed, when the next is due."""

    leader: bool
    enqueued: list[JobRun] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    next_due: datetime | None = None


class Scheduler:
    """Ticks of the scheduler loop; the clock is injectable so tests can move time."""

    def __init__(self, holder: str | None = None, clock: Callable[[], datetime] = timezone.now) -> None:
        self.holder = holder or new_holder_id()
        self.clock = clock

    def tick(self) -> TickResult:
        """Renew (or wait for) the lease; as leader, enqueue every enabled schedule that is due."""
        now = self.clock()
        if not acquire_lease(self.holder, now):
            return TickResult(leader=False)
        result = TickResult(leader=True)
        for schedule in Schedule.objects.filter(enabled=True, next_run_at__lte=now).order_by("next_run_at"):
            self._run_due(schedule, now, result)
        result.next_due = Schedule.objects.filter(enabled=True).aggregate(due=Min("next_run_at"))["due"]
        return result

    def _run_due(self, schedule: Schedule, now: datetime, result: TickResult) -> None:
        """Claim and queue one due schedule; a broken one (task no longer registered…) does not stop the rest."""
        try:
            if claim(schedule, now):
                result.enqueued.append(enqueue(schedule.task_name, args=schedule.args, schedule=schedule))
        except Exception as error:
            result.errors.append(f"{schedule.name}: {error}")
            record_job(schedule.name, _("加入队列失败"), detail={"schedule": schedule.name, "error": str(error)})

    def seconds_until_next_tick(self, result: TickResult) -> float:
        """Until the next due schedule, but never longer than a tick (the lease must be renewed)."""
        if not result.leader or result.next_due is None:
            return TICK_SECONDS
        return min(TICK_SECONDS, max(MIN_SLEEP_SECONDS, (result.next_due - self.clock()).total_seconds()))

    def release(self) -> None:
        """Give up the lease when stopping."""
        release_lease(self.holder)
