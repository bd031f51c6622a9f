"""What monitoring reads of a site's services: its published guides' elements and its statistics' freshness."""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.utils import timezone

from govsite.monitoring.indicators import GuideState

from .completeness import describe_missing, guide_state
from .models import ServiceGuidePage, ServiceStatistic


def _live_guides(record):
    return ServiceGuidePage.objects.live().descendant_of(record.site.root_page).filter(
        archived_at__isnull=True).prefetch_related("materials", "steps", "related_policies")


def guide_states(record) -> list[GuideState]:
    """Every live guide of the site with the key elements it fills in (V1, services_not_practical)."""
    return [guide_state(g.facts()) for g in _live_guides(record)]


def stats_last_update(record) -> date | None:
    """The day the site's case statistics were last entered or imported (办事服务统计数据3个月未更新)."""
    newest = ServiceStatistic.objects.filter(record=record).aggregate(m=Max("updated_at"))["m"]
    return timezone.localdate(newest) if newest else None


def guide_findings(record, severity) -> list:
    """One rectification finding per live guide missing key elements, placed in its column for the unit (V1)."""
    from govsite.monitoring.rectification import Finding

    return [Finding("incomplete_guide", guide.full_url or guide.url_path, describe_missing(guide.title, missing),
                    severity, guide.column)
            for guide in _live_guides(record) if (missing := guide.missing_elements())]
