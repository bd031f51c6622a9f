"""Jobs registered only for the tests: one that reports progress, one that fails until told not to."""

from __future__ import annotations

from govsite.jobs.models import JobRun
from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register

# What the running job's row showed right after it reported 3/10, for the tests to check.
SEEN_WHILE_RUNNING: list[tuple[int, int, str]] = []
FAILING = {"on": True}


@register("jobs_test.progress", "测试进度任务")
def report_three_of_ten(total: int = 10) -> dict:
    """Report 3 of `total`, note what the row shows, then succeed without reporting the end."""
    report_progress(3, total, "正在检查…")
    running = JobRun.objects.filter(status=JobRun.Status.RUNNING).values_list(
        "progress_done", "progress_total", "message"
    )
    SEEN_WHILE_RUNNING.extend(running)
    return {"checked": total}


@register("jobs_test.fail", "测试失败任务")
def fail_while_on(site_id: int = 0) -> str:
    """Fail with a Chinese message while FAILING is on, as a job whose data source is down would."""
    if FAILING["on"]:
        raise RuntimeError(f"模拟失败：数据源不可用（网站 {site_id}）")
    return "ok"
