"""`govsite jobs`: a run here with a progress bar, the list, re-running a failure."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from govsite.jobs.models import JobRun
from govsite.jobs.runs import enqueue

pytestmark = pytest.mark.django_db


def jobs(*args: str) -> tuple[str, str]:
    """Run `govsite jobs ...`; (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("jobs", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_run_draws_the_progress_bar(samples, make_user):
    make_user("ops1", None)
    out, err = jobs("run", "jobs_test.progress", "--user", "ops1")
    assert "\r[###.......] 30% 正在检查…" in err and "\r[##########] 100% 正在检查…" in err
    assert "成功" in out and "测试进度任务" in out
    assert JobRun.objects.get().enqueued_by.username == "ops1"


def test_run_fails_with_the_jobs_error(samples):
    with pytest.raises(CommandError, match="模拟失败：数据源不可用（网站 3）"):
        jobs("run", "jobs_test.fail", "--args", '{"site_id": 3}')
    assert JobRun.objects.get().status == "failed"


def test_run_refuses_bad_input_in_chinese(samples):
    with pytest.raises(CommandError, match="没有名为“nope”的后台任务"):
        jobs("run", "nope")
    with pytest.raises(CommandError, match="不是合法的 JSON"):
        jobs("run", "jobs_test.progress", "--args", "{oops")
    with pytest.raises(CommandError, match="参数应为 JSON 数组"):
        jobs("run", "jobs_test.progress", "--args", "3")


def test_list_and_rerun(samples):
    failed = enqueue("jobs_test.fail")
    listed = json.loads(jobs("list", "--json")[0])
    assert [(r["id"], r["status"], r["status_label"]) for r in listed] == [(failed.pk, "failed", "失败")]
    assert "失败" in jobs("list")[0]
    samples.FAILING["on"] = False
    again = json.loads(jobs("rerun", str(failed.pk), "--json")[0])
    assert (again["rerun_of"], again["status"]) == (failed.pk, "succeeded")
    with pytest.raises(CommandError, match="只能重新运行失败的任务"):
        jobs("rerun", str(again["id"]))
    with pytest.raises(CommandError, match="找不到运行记录"):
        jobs("rerun", "999999")
