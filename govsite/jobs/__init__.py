"""Background jobs and the scheduler: one job API (django_tasks), schedules in the database.

Registering a job (in `<app>/tasks.py`, imported at start-up by `JobsConfig.ready`)::

    from govsite.jobs.progress import report_progress
    from govsite.jobs.registry import register

    @register("publishing.tamper_check", "防篡改检查")
    def tamper_check(site_id: int | None = None) -> dict:
        pages = pages_to_check(site_id)
        for done, page in enumerate(pages, 1):
            check(page)
            report_progress(done, len(pages), f"正在检查 {page.title}")
        return {"checked": len(pages)}

Every registered job is a django_tasks task; start it with `govsite.jobs.runs.enqueue(name, args=...)`
(or the admin, a schedule, `govsite jobs run NAME`), never by calling the function directly, so each
run gets a `JobRun` row (status, progress, error) and start/end entries in the audit log.

Jobs must be safe to re-run. A failed run is re-run with the same arguments (admin "重新运行",
`govsite jobs rerun ID`), a worker that dies mid-job leaves it half done, and two overlapping
schedulers can in rare cases both start it. So write every job to be idempotent: derive what to do from
the current state of the database (not from what an earlier run may have done), write results with
update-or-create keyed by the natural key, send a notice only after recording that it was sent, and
keep arguments JSON-serialisable (ids and strings, never model instances).
"""
