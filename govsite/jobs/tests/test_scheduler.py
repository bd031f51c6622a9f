"""The scheduler: one leader enqueues, a due run is queued exactly once, the lease passes on expiry."""

import json
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from govsite.audit.actions import JOB
from govsite.audit.models import AuditEntry
from govsite.jobs.models import JobRun, Schedule, SchedulerLease
from govsite.jobs.scheduler import LEASE_SECONDS, Scheduler, claim

pytestmark = pytest.mark.django_db
T0 = datetime(2025, 3, 1, 1, 0, 30, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(T0)


def due_schedule(name: str = "每分钟测试", task_name: str = "jobs_test.progress", **fields) -> Schedule:
    """A schedule that came due half a minute before T0 (unless told otherwise)."""
    fields.setdefault("next_run_at", T0 - timedelta(seconds=30))
    return Schedule.objects.create(name=name, task_name=task_name, cron_expression="* * * * *", **fields)


def test_only_the_leader_enqueues_and_only_once(samples, clock):
    schedule = due_schedule(args={"total": 4})
    first, second = Scheduler("host:1:a", clock), Scheduler("host:2:b", clock)
    led = first.tick()
    followed = second.tick()
    assert led.leader and [run.schedule for run in led.enqueued] == [schedule]
    assert not followed.leader and followed.enqueued == []
    assert first.tick().enqueued == []
    run = JobRun.objects.get()
    assert (run.status, run.progress_done, run.progress_total, run.args) == ("succeeded", 4, 4, {"total": 4})
    schedule.refresh_from_db()
    assert schedule.last_enqueued_at == T0 and schedule.next_run_at == datetime(2025, 3, 1, 1, 1, tzinfo=UTC)
    queued = [e for e in AuditEntry.objects.filter(action=JOB) if e.data["status"] == "排队中"]
    assert [e.data["detail"]["schedule"] for e in queued] == ["每分钟测试"]


def test_a_due_run_is_claimed_once_even_by_two_leaders(samples):
    stale = due_schedule()
    # Both processes read the schedule while it was due (an expired lease let both lead).
    assert claim(stale, T0) is True
    assert claim(stale, T0) is False
    assert Schedule.objects.get().next_run_at == datetime(2025, 3, 1, 1, 1, tzinfo=UTC)


def test_the_lease_passes_to_the_follower_only_when_it_expires(samples, clock):
    first, second = Scheduler("host:1:a", clock), Scheduler("host:2:b", clock)
    assert first.tick().leader
    clock.now = T0 + timedelta(seconds=LEASE_SECONDS - 1)
    assert not second.tick().leader
    due_schedule(next_run_at=clock.now)  # due while the first leader has gone quiet
    clock.now = T0 + timedelta(seconds=LEASE_SECONDS + 1)
    taken = second.tick()
    assert taken.leader and len(taken.enqueued) == 1
    assert not first.tick().leader
    assert SchedulerLease.objects.get().holder == "host:2:b"
    second.release()
    assert first.tick().leader


def test_disabled_and_future_schedules_wait(samples, clock):
    due_schedule("停用", enabled=False)
    due_schedule("未到期", next_run_at=T0 + timedelta(minutes=5))
    result = Scheduler("host:1:a", clock).tick()
    assert result.enqueued == [] and result.next_due == T0 + timedelta(minutes=5)
    assert Scheduler("host:1:a", clock).seconds_until_next_tick(result) == 5


def test_a_broken_schedule_does_not_stop_the_others(samples, clock):
    due_schedule("已删除的任务", task_name="gone.task")
    due_schedule("正常")
    result = Scheduler("host:1:a", clock).tick()
    assert [run.schedule.name for run in result.enqueued] == ["正常"]
    assert result.errors and "gone.task" in result.errors[0]
    assert AuditEntry.objects.filter(action=JOB, data__status="加入队列失败").exists()


def test_the_command_runs_one_tick_and_releases_the_lease(samples):
    Schedule.objects.create(name="命令测试", task_name="jobs_test.progress", cron_expression="* * * * *")
    Schedule.objects.update(next_run_at=datetime(2020, 1, 1, tzinfo=UTC))
    out = StringIO()
    call_command("scheduler", "--once", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["leader"] is True
    assert [(r["schedule"], r["status"]) for r in data["enqueued"]] == [("命令测试", "succeeded")]
    assert not SchedulerLease.objects.exists()
    text = StringIO()
    call_command("scheduler", "--once", stdout=text)
    assert "主调度器" in text.getvalue() and "已释放租约" in text.getvalue()
