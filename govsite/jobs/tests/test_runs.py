"""Runs: progress reaches the row, failures keep their traceback, re-runs link back, the audit log hears all."""

import pytest

from govsite.audit.actions import JOB
from govsite.audit.models import AuditEntry
from govsite.jobs.models import JobRun
from govsite.jobs.progress import progress_bar, report_progress
from govsite.jobs.registry import UnknownTask, choices
from govsite.jobs.runs import JobError, enqueue, rerun, run_inline

from .conftest import job_entries

pytestmark = pytest.mark.django_db


def test_progress_is_stored_and_a_success_completes_it(samples, make_user):
    user = make_user("ops1", None)
    run = enqueue("jobs_test.progress", args=[10], user=user)
    assert samples.SEEN_WHILE_RUNNING == [(3, 10, "正在检查…")]
    assert (run.status, run.progress_done, run.progress_total, run.percent) == ("succeeded", 10, 10, 100)
    assert run.task_result_id and run.started_at and run.finished_at and run.enqueued_by == user
    assert job_entries(run) == ["排队中", "运行中", "成功"]
    end = AuditEntry.objects.filter(action=JOB).first()
    assert end.actor == user and end.data["progress"] == {"done": 10, "total": 10}
    assert end.action_label == "后台任务“测试进度任务”：成功"


def test_a_failure_keeps_the_end_of_its_traceback(samples):
    run = enqueue("jobs_test.fail", args={"site_id": 7})
    assert run.status == "failed" and run.finished_at
    assert run.error.splitlines()[-1] == "RuntimeError: 模拟失败：数据源不可用（网站 7）"
    assert "fail_while_on" in run.error
    assert job_entries(run) == ["排队中", "运行中", "失败"]


def test_a_failed_run_is_rerun_with_the_same_arguments(samples, make_user):
    failed = enqueue("jobs_test.fail", args={"site_id": 7})
    with pytest.raises(JobError, match="只能重新运行失败的任务"):
        rerun(enqueue("jobs_test.progress"))
    samples.FAILING["on"] = False
    again = rerun(failed, user=make_user("ops2", None))
    assert (again.rerun_of, again.args, again.status, again.task_name) == (failed, {"site_id": 7}, "succeeded", "jobs_test.fail")
    assert again.pk != failed.pk and again.task_result_id != failed.task_result_id


def test_a_task_enqueued_directly_still_gets_a_run(samples):
    samples.report_three_of_ten.enqueue(5)
    run = JobRun.objects.get()
    assert (run.task_name, run.label, run.status, run.progress_total, run.args) == (
        "jobs_test.progress", "测试进度任务", "succeeded", 5, [5]
    )


def test_inline_runs_have_no_queue_entry_and_feed_a_listener(samples):
    seen = []
    run = run_inline("jobs_test.progress", listener=lambda *report: seen.append(report))
    assert run.task_result_id is None and run.status == "succeeded"
    assert seen == [(3, 10, "正在检查…")]
    assert job_entries(run) == ["运行中", "成功"]


def test_progress_outside_a_job_is_ignored(samples):
    report_progress(1, 2, "无人接收")
    assert not JobRun.objects.exists()


def test_the_builtin_audit_verification(samples):
    assert ("jobs.audit_verify", "审计日志校验（jobs.audit_verify）") in choices()
    run = run_inline("jobs.audit_verify")
    assert run.status == "succeeded" and run.message.startswith("审计日志完整")


def test_unknown_tasks_are_refused_in_chinese(samples):
    with pytest.raises(UnknownTask, match="没有名为“nope”的后台任务"):
        enqueue("nope")


def test_the_text_bar():
    assert progress_bar(5, 10, "正在检查…") == "[#####.....] 50% 正在检查…"
    assert progress_bar(0, 0) == "[..........] 0%"
    assert progress_bar(12, 10) == "[##########] 100%"
