"""Collection jobs (G1): every source whose schedule has come round, and one source on demand."""

from __future__ import annotations

from django.utils.translation import gettext as _

from govsite.core.clock import now
from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register

from .models import CollectionSource
from .runs import collect


def _counts(run) -> dict:
    return {"found": run.found, "new": run.new, "skipped": run.skipped, "failed": run.failed, "error": run.error}


@register("collector.run_due", "按计划采集到期的采集源")
def run_due_sources() -> dict:
    """Run by the scheduler every 5 minutes: each active source whose cron time has come, one after another."""
    moment = now()
    due = [source for source in CollectionSource.objects.filter(active=True).select_related("target")
           if source.is_due(moment)]
    totals = {"sources": len(due), "new": 0, "failed": 0}
    for done, source in enumerate(due, start=1):
        run = collect(source)
        totals["new"] += run.new
        totals["failed"] += run.failed
        report_progress(done, len(due), _("已采集 %(name)s") % {"name": source.name})
    return totals


@register("collector.run_source", "采集指定的采集源")
def run_source(source_id: int) -> dict:
    """Manual collection (G1): one source now, whatever its schedule; per-item progress comes from the run."""
    return _counts(collect(CollectionSource.objects.select_related("target").get(pk=source_id)))
