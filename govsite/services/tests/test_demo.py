"""The demo's service guides: catalogues, complete guides across themes, one incomplete guide, statistics."""

import pytest
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.monitoring.facts import site_facts
from govsite.services.demo import load_demo
from govsite.services.models import ServiceCataloguePage, ServiceStatistic
from govsite.services.stats import service_counts

pytestmark = pytest.mark.django_db


def test_the_demo_loads_guides_an_incomplete_one_and_statistics(client, portal, department):
    now = timezone.now()
    load_demo({"portal": portal, "jtj": department}, now)
    counts = service_counts(portal, now.year)
    assert (counts.catalogue_published, counts.matters, counts.online_matters) == (True, 2, 1)
    assert service_counts(department, now.year).matters == 3
    incomplete = [g for g in site_facts(department).guides if g.missing]
    assert [g.title for g in incomplete] == ["民办学校办学许可"]
    assert ServiceStatistic.objects.filter(record=portal).count() == 4
    column = ColumnPage.objects.descendant_of(department.site.root_page).get(title="办事服务")
    html = client.get(column.get_url_parts()[2], HTTP_HOST="jtj.localhost").content.decode()
    shelf = ServiceCataloguePage.objects.descendant_of(column).get()
    assert f'{shelf.get_url_parts()[2]}">办事指南目录</a>' in html  # the column leads to its catalogue
