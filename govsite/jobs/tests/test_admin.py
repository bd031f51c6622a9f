"""The admin: 任务记录 with progress and re-run (permission-checked), 定时任务 edited and audited."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from govsite.audit.actions import JOB
from govsite.audit.models import AuditEntry
from govsite.jobs.models import JobRun, Schedule
from govsite.jobs.runs import enqueue
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
INDEX = "job_runs:index"


def grant(user, *codenames: str):
    """Give the user the jobs permissions (until the roles grant them)."""
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="jobs", codename__in=codenames))
    return user


def shown(page: str) -> set[int]:
    """The runs listed on a page, by the links to their detail."""
    return {run.pk for run in JobRun.objects.all() if reverse("job_runs:inspect", args=[run.pk]) in page}


@pytest.fixture
def office(make_user, portal):
    """An admin user holding exactly the two job permissions (an editor holds none of its own)."""
    return grant(make_user("office1", Role.EDITOR, portal), "view_jobrun", "rerun_jobrun")


@pytest.fixture
def runs(samples):
    return {"ok": enqueue("jobs_test.progress", args=[4]), "failed": enqueue("jobs_test.fail", args={"site_id": 9})}


def test_the_list_shows_status_progress_error_and_filters(client, office, runs):
    client.force_login(office)
    page = client.get(reverse(INDEX)).content.decode()
    assert "测试进度任务" in page and "测试失败任务" in page
    assert 'value="100"' in page and "（4/4）" in page and "成功" in page and "失败" in page
    assert "RuntimeError: 模拟失败：数据源不可用（网站 9）" in page
    assert page.count("重新运行</button>") == 1
    failed_only = client.get(reverse(INDEX), {"status": "failed"}).content.decode()
    assert shown(failed_only) == {runs["failed"].pk}
    by_task = client.get(reverse(INDEX), {"task_name": "jobs_test.progress"}).content.decode()
    assert shown(by_task) == {runs["ok"].pk}
    detail = client.get(reverse("job_runs:inspect", args=[runs["failed"].pk])).content.decode()
    assert "fail_while_on" in detail and "重新运行</button>" in detail
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in home and reverse("job_schedules:index") not in home


def test_rerun_over_http_creates_a_linked_run_and_is_audited(client, office, runs):
    client.force_login(office)
    response = client.post(reverse("job_runs:rerun", args=[runs["failed"].pk]), REMOTE_ADDR="10.2.2.2")
    again = JobRun.objects.get(rerun_of=runs["failed"])
    assert response.status_code == 302 and response["Location"] == reverse("job_runs:inspect", args=[again.pk])
    assert again.args == {"site_id": 9} and again.enqueued_by == office
    queued = AuditEntry.objects.filter(action=JOB, data__status="排队中").first()
    assert (queued.actor, queued.ip, queued.data["detail"]["rerun_of"]) == (office, "10.2.2.2", runs["failed"].pk)
    refused = client.post(reverse("job_runs:rerun", args=[runs["ok"].pk]))
    assert refused.status_code == 302 and not JobRun.objects.filter(rerun_of=runs["ok"]).exists()


def test_rerun_needs_its_own_permission(client, make_user, portal, runs):
    viewer = grant(make_user("viewer1", Role.EDITOR, portal), "view_jobrun")
    client.force_login(viewer)
    assert "重新运行</button>" not in client.get(reverse(INDEX)).content.decode()
    response = client.post(reverse("job_runs:rerun", args=[runs["failed"].pk]))
    assert response.status_code in (302, 403)
    assert not JobRun.objects.filter(rerun_of__isnull=False).exists()


def test_the_pages_need_the_view_permission(client, make_user, portal, runs):
    client.force_login(make_user("editor1", Role.EDITOR, portal))
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403) and "测试失败任务" not in response.content.decode()
    assert client.get(reverse("job_runs:inspect", args=[runs["ok"].pk])).status_code in (302, 403)
    assert reverse(INDEX) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_schedules_are_edited_in_the_admin_and_audited(client, make_user, samples):
    admin = grant(make_user("sysadmin1", Role.SYSTEM_ADMIN), "add_schedule", "change_schedule", "view_schedule")
    client.force_login(admin)
    form = {"name": "每日校验", "task_name": "jobs.audit_verify", "cron_expression": "0 25 * * *", "args": "[]",
            "enabled": "on"}
    bad = client.post(reverse("job_schedules:add"), form)
    assert bad.status_code == 200 and "Cron 表达式无效" in bad.content.decode()
    client.post(reverse("job_schedules:add"), {**form, "cron_expression": "0 2 * * *"})
    schedule = Schedule.objects.get()
    first_next = schedule.next_run_at
    assert first_next is not None and AuditEntry.objects.filter(action="wagtail.create", actor=admin).exists()
    client.post(reverse("job_schedules:edit", args=[schedule.pk]), {**form, "cron_expression": "0 3 * * *"})
    schedule.refresh_from_db()
    assert schedule.next_run_at - first_next == timedelta(hours=1)
    assert AuditEntry.objects.filter(action="wagtail.edit", actor=admin).exists()
    assert "每日校验" in client.get(reverse("job_schedules:index")).content.decode()
