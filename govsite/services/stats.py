"""A site's service figures for the annual website report (R1): the catalogue, its matters and the year's cases."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from .models import ServiceCataloguePage, ServiceGuidePage, ServiceStatistic


@dataclass(frozen=True)
class ServiceCounts:
    catalogue_published: bool  # a live 办事指南目录 on the site
    matters: int  # live service guides (one per matter)
    online_matters: int  # guides that can be handled wholly online (可全程网办)
    cases_total: int  # 办件量 of the year
    cases_person: int
    cases_legal: int


def service_counts(site_record, year: int) -> ServiceCounts:
    """What the report's 办事服务 part states for `site_record` in `year`."""
    root = site_record.site.root_page
    guides = ServiceGuidePage.objects.live().descendant_of(root).filter(archived_at__isnull=True)
    cases = ServiceStatistic.objects.filter(record=site_record, year=year).aggregate(
        total=Sum("cases_total"), person=Sum("cases_person"), legal=Sum("cases_legal"))
    return ServiceCounts(
        catalogue_published=ServiceCataloguePage.objects.live().descendant_of(root).exists(),
        matters=guides.count(),
        online_matters=guides.filter(fully_online=True).count(),
        cases_total=cases["total"] or 0,
        cases_person=cases["person"] or 0,
        cases_legal=cases["legal"] or 0,
    )
