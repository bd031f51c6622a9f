"""The demo's visits: four months for every site and exactly one persistently low column (C6)."""

import pytest
from django.utils import timezone

from govsite.analytics import stats
from govsite.analytics.demo import DAYS, load_demo
from govsite.analytics.models import SiteVisitDay

pytestmark = pytest.mark.django_db


def test_demo_visits_flag_one_low_column(portal, department):
    load_demo({"portal": portal, "fgj": department}, timezone.now())
    assert SiteVisitDay.objects.filter(record=department).count() == DAYS + 1
    year = stats.visits_in_year(portal, timezone.localdate().year)
    assert year.page_views > year.unique_visitors > 0
    assert [low.column.title for low in stats.low_columns(department, timezone.localdate())] == ["领导信息"]
    assert stats.low_columns(portal, timezone.localdate()) == []
