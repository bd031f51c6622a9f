"""With the database queue, a queued job waits for the worker, which runs it and completes its JobRun."""

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from govsite.jobs.runs import enqueue

from .conftest import job_entries

pytestmark = pytest.mark.django_db
WORKER_ONCE = ("--batch", "--no-startup-delay", "--no-reload")


def test_db_worker_runs_a_queued_job(samples, db_queue):
    run = enqueue("jobs_test.progress", args=[10])
    assert run.status == "queued" and DBTaskResult.objects.get().status == "READY"
    assert str(DBTaskResult.objects.get().id) == run.task_result_id
    call_command("db_worker", *WORKER_ONCE, verbosity=0)
    run.refresh_from_db()
    assert (run.status, run.progress_done, run.progress_total) == ("succeeded", 10, 10)
    assert samples.SEEN_WHILE_RUNNING == [(3, 10, "正在检查…")]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert job_entries(run) == ["排队中", "运行中", "成功"]


def test_worker_passes_options_through_and_records_failures(samples, db_queue):
    run = enqueue("jobs_test.fail", args=[5])
    call_command("worker", *WORKER_ONCE, "--queue-name", "default", verbosity=0)
    run.refresh_from_db()
    assert run.status == "failed" and "网站 5" in run.error
    assert DBTaskResult.objects.get().status == "FAILED"


def test_worker_refuses_without_a_database_queue(samples):
    with pytest.raises(CommandError, match="rqworker"):
        call_command("worker", "--batch")
