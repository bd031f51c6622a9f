"""Analytics jobs the scheduler runs."""

from django.utils import timezone

from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register


@register("analytics.rollup", "访问统计汇总")
def rollup() -> dict:
    """Daily after midnight (and whenever started): totals of finished days, their marks and salts discarded."""
    from .rollup import roll_up_pending

    return roll_up_pending(timezone.localdate(), lambda done, total, day: report_progress(done, total, day))
