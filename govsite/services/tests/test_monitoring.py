"""Monitoring reads the guides and the statistics (V1, R1), and the annual report's figures."""


import pytest
from django.utils import timezone

from govsite.monitoring.facts import site_facts
from govsite.monitoring.inspection import inspect
from govsite.monitoring.models import Rectification
from govsite.services.models import ServiceStatistic
from govsite.services.stats import ServiceCounts, service_counts

from .conftest import bare_guide, catalogue, complete_guide

pytestmark = pytest.mark.django_db


def test_an_incomplete_guide_is_reported_and_sent_to_the_unit(department, jtj_catalogue, settings):
    settings.GOVSITE_MONITOR_ORIGIN = "http://127.0.0.1:9"  # the home page cannot be fetched: page checks skipped
    column = jtj_catalogue.get_parent().specific
    column.responsible_unit, column.responsible_person = "行政审批科", "赵指南"
    column.save_revision().publish()
    complete_guide(jtj_catalogue, "义务教育阶段入学登记")
    bare_guide(jtj_catalogue, "民办学校办学许可")

    inspection = inspect(department)
    [result] = [r for r in inspection.results if r["key"] == "services_not_practical"]
    missing = "受理条件、申请材料、收费标准、办理时间、咨询电话、办理流程、办理时限"
    assert f"办事指南“民办学校办学许可”缺少办理依据、{missing}" in result["evidence"]
    assert result["veto"]  # one of two guides incomplete: 50% ≥ 20%
    [item] = Rectification.objects.filter(record=department, kind="incomplete_guide")
    assert item.description == f"办事指南“民办学校办学许可”缺少办理依据、{missing}"
    assert (item.responsible_unit, item.responsible_person) == ("行政审批科", "赵指南")


def test_statistics_date_the_service_update(department):
    assert site_facts(department).service_stats_last_update is None
    ServiceStatistic.objects.create(record=department, year=2026, month=1, cases_total=3)
    assert site_facts(department).service_stats_last_update == timezone.localdate()


def test_service_counts_for_the_annual_report(department, portal):
    assert service_counts(department, 2026) == ServiceCounts(False, 0, 0, 0, 0, 0)
    shelf = catalogue(department)
    complete_guide(shelf, "义务教育阶段入学登记")
    bare_guide(shelf, "民办学校办学许可")
    for month, total in ((1, 10), (2, 20)):
        ServiceStatistic.objects.create(record=department, year=2026, month=month, cases_total=total,
                                        cases_person=total - 1, cases_legal=1)
    ServiceStatistic.objects.create(record=department, year=2025, month=12, cases_total=999)
    ServiceStatistic.objects.create(record=portal, year=2026, month=1, cases_total=777)
    assert service_counts(department, 2026) == ServiceCounts(True, 2, 1, 30, 28, 2)
